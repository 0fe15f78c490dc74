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
import io.parzen.messaging.tracing.TraceContext;
import io.parzen.messaging.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the optimizer's and executors' events from one channel subscribed to their six topics (heartbeats
 * included), a poll at a time ({@code batch=true}, at most {@code max.poll.records} records: docs/decisions/0035),
 * under the messaging kit's inbound rule ({@link Inbound}):
 * <ul>
 * <li>each record is read alone: one that is not JSON, is not the topic's event type, or lacks what it must
 * carry goes to the dead-letter topic with its reason (the record alone is nacked, so the channel's
 * {@code dead-letter-queue} failure strategy writes it with the same headers as before), and the others go on;</li>
 * <li>the valid events of the poll are applied in ONE transaction ({@link ExecutionTracker#applyAll}), each in
 * its record's {@code CONSUMER} span;</li>
 * <li>if that transaction fails, each event is applied alone, as a record always was: its own transaction,
 * the retries of a transient failure with backoff, the dead-letter topic when they run out, a bug logged and
 * skipped. Idempotency makes applying again what the failed transaction rolled back safe;</li>
 * <li>the poll is acknowledged (its offsets committed) only when all that is done.</li>
 * </ul>
 */
@ApplicationScoped
public class ExecutionEventConsumer {

    private static final Logger LOG = Logger.getLogger(ExecutionEventConsumer.class);
    private static final EventReader READER = new EventReader(Json.mapper());

    @Inject
    ExecutionTracker tracker;

    @Inject
    Inbound inbound;

    @Inject
    Tracing tracing;

    /** A valid record of the poll: its event and the {@code CONSUMER} span its handling runs in. */
    private record Valid(KafkaRecord<String, String> message, ConsumerRecord<String, String> record,
            ParzenEvent event, Span span, Context context) {
    }

    @Incoming("execution-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<Valid> valid = new ArrayList<>();
        List<Supplier<Uni<Void>>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, String> message : batch.getRecords()) {
            ConsumerRecord<String, String> record = recordOf(message);
            ParzenEvent event;
            try {
                event = parse(record.topic(), record.value());
            } catch (InvalidEventException e) {
                // the kit's rule as for a record alone (log, count, span), then this record to the dead-letter topic
                deadLetters.add(() -> alone(message, record, r -> parse(r.topic(), r.value())));
                continue;
            }
            Context parent = TraceContext.extract(record.headers());
            Span span = tracing.consumer(parent, record.topic(), record.partition(), record.offset(),
                    record.key());
            valid.add(new Valid(message, record, event, span, parent.with(span)));
        }
        return ExecutionTracker.sequentially(deadLetters).chain(() -> apply(valid))
                .chain(() -> Uni.createFrom().completionStage(batch::ack))
                .onFailure().recoverWithUni(failure -> {
                    // only a dead letter that could not be written gets here: nothing of the poll is acknowledged,
                    // its records come again after a restart (the throttled commit strategy reports the stall)
                    LOG.errorf(failure, "a poll of %d record(s) is not acknowledged", batch.getRecords().size());
                    return Uni.createFrom().voidItem();
                });
    }

    /** The poll's valid events in one transaction, or, if it fails, each alone. */
    private Uni<Void> apply(List<Valid> valid) {
        if (valid.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ExecutionTracker.Traced> events = valid.stream()
                .map(v -> new ExecutionTracker.Traced(v.event(), v.context())).toList();
        return tracker.applyAll(events)
                .invoke(() -> valid.forEach(v -> v.span().end()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("applying a poll of %d event(s) in one transaction failed (%s); applying each alone",
                            valid.size(), failure.toString());
                    valid.forEach(v -> Tracing.fail(v.span(), failure));
                    List<Supplier<Uni<Void>>> each = new ArrayList<>();
                    for (Valid v : valid) {
                        each.add(() -> alone(v.message(), v.record(), r -> v.event()));
                    }
                    return ExecutionTracker.sequentially(each);
                });
    }

    /**
     * One record as the kit handles a record alone ({@link Inbound#consume}: its own span and transaction,
     * retries, the log); if the kit gives it up as bad input or after the retries, the record alone is nacked:
     * the failure strategy writes it to the dead-letter topic (and acknowledges it).
     */
    private Uni<Void> alone(KafkaRecord<String, String> message, ConsumerRecord<String, String> record,
            Function<ConsumerRecord<String, String>, ParzenEvent> read) {
        return inbound.consume(record, read, tracker::apply)
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(() -> message.nack(failure)));
    }

    private static ConsumerRecord<String, String> recordOf(KafkaRecord<String, String> message) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<String, String> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a record of the poll without its Kafka metadata"));
        return metadata.getRecord();
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
