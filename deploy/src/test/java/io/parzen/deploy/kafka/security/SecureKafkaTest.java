package io.parzen.deploy.kafka.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parzen.deploy.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real embedded broker in secure mode (SASL_SSL, SCRAM-SHA-512, StandardAuthorizer, the ACL table). */
class SecureKafkaTest {

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static SecureBroker security;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(EmbeddedKafka.freePort(), EmbeddedKafka.freePort(), dir.resolve("kafka"))
                .secured(dir.resolve("kafka-security")).start();
        security = kafka.security();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theRightPrincipalsProduceAndConsume() throws Exception {
        String key = "task-" + UUID.randomUUID();
        send(Principals.EXECUTOR_SERVICE, TopicAccess.EXECUTION_FINISHED, key, "finished");
        assertEquals(List.of("finished"), consume(Principals.METRICS_SERVICE, "metrics-service",
                TopicAccess.EXECUTION_FINISHED, key));
        // an outside platform: starts a task and takes the executor's place
        send(Principals.PLATFORM, TopicAccess.TASK_CREATED, key, "created");
        assertEquals(List.of("created"), consume(Principals.TASK_SERVICE, "task-service",
                TopicAccess.TASK_CREATED, key));
        send(Principals.OPTIMIZER_SERVICE, TopicAccess.SUGGESTION_REQUESTED, key, "suggestion");
        assertEquals(List.of("suggestion"), consume(Principals.PLATFORM, "platform-executor-1",
                TopicAccess.SUGGESTION_REQUESTED, key));
    }

    @Test
    void platformCannotRequestSuggestionsAndNothingIsWritten() throws Exception {
        assertDeniedAndNothingWritten(Principals.PLATFORM, TopicAccess.SUGGESTION_REQUESTED);
    }

    @Test
    void metricsServiceCannotCreateTasksAndNothingIsWritten() throws Exception {
        assertDeniedAndNothingWritten(Principals.METRICS_SERVICE, TopicAccess.TASK_CREATED);
    }

    @Test
    void aServiceCannotWriteAnotherServicesDeadLetterTopic() throws Exception {
        assertDeniedAndNothingWritten(Principals.EXECUTOR_SERVICE, TopicAccess.deadLetter(Principals.TASK_SERVICE));
    }

    @Test
    void aPrincipalCannotConsumeInAnotherServicesGroup() {
        Exception e = assertThrows(Exception.class, () -> consume(Principals.PLATFORM, "executor-service",
                TopicAccess.SUGGESTION_REQUESTED, "any"));
        assertInstanceOf(GroupAuthorizationException.class, e, e.toString());
    }

    @Test
    void aPrincipalCannotReadATopicItDoesNotConsume() {
        Exception e = assertThrows(Exception.class, () -> consume(Principals.METRICS_SERVICE, "metrics-service",
                TopicAccess.SUGGESTION_REQUESTED, "any"));
        assertInstanceOf(TopicAuthorizationException.class, e, e.toString());
    }

    @Test
    void aBadPasswordFailsAuthentication() throws Exception {
        ClientSecurity right = security.client(Principals.TASK_SERVICE);
        ClientSecurity wrong = new ClientSecurity(right.username(), right.password() + "x", right.truststore(),
                right.truststorePassword());
        long before = endOffset(TopicAccess.TASK_CREATED);
        try (KafkaProducer<String, String> p = producer(wrong.kafkaProperties())) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> p.send(new ProducerRecord<>(TopicAccess.TASK_CREATED, "k", "v")).get());
            assertInstanceOf(SaslAuthenticationException.class, e.getCause(), e.toString());
        }
        assertEquals(before, endOffset(TopicAccess.TASK_CREATED));
    }

    @Test
    void aPlaintextClientIsRefused() throws Exception {
        long before = endOffset(TopicAccess.TASK_CREATED);
        Map<String, String> plain = Map.of("security.protocol", "PLAINTEXT");
        try (KafkaProducer<String, String> p = producer(plain)) {
            Exception e = assertThrows(Exception.class,
                    () -> p.send(new ProducerRecord<>(TopicAccess.TASK_CREATED, "k", "v")).get());
            // the TLS listener never answers a plaintext request: no metadata, the send times out
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, cause, e.toString());
        }
        assertEquals(before, endOffset(TopicAccess.TASK_CREATED));
    }

    @Test
    void theTopicsExistInAdvanceAndFilesArePrivate() throws Exception {
        try (Admin admin = Admin.create(adminConfig())) {
            assertTrue(admin.listTopics().names().get().containsAll(TopicAccess.topics()));
        }
        try (Stream<Path> files = Files.list(security.dir())) {
            for (Path f : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(security.dir())));
        // what the launcher hands to a service is what the broker wrote
        assertEquals(security.client(Principals.TASK_SERVICE), ClientSecurity.read(security.dir(), Principals.TASK_SERVICE));
    }

    private static void assertDeniedAndNothingWritten(String principal, String topic) throws Exception {
        long before = endOffset(topic);
        ExecutionException e = assertThrows(ExecutionException.class, () -> send(principal, topic, "k", "forbidden"));
        assertInstanceOf(TopicAuthorizationException.class, e.getCause(), e.toString());
        assertEquals(before, endOffset(topic), "nothing was written to " + topic);
    }

    private static void send(String principal, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> p = producer(security.client(principal).kafkaProperties())) {
            p.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, String> securityProps) {
        Map<String, Object> c = new HashMap<>(securityProps);
        c.put("bootstrap.servers", kafka.bootstrapServers());
        c.put("key.serializer", StringSerializer.class.getName());
        c.put("value.serializer", StringSerializer.class.getName());
        c.put("acks", "all");
        c.put("enable.idempotence", "true");
        c.put("max.block.ms", "8000");
        c.put("delivery.timeout.ms", "10000");
        c.put("request.timeout.ms", "5000");
        return new KafkaProducer<>(c);
    }

    /** The values with this key, read from the beginning in the given group; throws what the consumer throws. */
    private static List<String> consume(String principal, String group, String topic, String key) {
        Map<String, Object> c = new HashMap<>(security.client(principal).kafkaProperties());
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
                    if (r.key().equals(key)) {
                        values.add(r.value());
                    }
                }
            }
            consumer.commitSync();
        }
        return values;
    }

    private static Map<String, Object> adminConfig() {
        Map<String, Object> c = new HashMap<>(security.client(Principals.ADMIN).kafkaProperties());
        c.put("bootstrap.servers", kafka.bootstrapServers());
        return c;
    }

    /** The sum of the topic's end offsets, read as admin. */
    private static long endOffset(String topic) throws Exception {
        try (Admin admin = Admin.create(adminConfig())) {
            Map<TopicPartition, OffsetSpec> req = new HashMap<>();
            for (int i = 0; i < SecureBroker.PARTITIONS; i++) {
                req.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            return admin.listOffsets(req).all().get().values().stream().mapToLong(r -> r.offset()).sum();
        }
    }
}
