package io.parzen.optimizer.service.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parzen.auth.ProjectNames;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ParzenEvent;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskFinished;

/** Parses and checks the events this service consumes; anything else is an {@link InvalidEventException}. */
public final class EventReader {

    private EventReader() {
    }

    /** Parses {@code json} as {@code type} and checks the fields this service relies on. */
    public static <T extends ParzenEvent> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException(type.getSimpleName() + ": the record has no value");
        }
        T event;
        try {
            event = Events.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(type.getSimpleName() + ": not valid JSON of this event: "
                    + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new InvalidEventException(type.getSimpleName() + ": the record's value is null");
        }
        require(event.taskId(), type, "taskId");
        if (event.schemaVersion() > Events.SCHEMA_VERSION) {
            throw new InvalidEventException(type.getSimpleName() + ": schemaVersion " + event.schemaVersion()
                    + " is newer than the " + Events.SCHEMA_VERSION + " this service reads");
        }
        if (event instanceof TaskCreated created && created.task() == null) {
            throw new InvalidEventException("TaskCreated: task is required");
        }
        if (event instanceof TaskCreated created && !ProjectNames.isValid(created.project())) {
            throw new InvalidEventException("TaskCreated: project '" + created.project() + "' " + ProjectNames.RULE);
        }
        if (event instanceof ExecutionFinished finished) {
            require(finished.executionId(), type, "executionId");
            require(finished.status(), type, "status");
        }
        if (event instanceof TaskFinished finished) {
            require(finished.status(), type, "status");
        }
        return event;
    }

    private static void require(String value, Class<?> type, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(type.getSimpleName() + ": " + field + " is required");
        }
    }
}
