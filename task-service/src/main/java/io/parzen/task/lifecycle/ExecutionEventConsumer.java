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
import io.parzen.messaging.inbound.BatchInbound;
import io.parzen.messaging.inbound.EventReader;
import io.parzen.messaging.inbound.InvalidEventException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the optimizer's and executors' events from one channel subscribed to their six topics (heartbeats
 * included), a poll at a time ({@code batch=true}, at most {@code max.poll.records} records: docs/decisions/0035),
 * under the messaging kit's inbound rule for a poll ({@link BatchInbound}, docs/decisions/0036):
 * <ul>
 * <li>each record is read alone: one that is not JSON, is not the topic's event type, or lacks what it must
 * carry goes to the dead-letter topic with its reason (the record alone is nacked, so the channel's
 * {@code dead-letter-queue} failure strategy writes it with the same headers as before), and the others go on;</li>
 * <li>the valid events of the poll are applied in ONE transaction ({@link ExecutionTracker#applyAll}), each in
 * its record's {@code CONSUMER} span ({@link BatchInbound#consumeTraced});</li>
 * <li>if that transaction fails, each event is applied alone, as a record always was: its own transaction,
 * the retries of a transient failure with backoff, the dead-letter topic when they run out, a bug logged and
 * skipped. Idempotency makes applying again what the failed transaction rolled back safe;</li>
 * <li>the poll is acknowledged (its offsets committed) only when all that is done.</li>
 * </ul>
 */
@ApplicationScoped
public class ExecutionEventConsumer {

    private static final EventReader READER = new EventReader(Json.mapper());

    @Inject
    ExecutionTracker tracker;

    @Inject
    BatchInbound batchInbound;

    @Incoming("execution-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return batchInbound.consumeTraced(batch, record -> parse(record.topic(), record.value()), tracker::applyAll,
                tracker::apply);
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
