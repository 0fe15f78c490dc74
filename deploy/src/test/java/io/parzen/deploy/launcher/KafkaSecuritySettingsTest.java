package io.parzen.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parzen.deploy.kafka.security.ClientSecurity;
import io.parzen.deploy.kafka.security.SecureBroker;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code up --secure}: each service gets its own principal's standard Kafka client settings. */
class KafkaSecuritySettingsTest {

    @TempDir
    Path state;

    private ParzenSystem system() {
        LaunchConfig cfg = LaunchConfig.defaults(state).withStateDir(state);
        return new ParzenSystem(cfg, new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    void eachServiceGetsItsOwnPrincipal() throws Exception {
        SecureBroker broker = SecureBroker.prepare(state.resolve("kafka-security"), List.of());
        ParzenSystem sys = system().secureKafka(true);
        Set<String> passwords = new HashSet<>();
        for (Component c : Component.SERVICES) {
            Map<String, String> env = sys.serviceEnvironment(c);
            ClientSecurity own = broker.client(c.id());
            assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL"));
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"));
            assertEquals(own.jaasConfig(), env.get("KAFKA_SASL_JAAS_CONFIG"));
            assertTrue(env.get("KAFKA_SASL_JAAS_CONFIG").contains("username=\"" + c.id() + "\""));
            assertTrue(Files.isRegularFile(Path.of(env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"))));
            assertEquals(own.truststorePassword(), env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD"));
            assertEquals("PKCS12", env.get("KAFKA_SSL_TRUSTSTORE_TYPE"));
            passwords.add(own.password());
        }
        assertEquals(Component.SERVICES.size(), passwords.size(), "a password per service");
        KafkaSecuritySettings.check(sys.config());
    }

    @Test
    void plaintextByDefault() {
        Map<String, String> env = system().serviceEnvironment(Component.TASK);
        assertFalse(env.keySet().stream().anyMatch(k -> k.startsWith("KAFKA_S")), env.keySet().toString());
    }

    @Test
    void missingClientSettingsNameTheFile() throws Exception {
        LaunchException e = assertThrows(LaunchException.class, () -> KafkaSecuritySettings.check(system().config()));
        assertTrue(e.getMessage().contains(state.resolve("kafka-security/task-service.properties").toString()),
                e.getMessage());
    }

    @Test
    void theModeIsSavedWithTheSystem() throws Exception {
        ParzenSystem sys = system().secureKafka(true);
        sys.save();
        assertTrue(ParzenSystem.savedSecureKafka(sys.config()));
        system().save();
        assertFalse(ParzenSystem.savedSecureKafka(sys.config()));
    }
}
