package io.parzen.metrics;

import io.parzen.events.ParzenEvent;
import io.parzen.messaging.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What any producer of the public event contract would do: the messaging kit's test client, shared. */
public final class KafkaSupport {

    public static final String DEAD_LETTER_TOPIC = "parzen.dead-letter.metrics-service";

    private KafkaSupport() {
    }

    private static TestKafka kafka() {
        return TestKafka.shared(DEAD_LETTER_TOPIC);
    }

    /** Sends a raw value and waits for the broker's acknowledgement. */
    public static void sendRaw(String topic, String key, String value) {
        kafka().sendRaw(topic, key, value);
    }

    /** Sends an event as JSON, keyed by its task id, to the topic of its type; answers the JSON. */
    public static String send(ParzenEvent event) {
        kafka().send(event);
        return TestKafka.write(event);
    }

    /** Reads a topic from the beginning until {@code timeout} has passed or {@code enough} records were read. */
    public static List<ConsumerRecord<String, String>> readAll(String topic, int enough, Duration timeout) {
        return kafka().readAll(topic, enough, timeout);
    }

    /** The records of {@code topic} with {@code key} the shared client has collected so far, in arrival order. */
    public static List<ConsumerRecord<String, String>> records(String topic, String key) {
        return kafka().records(topic, key);
    }

    /** A fresh task id, so that tests sharing the broker and database do not see each other's data. */
    public static String newTaskId() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
