package io.parzen.events;

import java.time.Instant;

/**
 * A platform asks to stop a whole task: task-service does exactly what {@code POST /api/v1/tasks/{id}/stop}
 * does (status {@code stopping}, {@code TaskFinished(stopped, user-stopped)}, {@code stoppedBy} =
 * {@code requestedBy}). A task that has already ended is left as it is; an unknown task id goes to
 * task-service's dead-letter topic. Topic {@value Events#TOPIC_TASK_STOP_REQUESTED}, key = task id.
 *
 * @param reason why, in the requester's words (logged; may be null)
 * @param requestedBy who asks (a user or a platform's name); recorded as the task's {@code stoppedBy}
 */
public record TaskStopRequested(String eventId, int schemaVersion, String taskId, Instant occurredAt, String reason,
                                String requestedBy) implements ParzenEvent {

    public static TaskStopRequested of(String taskId, String reason, String requestedBy) {
        return new TaskStopRequested(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), reason,
                requestedBy);
    }
}
