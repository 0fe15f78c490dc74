package io.parzen.optimizer.service.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.events.Events;
import io.parzen.events.ParzenEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for black-box tests: a producer, and one background consumer that collects
 * every record of the topics the service writes, so that tests can count records per task.
 */
public final class KafkaTestClient implements AutoCloseable {

    public static final String DEAD_LETTER_TOPIC = "parzen.dead-letter.optimizer-service";

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public KafkaTestClient() throws Exception {
        String bootstrap = KafkaTestResource.bootstrapServers();
        List<String> topics = new ArrayList<>(Events.topics());
        topics.add(DEAD_LETTER_TOPIC);
        createTopics(bootstrap, topics);

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p);

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "optimizer-test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(c);
        consumer.subscribe(List.of(Events.TOPIC_SUGGESTION_REQUESTED, Events.TOPIC_SUGGESTIONS_EXHAUSTED,
                DEAD_LETTER_TOPIC));
        poller = new Thread(this::poll, "optimizer-test-collector");
        poller.setDaemon(true);
        poller.start();
    }

    private static void createTopics(String bootstrap, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Sends an event as the contract says: key = task id, JSON value, CloudEvents headers. */
    public void send(ParzenEvent event) throws Exception {
        String json = Events.mapper().writeValueAsString(event);
        ProducerRecord<String, String> record = new ProducerRecord<>(Events.Type.of(event).topic(), event.taskId(),
                json);
        Events.cloudEventHeaders(event, "/parzen/test").forEach(
                (k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    /** Sends any value to any topic. */
    public void sendRaw(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    }

    /** The records of a topic with the given key, in arrival order. */
    public List<ConsumerRecord<String, String>> records(String topic, String key) {
        return received.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).toList();
    }

    /** Waits until exactly {@code count} records of the topic have the key (fails if more arrive). */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, String key, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> records(topic, key).size() >= count);
        List<ConsumerRecord<String, String>> records = records(topic, key);
        assertThat(records).as("records of %s on %s", key, topic).hasSize(count);
        return records;
    }

    /** Asserts that the count of records of the topic with the key stays {@code count} for a while. */
    public void assertStays(String topic, String key, int count, Duration during) throws InterruptedException {
        long end = System.nanoTime() + during.toNanos();
        do {
            assertThat(records(topic, key)).as("records of %s on %s", key, topic).hasSize(count);
            Thread.sleep(100);
        } while (System.nanoTime() < end);
        assertThat(records(topic, key)).as("records of %s on %s", key, topic).hasSize(count);
    }

    /** A header's value as a string, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(5000);
        producer.close(Duration.ofSeconds(2));
    }
}
