package io.parzen.task.lifecycle;

import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.MetricLogged;
import io.parzen.events.ParzenEvent;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.SuggestionsExhausted;
import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.task.json.Json;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the optimizer's and executors' events from one channel subscribed to their five topics, so
 * that the events are applied one at a time. A record that is not JSON, is not the topic's event
 * type, or lacks what it must carry is rejected: the failure strategy sends it to the dead-letter
 * topic with the reason, and consumption goes on.
 */
@ApplicationScoped
public class ExecutionEventConsumer {

    @Inject
    ExecutionTracker tracker;

    @Incoming("execution-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        ParzenEvent event;
        try {
            event = parse(record.topic(), record.value());
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        // an event that parsed but cannot be applied (database unreachable, lock timeout) is retried
        // before the failure strategy gives up on it
        return tracker.apply(event)
                .onFailure(e -> !(e instanceof IllegalArgumentException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5);
    }

    /** The event a record carries; throws {@link IllegalArgumentException} saying what is wrong. */
    static ParzenEvent parse(String topic, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty record on " + topic);
        }
        Events.Type type = null;
        for (Events.Type t : Events.Type.values()) {
            if (t.topic().equals(topic)) {
                type = t;
            }
        }
        if (type == null) {
            throw new IllegalArgumentException("unexpected topic " + topic);
        }
        ParzenEvent event = Json.read(value, type.recordClass());
        require(event.taskId() != null && !event.taskId().isBlank(), "taskId is missing", topic);
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
        } else if (event instanceof SuggestionsExhausted x) {
            require(x.issued() >= 0, "issued must be >= 0", topic);
        } else {
            throw new IllegalArgumentException("task-service does not consume " + topic);
        }
        return event;
    }

    private static void require(boolean ok, String message, String topic) {
        if (!ok) {
            throw new IllegalArgumentException("invalid event on " + topic + ": " + message);
        }
    }
}
