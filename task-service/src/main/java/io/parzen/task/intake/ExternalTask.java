package io.parzen.task.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.parzen.auth.ProjectNames;
import io.parzen.events.Events;
import io.parzen.events.TaskCreated;
import io.parzen.messaging.inbound.InvalidEventException;
import io.parzen.task.json.Json;
import io.parzen.task.tasks.ErrorMappers;
import io.parzen.task.tasks.TaskRequest;
import io.parzen.task.validation.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code TaskCreated} record as read from Kafka, before task-service decided on it.
 *
 * @param event the event; its {@code task} is null when the record's {@code task} could not be read
 * @param source the record's CloudEvents {@code ce_source} header, null when absent
 * @param errors what is already known to be wrong (the {@code task} JSON, the task id, the project),
 *               in the REST 400 form: fields of the specification as in a REST body ({@code parameters[0].min})
 */
public record ExternalTask(TaskCreated event, String source, List<FieldError> errors) {

    /** The rule of a task id another platform chooses: it is stored in a 36-character column and keys every event. */
    static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,35}");
    static final String TASK_ID_RULE = "must be 1 to 36 characters: letters, digits, '.', '_' or '-', starting with a"
            + " letter or digit";
    /** A longer id is not echoed in a {@code TaskRejected}: the record is only dead-lettered. */
    private static final int MAX_ECHOED_ID = 200;
    private static final int MAX_CREATED_BY = 200;

    public ExternalTask {
        errors = List.copyOf(errors);
    }

    /** {@code createdBy} of the task: {@code kafka:<ce_source>} ({@code kafka:unknown} without the header). */
    public String createdBy() {
        String by = "kafka:" + (source == null || source.isBlank() ? "unknown" : source);
        return by.length() > MAX_CREATED_BY ? by.substring(0, MAX_CREATED_BY) : by;
    }

    /**
     * Reads a record's value. Throws {@link InvalidEventException} (dead letter only, nobody to answer)
     * when it is not a JSON object with a readable {@code taskId}, or its schema version is newer than
     * this service's; anything else wrong is kept in {@link #errors()} for the {@code TaskRejected}.
     */
    public static ExternalTask read(String value, String source) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("TaskCreated: the record has no value");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a valid TaskCreated JSON document: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("TaskCreated: the record's value is not a JSON object");
        }
        JsonNode id = tree.get("taskId");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new InvalidEventException("TaskCreated.taskId is missing or not a string");
        }
        String taskId = id.asText();
        if (taskId.length() > MAX_ECHOED_ID) {
            throw new InvalidEventException("TaskCreated.taskId is " + taskId.length() + " characters long; "
                    + TASK_ID_RULE);
        }
        if (tree.path("schemaVersion").asInt(Events.SCHEMA_VERSION) > Events.SCHEMA_VERSION) {
            throw new InvalidEventException("TaskCreated: schemaVersion " + tree.get("schemaVersion")
                    + " is newer than the " + Events.SCHEMA_VERSION + " this service reads");
        }
        List<FieldError> errors = new ArrayList<>();
        if (!TASK_ID.matcher(taskId).matches()) {
            errors.add(new FieldError("taskId", taskId, TASK_ID_RULE));
        }
        JsonNode projectNode = tree.get("project");
        String project = projectNode == null || projectNode.isNull() ? null : projectNode.asText();
        if (project != null && !project.isBlank() && !ProjectNames.isValid(project)) {
            errors.add(new FieldError("project", project, ProjectNames.RULE));
        }
        JsonNode task = tree.path("task");
        errors.addAll(TaskRequest.explicitZeros(explicitInt(task.get("maxExecutions")), explicitInt(task.get("batchSize"))));
        TaskCreated event;
        try {
            event = Json.mapper().treeToValue(tree, TaskCreated.class);
        } catch (JsonProcessingException e) {
            FieldError json = ErrorMappers.jsonError(e);
            errors.add(new FieldError(relativeToTask(json.field()), json.value(), json.message()));
            String eventId = tree.path("eventId").isTextual() ? tree.get("eventId").asText() : Events.newEventId();
            event = new TaskCreated(eventId, Events.SCHEMA_VERSION, taskId, Instant.now(), null, project);
        }
        return new ExternalTask(event, source, errors);
    }

    private static Integer explicitInt(JsonNode n) {
        return n != null && n.isNumber() ? Integer.valueOf(n.intValue()) : null;
    }

    /** A path in the event ({@code task.parameters[0].min}) as the same field of a REST body ({@code parameters[0].min}). */
    static String relativeToTask(String field) {
        return field.startsWith("task.") ? field.substring("task.".length()) : field;
    }
}
