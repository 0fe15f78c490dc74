package io.parzen.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A task is over: it reached its final status, or — for {@code stopped} — began stopping (task-service
 * shows {@code stopping} until its running executions have ended). Executors stop the task's running
 * processes and the optimizer stops suggesting. Emitted exactly once per task.
 * Topic {@value Events#TOPIC_TASK_FINISHED}, key = task id.
 *
 * @param status a final {@link io.parzen.events.vocabulary.TaskStatus}: {@code complete}, {@code stopped} or
 *               {@code error}
 * @param reason e.g. {@code max-executions-reached}, {@code early-stopping}, {@code user-stopped},
 *               {@code child-error}, {@code first-batch-failed}, {@code space-exhausted}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskFinished(String eventId, int schemaVersion, String taskId, Instant occurredAt, String status,
        String reason) implements ParzenEvent {

    public static TaskFinished of(String taskId, io.parzen.events.vocabulary.TaskStatus status, String reason) {
        return of(taskId, status.wireName(), reason);
    }

    public static TaskFinished of(String taskId, String status, String reason) {
        return new TaskFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), status, reason);
    }
}
