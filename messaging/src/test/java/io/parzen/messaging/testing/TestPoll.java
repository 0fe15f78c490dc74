package io.parzen.messaging.testing;

import io.parzen.events.Events;
import io.parzen.events.ParzenEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * One poll made by a test, as the Kafka connector hands it to a {@code batch=true} consumer method
 * ({@link IncomingKafkaRecordBatch}), without a broker: records per topic (partition 0 of each, as the test broker
 * has them), offsets counted from 0. It is its own commit handler and failure handler and records, by the
 * coordinates {@code topic@offset}, what is acknowledged ({@link #acknowledged}) and what is nacked, that is what
 * the {@code dead-letter-queue} strategy would write to the dead-letter topic ({@link #deadLettered}); so a test
 * knows exactly what one poll held and what its handling committed.
 */
public final class TestPoll implements KafkaCommitHandler, KafkaFailureHandler {

    private final Map<TopicPartition, List<ConsumerRecord<String, String>>> records = new LinkedHashMap<>();
    /** The coordinates acknowledged, in order (acknowledging a poll acknowledges the last record of each topic). */
    public final List<String> acknowledged = new CopyOnWriteArrayList<>();
    /** The coordinates nacked, with the failure the consumer nacked them with. */
    public final Map<String, Throwable> deadLettered = new ConcurrentHashMap<>();

    /** Adds an event on its topic, keyed by its task id, as the contract's JSON. */
    public TestPoll add(ParzenEvent event) {
        return add(event, null);
    }

    /** Adds an event with a W3C {@code traceparent} header (none when null). */
    public TestPoll add(ParzenEvent event, String traceparent) {
        ConsumerRecord<String, String> r = record(Events.Type.of(event).topic(), event.taskId(),
                TestKafka.write(event));
        if (traceparent != null) {
            r.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    public TestPoll addAll(List<? extends ParzenEvent> events) {
        events.forEach(this::add);
        return this;
    }

    /** Adds a record of any value; answers its coordinates ({@code topic@offset}). */
    public String addRaw(String topic, String key, String value) {
        ConsumerRecord<String, String> r = record(topic, key, value);
        return coordinates(topic, r.offset());
    }

    /** The coordinates of the last record of every topic: what acknowledging the whole poll commits. */
    public List<String> lastOfEachTopic() {
        return records.entrySet().stream()
                .map(e -> coordinates(e.getKey().topic(), e.getValue().size() - 1)).toList();
    }

    /** The poll, for the consumer method of {@code channel}. */
    public IncomingKafkaRecordBatch<String, String> batch(String channel) {
        return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(records), channel, 0, this, this, false, false);
    }

    public static String coordinates(String topic, long offset) {
        return topic + "@" + offset;
    }

    private ConsumerRecord<String, String> record(String topic, String key, String value) {
        List<ConsumerRecord<String, String>> list = records.computeIfAbsent(new TopicPartition(topic, 0),
                tp -> new ArrayList<>());
        ConsumerRecord<String, String> r = new ConsumerRecord<>(topic, 0, list.size(), key, value);
        list.add(r);
        return r;
    }

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
        acknowledged.add(coordinates(record.getTopic(), record.getOffset()));
        return Uni.createFrom().voidItem();
    }

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
        // as the dead-letter strategy does: the record is written elsewhere, then acknowledged
        deadLettered.put(coordinates(record.getTopic(), record.getOffset()), reason);
        return Uni.createFrom().completionStage(record.ack());
    }
}
