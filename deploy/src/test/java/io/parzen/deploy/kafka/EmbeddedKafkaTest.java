package io.parzen.deploy.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.parzen.deploy.testing.ListeningSockets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-JVM broker: produce and consume with plain clients, then restart on the same log folder. */
public class EmbeddedKafkaTest {

    @TempDir
    Path dir;

    @Test
    void producesConsumesAndKeepsDataAcrossRestart() throws Exception {
        int port = EmbeddedKafka.freePort();
        int cport = EmbeddedKafka.freePort();
        Path logDir = dir.resolve("kafka");
        try (EmbeddedKafka kafka = new EmbeddedKafka(port, cport, logDir).start()) {
            assertTrue(Files.exists(logDir.resolve("meta.properties")), "formatted on first start");
            produce(kafka.bootstrapServers(), "smoke", 10);
            assertEquals(10, consumeAll(kafka.bootstrapServers(), "smoke", 10).size());
        }
        // second start reuses the formatted folder and still has the records
        try (EmbeddedKafka kafka = new EmbeddedKafka(port, cport, logDir).start()) {
            List<String> values = consumeAll(kafka.bootstrapServers(), "smoke", 10);
            assertEquals(10, values.size());
            assertTrue(values.contains("v7"));
        }
    }

    @Test
    void listensOnLoopbackOnlyUnlessToldOtherwise() throws Exception {
        int port = EmbeddedKafka.freePort();
        int cport = EmbeddedKafka.freePort();
        try (EmbeddedKafka kafka = new EmbeddedKafka(port, cport, dir.resolve("loopback")).start()) {
            assertEquals("127.0.0.1:" + port, kafka.bootstrapServers());
            if (ListeningSockets.supported()) {
                assertEquals(Set.of("127.0.0.1"), ListeningSockets.addresses(port), "client listener");
                assertEquals(Set.of("127.0.0.1"), ListeningSockets.addresses(cport), "controller listener");
            }
        }
        // a wildcard binds the client listener everywhere, advertises this machine's name, keeps the controller local
        Map<String, Object> all = new EmbeddedKafka("0.0.0.0", port, cport, dir.resolve("all")).listenerConfig();
        assertEquals("PLAINTEXT://0.0.0.0:" + port + ",CONTROLLER://127.0.0.1:" + cport, all.get("listeners"));
        assertTrue(!all.get("advertised.listeners").toString().contains("0.0.0.0"), all.toString());
        assertEquals("1@127.0.0.1:" + cport, all.get("controller.quorum.voters"));
        Map<String, Object> one = new EmbeddedKafka("10.1.2.3", port, cport, dir.resolve("one")).listenerConfig();
        assertEquals("PLAINTEXT://10.1.2.3:" + port, one.get("advertised.listeners"));
    }

    public static void produce(String bootstrap, String topic, int n) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrap,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName(),
                "acks", "all"))) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord<>(topic, "k" + (i % 3), "v" + i)).get();
            }
        }
    }

    public static List<String> consumeAll(String bootstrap, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrap,
                "group.id", "test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()))) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
