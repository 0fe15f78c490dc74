package io.parzen.events;

import java.time.Instant;

/**
 * A task was accepted and stored; emitted by task-service (or by any platform that starts tasks).
 * Topic {@value Events#TOPIC_TASK_CREATED}, key = task id.
 *
 * @param task the whole, validated task specification
 */
public record TaskCreated(String eventId, int schemaVersion, String taskId, Instant occurredAt, TaskSpec task)
        implements ParzenEvent {

    public static TaskCreated of(String taskId, TaskSpec task) {
        return new TaskCreated(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), task);
    }
}
