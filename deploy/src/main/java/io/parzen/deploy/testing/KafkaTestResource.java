package io.parzen.deploy.testing;

import io.parzen.deploy.kafka.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real in-JVM Kafka broker (KRaft) on free ports for a module's {@code @QuarkusTest}s and
 * points {@code kafka.bootstrap.servers} at it. One broker per test run: attach it with
 * {@code @QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)}.
 * With {@code -Dparzen.test.kafka=host:port} an external broker is used instead.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafka broker;

    @Override
    public synchronized Map<String, String> start() {
        String external = System.getProperty("parzen.test.kafka");
        if (external != null && !external.isBlank()) {
            return Map.of("kafka.bootstrap.servers", external);
        }
        try {
            if (broker == null) {
                broker = EmbeddedKafka.onFreePorts().start();
            }
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker", e);
        }
    }

    /** The broker's address, for tests that produce or consume directly. */
    public static synchronized String bootstrapServers() {
        String external = System.getProperty("parzen.test.kafka");
        if (external != null && !external.isBlank()) {
            return external;
        }
        return broker == null ? null : broker.bootstrapServers();
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
