package io.parzen.metrics;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.events.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: what any producer of the public event contract would do. */
public final class KafkaSupport {

    public static final String DEAD_LETTER_TOPIC = "parzen.dead-letter.metrics-service";

    private static KafkaProducer<String, String> producer;

    private KafkaSupport() {
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    /** Sends a raw value and waits for the broker's acknowledgement. */
    public static void sendRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    /** Sends an event as JSON, keyed by its task id, to the topic of its type. */
    public static String send(io.parzen.events.ParzenEvent event) {
        try {
            String json = Events.mapper().writeValueAsString(event);
            sendRaw(Events.Type.of(event).topic(), event.taskId(), json);
            return json;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a topic from the beginning until {@code timeout} has passed or {@code enough} records were read. */
    public static List<ConsumerRecord<String, String>> readAll(String topic, int enough, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end && out.size() < enough) {
                consumer.poll(Duration.ofMillis(250)).forEach(out::add);
            }
        }
        return out;
    }

    /** A fresh task id, so that tests sharing the broker and database do not see each other's data. */
    public static String newTaskId() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
