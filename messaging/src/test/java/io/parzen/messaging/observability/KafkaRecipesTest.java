package io.parzen.messaging.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.messaging.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recipes of docs/kafka-recipes.md, each done through the Kafka client the way the kcat and
 * Kafka CLI commands there do it: follow one task by key, read a dead-letter record with its reason
 * headers, replay a topic by resetting a consumer group to the earliest offsets.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class KafkaRecipesTest {

    private static final String DLQ = "parzen.dead-letter.messaging-test";
    private static TestKafka kafka;

    @BeforeAll
    static void client() {
        kafka = new TestKafka(DLQ);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        if (group != null) {
            c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        }
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(c);
    }

    /** {@code kcat -C -b BROKER -t TOPIC -o beginning -e}: every record from the beginning to the current end. */
    private static List<ConsumerRecord<String, String>> readToEnd(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read %s to its end", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Test
    void followOneTaskByKey() {
        String topic = Events.TOPIC_EXECUTION_FINISHED;
        String task = "recipe-follow-" + UUID.randomUUID();
        kafka.sendRaw(topic, task, "{\"taskId\":\"" + task + "\",\"n\":1}");
        kafka.sendRaw(topic, "someone-else-" + UUID.randomUUID(), "{\"n\":2}");
        kafka.sendRaw(topic, task, "{\"taskId\":\"" + task + "\",\"n\":3}");

        // kcat -C -b BROKER -t parzen.execution-finished -o beginning -e -f '%k %s\n' | grep "^TASK "
        List<String> lines = readToEnd(topic).stream().map(r -> r.key() + " " + r.value())
                .filter(line -> line.startsWith(task + " ")).toList();
        assertThat(lines).containsExactly(task + " {\"taskId\":\"" + task + "\",\"n\":1}",
                task + " {\"taskId\":\"" + task + "\",\"n\":3}");
    }

    @Test
    void readADeadLetterRecordWithItsReason() {
        String key = "recipe-dead-" + UUID.randomUUID();
        // the kit's test consumer (InboundProbe) dead-letters what is not a TaskFinished
        kafka.sendRaw(Events.TOPIC_TASK_FINISHED, key, "{not json");

        // kcat -C -b BROKER -t parzen.dead-letter.SERVICE -o beginning -e -f '%k %h %s\n' | grep "^KEY "
        ConsumerRecord<String, String> dead = await().atMost(Duration.ofSeconds(30)).until(
                () -> readToEnd(DLQ).stream().filter(r -> key.equals(r.key())).findFirst().orElse(null),
                r -> r != null);
        Map<String, String> headers = new HashMap<>();
        for (Header h : dead.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(dead.value()).isEqualTo("{not json");
        assertThat(headers.get("dead-letter-reason")).contains("not a valid TaskFinished JSON document");
        assertThat(headers.get("dead-letter-topic")).isEqualTo(Events.TOPIC_TASK_FINISHED);
        assertThat(headers).containsKeys("dead-letter-partition", "dead-letter-offset", "dead-letter-cause");
    }

    @Test
    void replayATopicByResettingTheGroupToTheEarliestOffsets() throws Exception {
        String topic = Events.TOPIC_TASK_CREATED;
        String group = "recipe-replay-" + UUID.randomUUID();
        String key = "recipe-replay-" + UUID.randomUUID();
        kafka.sendRaw(topic, key, "{\"replay\":1}");
        TopicPartition partition = new TopicPartition(topic, 0);

        // the group reads the topic and commits: it is at the end
        int firstRead = readWithGroup(group, topic, key);
        assertThat(firstRead).isEqualTo(1);
        assertThat(readWithGroup(group, topic, key)).isZero();

        // kafka-consumer-groups.sh --bootstrap-server BROKER --group GROUP --topic TOPIC --reset-offsets --to-earliest --execute
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        try (Admin admin = Admin.create(a)) {
            long earliest = admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).partitionResult(partition).get()
                    .offset();
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(earliest))).all().get();
        }

        // the group reads the record again
        assertThat(readWithGroup(group, topic, key)).isEqualTo(1);
    }

    /** Reads {@code topic} as {@code group} from its committed offset to the end, commits; returns how many records had {@code key}. */
    private static int readWithGroup(String group, String topic, String key) {
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            int found = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end) {
                assertThat(System.nanoTime()).as("read %s to its end", topic).isLessThan(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found++;
                    }
                }
            }
            consumer.commitSync();
            return found;
        }
    }
}
