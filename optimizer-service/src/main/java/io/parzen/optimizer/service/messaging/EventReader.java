package io.parzen.optimizer.service.messaging;

import io.parzen.auth.ProjectNames;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ParzenEvent;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskFinished;
import io.parzen.messaging.inbound.InvalidEventException;

/**
 * Reads the events this service consumes with the messaging kit's reader and checks the fields this
 * service relies on; anything else is an {@link InvalidEventException}.
 */
public final class EventReader {

    private static final io.parzen.messaging.inbound.EventReader READER = new io.parzen.messaging.inbound.EventReader();

    private EventReader() {
    }

    /** Parses {@code json} as {@code type} and checks the fields this service relies on. */
    public static <T extends ParzenEvent> T read(String json, Class<T> type) {
        T event = READER.read(json, type);
        if (event instanceof TaskCreated created && created.task() == null) {
            throw new InvalidEventException("TaskCreated: task is required");
        }
        if (event instanceof TaskCreated created && !ProjectNames.isValid(created.project())) {
            throw new InvalidEventException("TaskCreated: project '" + created.project() + "' " + ProjectNames.RULE);
        }
        if (event instanceof TaskAccepted accepted && accepted.task() == null) {
            throw new InvalidEventException("TaskAccepted: task is required");
        }
        if (event instanceof TaskAccepted accepted && !ProjectNames.isValid(accepted.project())) {
            throw new InvalidEventException("TaskAccepted: project '" + accepted.project() + "' " + ProjectNames.RULE);
        }
        if (event instanceof ExecutionFinished finished) {
            require(finished.executionId(), type, "executionId");
            require(finished.status(), type, "status");
        }
        if (event instanceof TaskFinished finished) {
            require(finished.status(), type, "status");
        }
        if (event instanceof io.parzen.events.MetricLogged metric) { // the same rule as metrics-service's
            require(metric.executionId(), type, "executionId");
            if (metric.sequence() < 1) {
                throw new InvalidEventException("MetricLogged.sequence must be >= 1, was " + metric.sequence());
            }
            if (metric.values() == null) {
                throw new InvalidEventException("MetricLogged.values is missing");
            }
        }
        return event;
    }

    private static void require(String value, Class<?> type, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(type.getSimpleName() + ": " + field + " is required");
        }
    }
}
