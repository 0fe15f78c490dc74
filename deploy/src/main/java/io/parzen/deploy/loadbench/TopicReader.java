package io.parzen.deploy.loadbench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads topics without a consumer group (assigned partitions, nothing committed). */
final class TopicReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicReader() {
    }

    static KafkaConsumer<String, String> consumer(Properties client) {
        Properties c = new Properties();
        c.putAll(client);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(c);
    }

    static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, List<String> topics) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> ps = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (ps != null) {
                ps.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return all;
    }

    /** The value's fields the analysis reads; every other field (parameters, metrics ...) is dropped. */
    static final List<String> KEPT_FIELDS = List.of("eventId", "executionId", "attempt", "batch", "status",
            "startedAt", "finishedAt");

    /**
     * The record with only {@link #KEPT_FIELDS} of its value, read field by field with a streaming
     * parser (no tree of the whole value): 100,000 records fit in a few tens of MiB.
     */
    static BrokerRecord parse(ConsumerRecord<String, String> r) {
        ObjectNode value = null;
        if (r.value() != null) {
            try (JsonParser p = JSON.getFactory().createParser(r.value())) {
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    value = JsonNodeFactory.instance.objectNode();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken t = p.nextToken();
                        if (KEPT_FIELDS.contains(name) && t.isScalarValue()) {
                            value.set(name, JSON.readTree(p));
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            } catch (Exception e) {
                value = null;
            }
        }
        return new BrokerRecord(r.topic(), r.key() == null ? null : r.key().intern(), r.timestamp(), value);
    }

    /** Every record of the topics, from the beginning to the end offsets of the moment of the call. */
    static List<BrokerRecord> readAll(Properties client, List<String> topics) {
        List<BrokerRecord> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(client)) {
            List<TopicPartition> parts = partitions(consumer, topics);
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(parts));
            ends.values().removeIf(v -> v == 0);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!ends.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = ends.get(tp);
                    if (end != null && r.offset() < end) {
                        out.add(parse(r));
                    }
                }
                ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            if (!ends.isEmpty()) {
                throw new IllegalStateException("could not read " + ends.keySet() + " to their end within 5 min");
            }
        }
        return out;
    }

    /** Follows a topic from its beginning and remembers the keys it saw (the tasks that finished). */
    static final class KeyWatcher implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final String topic;
        private final Set<String> keys = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        KeyWatcher(Properties client, String topic) {
            this.consumer = consumer(client);
            this.topic = topic;
            this.thread = new Thread(this::loop, "loadbench-watch-" + topic);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            try {
                List<TopicPartition> parts = List.of();
                while (running.get() && parts.isEmpty()) {
                    parts = partitions(consumer, List.of(topic));
                    if (parts.isEmpty()) {
                        Thread.sleep(500);
                    }
                }
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                        if (r.key() != null) {
                            keys.add(r.key());
                        }
                    }
                }
            } catch (WakeupException | InterruptedException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }

        int count(Set<String> of) {
            int n = 0;
            for (String k : of) {
                if (keys.contains(k)) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public void close() {
            running.set(false);
            consumer.wakeup();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
