package io.parzen.events;

import java.time.Instant;

/**
 * task-service accepted a task — one it created through its API, or a {@link TaskCreated} another
 * platform produced — after the same normalization, validation, limits and project rules. It carries
 * the normalized specification the task runs with. This, not {@code TaskCreated}, is what starts a
 * study in the optimizer and what metrics-service learns a task from: nothing of a task task-service
 * did not accept ever runs. Emitted once per task (at least once on the wire).
 * Topic {@value Events#TOPIC_TASK_ACCEPTED}, key = task id.
 *
 * @param task the normalized, validated task specification
 * @param project the task's project
 * @param createdBy who created the task: a token's subject, or {@code kafka:<ce_source>} for a task that
 *                  arrived on Kafka; null when not known
 */
public record TaskAccepted(String eventId, int schemaVersion, String taskId, Instant occurredAt, TaskSpec task,
                           String project, String createdBy) implements ParzenEvent {

    public TaskAccepted {
        project = Events.projectOrDefault(project);
    }

    public static TaskAccepted of(String taskId, TaskSpec task) {
        return of(taskId, Events.DEFAULT_PROJECT, task, null);
    }

    public static TaskAccepted of(String taskId, String project, TaskSpec task) {
        return of(taskId, project, task, null);
    }

    public static TaskAccepted of(String taskId, String project, TaskSpec task, String createdBy) {
        return new TaskAccepted(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), task, project,
                createdBy);
    }

    /** The same task as the {@code TaskCreated} the optimizer and metrics-service read before this event existed. */
    public TaskCreated asTaskCreated() {
        return new TaskCreated(eventId, schemaVersion, taskId, occurredAt, task, project);
    }
}
