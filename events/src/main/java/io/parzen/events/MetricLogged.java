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
 */
public record MetricLogged(String eventId, int schemaVersion, String taskId, Instant occurredAt,
        String executionId, int sequence, Map<String, Object> values) implements ParzenEvent {

    public static MetricLogged of(String taskId, String executionId, int sequence, Map<String, Object> values) {
        return new MetricLogged(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), executionId,
                sequence, values);
    }
}
