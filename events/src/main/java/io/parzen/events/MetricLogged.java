package io.parzen.events;

import java.time.Instant;
import java.util.Map;

/**
 * One JSON object that an execution printed on stdout (Valohai metadata). Topic
 * {@value Events#TOPIC_METRIC_LOGGED}, key = task id.
 *
 * @param sequence 1-based position of this object among the execution's metadata lines; with the
 *                 execution id, the deduplication key of a metric point
 * @param values the object's keys and values as printed (numbers, strings, booleans, nested values)
 * @param attempt which run of the execution printed it (1, 2, ...); {@code sequence} counts within one attempt; null = 1
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record MetricLogged(String eventId, int schemaVersion, String taskId, Instant occurredAt,
        String executionId, int sequence, Map<String, Object> values, Integer attempt) implements ParzenEvent {

    /** The event before attempts (kept so that call sites compile): attempt 1. */
    public MetricLogged(String eventId, int schemaVersion, String taskId, Instant occurredAt, String executionId,
            int sequence, Map<String, Object> values) {
        this(eventId, schemaVersion, taskId, occurredAt, executionId, sequence, values, null);
    }

    /** {@link #attempt()}, or {@value Events#FIRST_ATTEMPT} when the producer omitted it. */
    public int attemptOrFirst() {
        return Events.attemptOrFirst(attempt);
    }

    public static MetricLogged of(String taskId, String executionId, int sequence, Map<String, Object> values,
            int attempt) {
        return new MetricLogged(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), executionId,
                sequence, values, attempt);
    }

    public static MetricLogged of(String taskId, String executionId, int sequence, Map<String, Object> values) {
        return new MetricLogged(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), executionId,
                sequence, values);
    }
}
