package io.parzen.deploy.launcher;

import io.parzen.deploy.kafka.security.ClientSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./parzen up --secure} changes in the launcher: the embedded broker runs in secure mode
 * (its own log folder {@code <state>/kafka-secure}, security files in {@code <state>/kafka-security})
 * and each service gets ITS OWN principal's standard Kafka client settings as environment variables
 * ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG},
 * {@code KAFKA_SSL_TRUSTSTORE_LOCATION/PASSWORD/TYPE}), which Quarkus maps to {@code kafka.*}.
 * With an external broker ({@code --kafka}) the same files are read, written by the operator.
 */
final class KafkaSecuritySettings {

    private KafkaSecuritySettings() {
    }

    /** {@code <state>/kafka-security}: certificates, passwords, {@code <principal>.properties}. */
    static Path securityDir(LaunchConfig c) {
        return c.stateDir().resolve("kafka-security");
    }

    /** The secured broker's own log folder: a plaintext log folder has no SCRAM credentials of the super users. */
    static Path logDir(LaunchConfig c) {
        return c.stateDir().resolve("kafka-secure");
    }

    /** The extra arguments of {@code KafkaMain} in secure mode. */
    static List<String> kafkaArguments(LaunchConfig c) {
        return List.of("--secure", securityDir(c).toString());
    }

    /** A service's Kafka client settings as environment variables; its principal is its id (e.g. task-service). */
    static Map<String, String> environment(LaunchConfig c, Component service) {
        try {
            return ClientSecurity.read(securityDir(c), service.id()).environment();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with the file to write if a service's client settings are missing or unreadable. */
    static void check(LaunchConfig c) throws LaunchException {
        for (Component s : Component.SERVICES) {
            try {
                ClientSecurity.read(securityDir(c), s.id());
            } catch (IOException e) {
                throw new LaunchException("--secure: " + e.getMessage(), null);
            }
        }
    }

    /** The line {@code up} prints about Kafka. */
    static String describe(LaunchConfig c) {
        return ClientSecurity.PROTOCOL + " " + ClientSecurity.MECHANISM + ", client settings per principal in "
                + securityDir(c) + " (e.g. platform.properties)";
    }
}
