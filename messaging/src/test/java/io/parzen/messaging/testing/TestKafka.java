package io.parzen.messaging.testing;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.events.Events;
import io.parzen.events.ParzenEvent;
import io.parzen.messaging.CloudEventHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one Kafka client of the services' tests: plays the other services (a producer that sends
 * events as the contract says: key = task id, JSON value, CloudEvents headers) and watches what the
 * service under test writes (a background consumer that collects every record of every
 * {@code parzen.*} topic, the dead-letter topics included, from the beginning).
 *
 * <p>The broker is the test broker of {@code deploy} ({@link KafkaTestResource}). The contract's topics
 * (and any extra ones given) are created with one partition before the collector starts.
 */
public class TestKafka implements AutoCloseable {

    /** {@code ce_source} of the events this client sends. */
    public static final String SOURCE = "/parzen/test";

    private static TestKafka shared;

    private final String bootstrap;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    private final Thread collector;
    private volatile boolean running = true;

    /** A client of the test broker that also creates {@code extraTopics} (e.g. the service's dead-letter topic). */
    public TestKafka(String... extraTopics) {
        this(KafkaTestResource.bootstrapServers(), List.of(extraTopics));
    }

    public TestKafka(String bootstrap, Collection<String> extraTopics) {
        if (bootstrap == null) {
            throw new IllegalStateException("no test broker: attach KafkaTestResource to the test first");
        }
        this.bootstrap = bootstrap;
        List<String> topics = new ArrayList<>(Events.topics());
        topics.addAll(extraTopics);
        createTopics(topics);

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p);

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-kafka-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(c);
        consumer.subscribe(Pattern.compile("parzen\\..*"));
        collector = new Thread(this::collect, "test-kafka-collector");
        collector.setDaemon(true);
        collector.start();
    }

    /** One client per JVM, for tests that share it (it is never closed). */
    public static synchronized TestKafka shared(String... extraTopics) {
        if (shared == null) {
            shared = new TestKafka(extraTopics);
        }
        return shared;
    }

    /** Creates the topics that do not exist yet (one partition, replication 1). */
    public void createTopics(Collection<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic, e);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create topic " + topic, e);
                }
            }
        }
    }

    private void collect() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Sends an event as the contract says and waits for the ack: its topic, key = task id, JSON, CloudEvents headers. */
    public void send(ParzenEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Events.Type.of(event).topic(), event.taskId(),
                write(event));
        CloudEventHeaders.toKafka(CloudEventHeaders.of(event, SOURCE)).forEach(h -> record.headers().add(h));
        send(record);
    }

    /**
     * As {@link #send(ParzenEvent)}, with {@code extra} headers too (e.g. a W3C {@code traceparent});
     * a null value is left out.
     */
    public void send(ParzenEvent event, java.util.Map<String, String> extra) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Events.Type.of(event).topic(), event.taskId(),
                write(event));
        CloudEventHeaders.toKafka(CloudEventHeaders.of(event, SOURCE)).forEach(h -> record.headers().add(h));
        CloudEventHeaders.toKafka(extra).forEach(h -> record.headers().add(h));
        send(record);
    }

    /** Sends any value (or null) to any topic and waits for the ack; no headers. */
    public void sendRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send to " + record.topic() + " failed", e);
        }
    }

    /** Every record collected so far, in arrival order. */
    public List<ConsumerRecord<String, String>> records() {
        return List.copyOf(received);
    }

    /** The records of {@code topic}, in arrival order. */
    public List<ConsumerRecord<String, String>> records(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** The records of {@code topic} with {@code key}, in arrival order. */
    public List<ConsumerRecord<String, String>> records(String topic, String key) {
        return received.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).toList();
    }

    /**
     * The events of {@code type} on its topic that match {@code filter}, in arrival order. A record that is not such
     * an event (another test class's deliberately malformed record on the same broker) is none of them.
     */
    public <T extends ParzenEvent> List<T> events(Class<T> type, Predicate<T> filter) {
        String topic = null;
        for (Events.Type t : Events.Type.values()) {
            if (t.recordClass() == type) {
                topic = t.topic();
            }
        }
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records(topic)) {
            T event;
            try {
                event = read(r.value(), type);
            } catch (IllegalStateException unreadable) {
                continue;
            }
            if (filter.test(event)) {
                out.add(event);
            }
        }
        return out;
    }

    /**
     * Waits (up to {@code timeout}, a generous bound, not a measured time) until {@code topic} has at least
     * {@code count} records with {@code key}; then answers them. Fails when more than {@code count} arrived.
     */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, String key, int count, Duration timeout) {
        waitUntil(() -> records(topic, key).size() >= count, timeout,
                () -> "expected " + count + " records of " + key + " on " + topic + ", have " + records(topic, key).size());
        List<ConsumerRecord<String, String>> records = records(topic, key);
        if (records.size() != count) {
            throw new AssertionError("expected " + count + " records of " + key + " on " + topic + ", have "
                    + records.size());
        }
        return records;
    }

    /** As {@link #awaitRecords(String, String, int, Duration)} with 30 s. */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, String key, int count) {
        return awaitRecords(topic, key, count, Duration.ofSeconds(30));
    }

    /** Checks that {@code topic} keeps exactly {@code count} records with {@code key} for {@code during}. */
    public void assertStays(String topic, String key, int count, Duration during) throws InterruptedException {
        long end = System.nanoTime() + during.toNanos();
        do {
            int now = records(topic, key).size();
            if (now != count) {
                throw new AssertionError("records of " + key + " on " + topic + ": expected " + count + ", have " + now);
            }
            Thread.sleep(100);
        } while (System.nanoTime() < end);
        int now = records(topic, key).size();
        if (now != count) {
            throw new AssertionError("records of " + key + " on " + topic + ": expected " + count + ", have " + now);
        }
    }

    /**
     * Reads {@code topic} from the beginning with a consumer of its own until {@code enough} records were
     * read or {@code timeout} passed.
     */
    public List<ConsumerRecord<String, String>> readAll(String topic, int enough, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-read-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(p)) {
            reader.subscribe(List.of(topic));
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end && out.size() < enough) {
                reader.poll(Duration.ofMillis(250)).forEach(out::add);
            }
        }
        return out;
    }

    /** A header's value as a string, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        return CloudEventHeaders.header(record.headers(), name);
    }

    /** An event (or anything) as the contract's JSON. */
    public static String write(Object event) {
        try {
            return Events.mapper().writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON read with the contract's mapper. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return Events.mapper().readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + ": " + json, e);
        }
    }

    private static void waitUntil(BooleanSupplier done, Duration timeout, java.util.function.Supplier<String> why) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(why.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            collector.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(2));
    }
}
