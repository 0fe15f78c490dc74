package io.parzen.deploy.kafka.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parzen.deploy.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secured broker restarted on the same folders keeps its credentials, certificates and data. */
class SecureKafkaRestartTest {

    @TempDir
    Path dir;

    @Test
    void restartReusesCredentialsAndRefusesAFolderFormattedWithoutThem() throws Exception {
        int port = EmbeddedKafka.freePort();
        int cport = EmbeddedKafka.freePort();
        Path logDir = dir.resolve("kafka-secure");
        Path securityDir = dir.resolve("kafka-security");
        String platformSettings;
        byte[] truststore;
        try (EmbeddedKafka kafka = new EmbeddedKafka(port, cport, logDir).secured(securityDir).start()) {
            send(kafka, Principals.EXECUTOR_SERVICE, TopicAccess.METRIC_LOGGED, "m1");
            platformSettings = Files.readString(ClientSecurity.file(securityDir, Principals.PLATFORM));
            truststore = Files.readAllBytes(kafka.security().truststore());
        }
        try (EmbeddedKafka kafka = new EmbeddedKafka(port, cport, logDir).secured(securityDir).start()) {
            assertEquals(platformSettings, Files.readString(ClientSecurity.file(securityDir, Principals.PLATFORM)));
            assertArrayEquals(truststore, Files.readAllBytes(kafka.security().truststore()), "certificates reused");
            assertEquals(List.of("m1"), consume(kafka, Principals.METRICS_SERVICE, "metrics-service", TopicAccess.METRIC_LOGGED));
        }
        // the passwords are lost but the log folder is kept: refused, with what to do
        try (Stream<Path> files = Files.walk(securityDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new EmbeddedKafka(port, cport, logDir).secured(securityDir).start());
        assertTrue(e.getMessage().contains("delete " + logDir), e.getMessage());
    }

    private static void send(EmbeddedKafka kafka, String principal, String topic, String value) throws Exception {
        Map<String, Object> c = new HashMap<>(kafka.security().client(principal).kafkaProperties());
        c.put("bootstrap.servers", kafka.bootstrapServers());
        c.put("key.serializer", StringSerializer.class.getName());
        c.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(c)) {
            p.send(new ProducerRecord<>(topic, "k", value)).get();
        }
    }

    private static List<String> consume(EmbeddedKafka kafka, String principal, String group, String topic) {
        Map<String, Object> c = new HashMap<>(kafka.security().client(principal).kafkaProperties());
        c.put("bootstrap.servers", kafka.bootstrapServers());
        c.put("group.id", group);
        c.put("auto.offset.reset", "earliest");
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
