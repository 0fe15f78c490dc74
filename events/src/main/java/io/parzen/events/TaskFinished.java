package io.parzen.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A task reached a final status; executors stop its running processes and the optimizer stops
 * suggesting. Topic {@value Events#TOPIC_TASK_FINISHED}, key = task id.
 *
 * @param status {@code complete}, {@code stopped} or {@code error}
 * @param reason e.g. {@code max-executions-reached}, {@code early-stopping}, {@code user-stopped},
 *               {@code child-error}, {@code first-batch-failed}, {@code space-exhausted}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskFinished(String eventId, int schemaVersion, String taskId, Instant occurredAt, String status,
        String reason) implements ParzenEvent {

    public static TaskFinished of(String taskId, String status, String reason) {
        return new TaskFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), status, reason);
    }
}
