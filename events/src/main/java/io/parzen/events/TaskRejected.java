package io.parzen.events;

import java.time.Instant;
import java.util.List;

/**
 * task-service did not accept a {@link TaskCreated} another platform produced; nothing of the task
 * runs. The errors are those a REST {@code 400} answer names for the same specification.
 * Topic {@value Events#TOPIC_TASK_REJECTED}, key = task id.
 *
 * @param project the project the event named ({@value Events#DEFAULT_PROJECT} when it named none)
 * @param errors every problem found, each with the field (a path in the task specification as in a REST body,
 *               such as {@code parameters[1].max}, or {@code project} / {@code taskId}), the value given and what is allowed
 */
public record TaskRejected(String eventId, int schemaVersion, String taskId, Instant occurredAt, String project,
                           List<FieldError> errors) implements ParzenEvent {

    public TaskRejected {
        project = Events.projectOrDefault(project);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static TaskRejected of(String taskId, String project, List<FieldError> errors) {
        return new TaskRejected(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), project, errors);
    }

    /**
     * One thing wrong with the task: the same object as an error of a REST {@code 400} answer.
     *
     * @param value the value given (any JSON value; null when absent)
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record FieldError(String field, Object value, String message) {
    }
}
