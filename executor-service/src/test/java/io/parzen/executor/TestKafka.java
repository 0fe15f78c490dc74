package io.parzen.executor;

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
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for the tests: a producer for the input topics and a background consumer
 * that records everything on the output topics and the dead-letter topic.
 */
public final class TestKafka {

    public static final String DEAD_LETTER_TOPIC = "parzen.dead-letter.executor-service";

    private static TestKafka instance;

    private final KafkaProducer<String, String> producer;
    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();

    private TestKafka(String bootstrap) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String t : Events.topics()) {
                topics.add(new NewTopic(t, 1, (short) 1));
            }
            topics.add(new NewTopic(DEAD_LETTER_TOPIC, 1, (short) 1));
            admin.createTopics(topics).values().values().forEach(f -> {
                try {
                    f.get();
                } catch (Exception e) {
                    // already exists
                }
            });
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);

        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", "executor-service-test-" + UUID.randomUUID());
        c.put("auto.offset.reset", "earliest");
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c);
        consumer.subscribe(List.of(Events.TOPIC_EXECUTION_STARTED, Events.TOPIC_METRIC_LOGGED,
                Events.TOPIC_EXECUTION_FINISHED, DEAD_LETTER_TOPIC));
        Thread t = new Thread(() -> {
            try (consumer) {
                while (true) {
                    consumer.poll(Duration.ofMillis(100)).forEach(received::add);
                }
            } catch (Exception e) {
                // JVM ends
            }
        }, "test-kafka-consumer");
        t.setDaemon(true);
        t.start();
    }

    public static synchronized TestKafka get() {
        if (instance == null) {
            instance = new TestKafka(KafkaTestResource.bootstrapServers());
        }
        return instance;
    }

    /** Sends an event as the contract says: key = task id, JSON value, CloudEvents headers. */
    public void send(ParzenEvent event) {
        try {
            ProducerRecord<String, String> r = new ProducerRecord<>(Events.Type.of(event).topic(), event.taskId(),
                    Events.mapper().writeValueAsString(event));
            Events.cloudEventHeaders(event, "/parzen/test").forEach(
                    (k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends any text. */
    public void sendRaw(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public List<ConsumerRecord<String, String>> records(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** The events of a type on its topic that match. */
    public <T extends ParzenEvent> List<T> events(Class<T> type, Predicate<T> filter) {
        String topic = null;
        for (Events.Type t : Events.Type.values()) {
            if (t.recordClass() == type) {
                topic = t.topic();
            }
        }
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records(topic)) {
            try {
                T e = Events.mapper().readValue(r.value(), type);
                if (filter.test(e)) {
                    out.add(e);
                }
            } catch (Exception ex) {
                throw new IllegalStateException("unreadable " + type.getSimpleName() + ": " + r.value(), ex);
            }
        }
        return out;
    }

    public static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
