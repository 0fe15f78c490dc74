package io.parzen.events;

import java.time.Instant;

/**
 * A task was created: emitted by task-service for a task created through its API, or produced by
 * another platform to ask for a task — task-service then checks it as it checks a REST request and
 * answers {@link TaskAccepted} (the task runs) or {@link TaskRejected} (why not; nothing runs).
 * Topic {@value Events#TOPIC_TASK_CREATED}, key = task id.
 *
 * @param task the whole, validated task specification
 * @param project the project the task belongs to; {@value Events#DEFAULT_PROJECT} when a producer omits it
 */
public record TaskCreated(String eventId, int schemaVersion, String taskId, Instant occurredAt, TaskSpec task,
                          String project) implements ParzenEvent {

    public TaskCreated {
        project = Events.projectOrDefault(project);
    }

    /** The event of a task in the {@value Events#DEFAULT_PROJECT} project (the contract before projects). */
    public TaskCreated(String eventId, int schemaVersion, String taskId, Instant occurredAt, TaskSpec task) {
        this(eventId, schemaVersion, taskId, occurredAt, task, Events.DEFAULT_PROJECT);
    }

    public static TaskCreated of(String taskId, TaskSpec task) {
        return of(taskId, Events.DEFAULT_PROJECT, task);
    }

    public static TaskCreated of(String taskId, String project, TaskSpec task) {
        return new TaskCreated(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), task, project);
    }
}
