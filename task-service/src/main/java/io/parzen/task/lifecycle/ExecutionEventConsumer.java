package io.parzen.task.lifecycle;

import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionHeartbeat;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.MetricLogged;
import io.parzen.events.ParzenEvent;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.SuggestionsExhausted;
import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.task.json.Json;
import io.parzen.messaging.inbound.EventReader;
import io.parzen.messaging.inbound.Inbound;
import io.parzen.messaging.inbound.InvalidEventException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the optimizer's and executors' events from one channel subscribed to their six topics (heartbeats included), so
 * that the events are applied one at a time, under the messaging kit's inbound rule ({@link Inbound}):
 * a record that is not JSON, is not the topic's event type, or lacks what it must carry is rejected —
 * the failure strategy sends it to the dead-letter topic with the reason, and consumption goes on; a
 * transient failure while applying it is retried with backoff; a bug is logged, not dead-lettered.
 */
@ApplicationScoped
public class ExecutionEventConsumer {

    private static final EventReader READER = new EventReader(Json.mapper());

    @Inject
    ExecutionTracker tracker;

    @Inject
    Inbound inbound;

    @Incoming("execution-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbound.consume(record, r -> parse(r.topic(), r.value()), tracker::apply);
    }

    /** The event a record carries; throws {@link InvalidEventException} saying what is wrong. */
    static ParzenEvent parse(String topic, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("empty record on " + topic);
        }
        Events.Type type = EventReader.typeOf(topic)
                .orElseThrow(() -> new InvalidEventException("unexpected topic " + topic));
        ParzenEvent event = READER.read(value, type.recordClass());
        if (event instanceof SuggestionRequested s) {
            require(s.executionId() != null, "executionId is missing", topic);
            require(s.seq() >= 1, "seq must be >= 1", topic);
        } else if (event instanceof ExecutionStarted s) {
            require(s.executionId() != null, "executionId is missing", topic);
        } else if (event instanceof MetricLogged m) {
            require(m.executionId() != null, "executionId is missing", topic);
            require(m.values() != null, "values are missing", topic);
        } else if (event instanceof ExecutionFinished f) {
            require(f.executionId() != null, "executionId is missing", topic);
            require(ExecutionStatus.isFinal(f.status()), "status must be one of complete, error, stopped, crashed;"
                    + " was " + f.status(), topic);
        } else if (event instanceof ExecutionHeartbeat h) {
            require(h.executions().stream().allMatch(e -> e != null && e.executionId() != null),
                    "every execution needs its executionId", topic);
        } else if (event instanceof SuggestionsExhausted x) {
            require(x.issued() >= 0, "issued must be >= 0", topic);
        } else {
            throw new InvalidEventException("task-service does not consume " + topic);
        }
        return event;
    }

    private static void require(boolean ok, String message, String topic) {
        EventReader.require(ok, "invalid event on " + topic + ": " + message);
    }
}
