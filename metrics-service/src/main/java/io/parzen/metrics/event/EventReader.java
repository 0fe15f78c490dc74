package io.parzen.metrics.event;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parzen.auth.ProjectNames;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.MetricLogged;
import io.parzen.events.ParzenEvent;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskCreated;
import io.parzen.messaging.inbound.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Parses and validates the JSON of incoming Kafka records with the messaging kit's reader (the
 * contract's checks) plus metrics-service's own. Consumers read records as strings and call this, so that a poison record fails with an {@link InvalidEventException} naming the problem
 * (and reaches the dead-letter topic with its original bytes) instead of breaking the consumer.
 *
 * <p>The mapper follows the event contract ({@link Events#configure}) and also accepts the bare
 * {@code NaN} and {@code Infinity} tokens that Python's {@code json.dumps} prints for a diverged loss.
 */
@ApplicationScoped
public class EventReader {

    private final ObjectMapper mapper = Events.configure(new ObjectMapper())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    private final io.parzen.messaging.inbound.EventReader reader = new io.parzen.messaging.inbound.EventReader(mapper);

    /** The mapper used for events; also used to read and write stored JSON. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public MetricLogged metricLogged(String json) {
        MetricLogged event = parse(json, MetricLogged.class);
        requireText(event.executionId(), "executionId");
        if (event.sequence() < 1) {
            throw new InvalidEventException("MetricLogged.sequence must be >= 1, was " + event.sequence());
        }
        if (event.values() == null) {
            throw new InvalidEventException("MetricLogged.values is missing");
        }
        return event;
    }

    public TaskCreated taskCreated(String json) {
        TaskCreated event = parse(json, TaskCreated.class);
        if (event.task() == null) {
            throw new InvalidEventException("TaskCreated.task is missing");
        }
        if (!ProjectNames.isValid(event.project())) {
            throw new InvalidEventException("TaskCreated.project '" + event.project() + "' " + ProjectNames.RULE);
        }
        return event;
    }

    /** A {@code TaskAccepted}, as the {@code TaskCreated} of the same task (what the store keeps is the same). */
    public TaskCreated taskAccepted(String json) {
        TaskAccepted event = parse(json, TaskAccepted.class);
        if (event.task() == null) {
            throw new InvalidEventException("TaskAccepted.task is missing");
        }
        if (!ProjectNames.isValid(event.project())) {
            throw new InvalidEventException("TaskAccepted.project '" + event.project() + "' " + ProjectNames.RULE);
        }
        return event.asTaskCreated();
    }

    public ExecutionFinished executionFinished(String json) {
        ExecutionFinished event = parse(json, ExecutionFinished.class);
        requireText(event.executionId(), "executionId");
        requireText(event.status(), "status");
        return event;
    }

    private <T extends ParzenEvent> T parse(String json, Class<T> type) {
        T event = reader.read(json, type);
        if (event.occurredAt() == null) {
            throw new InvalidEventException(type.getSimpleName() + ".occurredAt is missing");
        }
        return event;
    }

    private static void requireText(String value, String field) {
        io.parzen.messaging.inbound.EventReader.requireText(value, field);
    }
}
