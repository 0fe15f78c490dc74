package io.parzen.messaging.inbound;

import io.parzen.messaging.tracing.TraceContext;
import io.parzen.messaging.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The inbound rule of {@link Inbound} for a poll at a time (a channel with {@code batch=true}, the method's
 * parameter a {@link KafkaRecordBatch}, {@code @Acknowledgment(MANUAL)}, the channel's failure strategy
 * {@code dead-letter-queue}; docs/decisions/0036):
 * <ul>
 * <li>each record is read alone with {@code read}; one it rejects goes through {@link Inbound#consume} alone (its
 * log, its dead-letter count, its span) and then the record alone is nacked, so the failure strategy writes it to
 * the dead-letter topic with the same {@code dead-letter-reason}, {@code -cause}, {@code -topic},
 * {@code -partition} and {@code -offset} headers as a record consumed alone; the other records go on;</li>
 * <li>the valid events of the poll, in poll order, go to {@code handleAll} together (one transaction of the
 * service's); each valid record has its {@code CONSUMER} span, ended when the poll's handling ends;</li>
 * <li>if {@code handleAll} fails, whatever the failure, each valid event goes through {@link Inbound#consume}
 * alone with {@code handleOne}, as a record always did: its own transaction, the retries of a transient
 * failure, the dead-letter topic when they run out, a bug logged and skipped. Both handlers must therefore be
 * idempotent: what the failed {@code handleAll} did is rolled back or harmless to do again;</li>
 * <li>the poll is acknowledged (its offsets committed) only when all that is done: at least once.</li>
 * </ul>
 * The steps run in a loop, never as a chain of continuations: a poll of hundreds handled as a chain of
 * synchronously completing {@code Uni}s overflows the stack (task-service met it, ADR 0035).
 */
@ApplicationScoped
public class BatchInbound {

    private static final Logger LOG = Logger.getLogger(BatchInbound.class);

    private final Inbound inbound;
    private final Tracing tracing;

    public BatchInbound(Inbound inbound, Tracing tracing) {
        this.inbound = inbound;
        this.tracing = tracing;
    }

    /** A valid record of the poll, its event, its {@code CONSUMER} span and the context of that span. */
    private record Valid<T>(KafkaRecord<String, String> message, ConsumerRecord<String, String> record, T event,
            Span span, Context context) {
    }

    /**
     * An event of the poll with the context of its record's {@code CONSUMER} span ({@code null}: none), so that
     * a {@code handleAll} that works event by event inside its one transaction can run each event's part in that
     * event's span ({@link #within}): the outbox rows it writes then carry that record's trace (ADR 0024).
     */
    public record Traced<T>(T event, Context trace) {

        /** Runs {@code work} (subscribed lazily) in this event's span context, or as it is without one. */
        public Uni<Void> within(Supplier<Uni<Void>> work) {
            return trace == null ? Uni.createFrom().<Void>deferred(work::get) : Tracing.within(trace, work);
        }
    }

    /**
     * Handles one poll (see the class comment).
     *
     * @param read reads a record's event; throws {@link InvalidEventException} for bad input
     * @param handleAll stores the valid events of the poll together (one transaction); idempotent
     * @param handleOne stores one event alone (its own transaction); idempotent
     */
    public <T> Uni<Void> consume(KafkaRecordBatch<String, String> batch, Function<ConsumerRecord<String, String>, T> read,
            Function<List<T>, Uni<Void>> handleAll, Function<? super T, Uni<Void>> handleOne) {
        return consumeTraced(batch, read, traced -> {
            List<T> events = new ArrayList<>(traced.size());
            traced.forEach(t -> events.add(t.event()));
            return handleAll.apply(events);
        }, handleOne);
    }

    /**
     * Handles one poll as {@link #consume} does, with each valid event handed to {@code handleAll} together with
     * the context of its record's {@code CONSUMER} span.
     */
    public <T> Uni<Void> consumeTraced(KafkaRecordBatch<String, String> batch,
            Function<ConsumerRecord<String, String>, T> read, Function<List<Traced<T>>, Uni<Void>> handleAll,
            Function<? super T, Uni<Void>> handleOne) {
        List<Valid<T>> valid = new ArrayList<>();
        List<Supplier<Uni<Void>>> invalid = new ArrayList<>();
        for (KafkaRecord<String, String> message : batch.getRecords()) {
            ConsumerRecord<String, String> record = recordOf(message);
            T event;
            try {
                event = read.apply(record);
            } catch (RuntimeException e) {
                // the kit's rule as for a record alone (log, count, span), then this record to the dead-letter topic
                invalid.add(() -> alone(message, record, read, handleOne));
                continue;
            }
            Context parent = TraceContext.extract(record.headers());
            Span span = tracing.consumer(parent, record.topic(), record.partition(), record.offset(),
                    record.key() == null ? null : String.valueOf(record.key()));
            valid.add(new Valid<>(message, record, event, span, parent.with(span)));
        }
        int size = batch.getRecords().size();
        return sequentially(invalid).chain(() -> together(valid, handleAll, handleOne))
                .chain(() -> Uni.createFrom().completionStage(batch::ack))
                .onFailure().recoverWithUni(failure -> {
                    // only a dead letter that could not be written gets here: nothing of the poll is acknowledged,
                    // its records come again after a restart (the throttled commit strategy reports the stall)
                    LOG.errorf(failure, "a poll of %d record(s) is not acknowledged", size);
                    return Uni.createFrom().voidItem();
                });
    }

    private <T> Uni<Void> together(List<Valid<T>> valid, Function<List<Traced<T>>, Uni<Void>> handleAll,
            Function<? super T, Uni<Void>> handleOne) {
        if (valid.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Traced<T>> events = new ArrayList<>(valid.size());
        valid.forEach(v -> events.add(new Traced<>(v.event(), v.context())));
        return Uni.createFrom().deferred(() -> {
            Uni<Void> uni = handleAll.apply(events);
            return uni == null ? Uni.createFrom().voidItem() : uni;
        }).invoke(() -> valid.forEach(v -> v.span().end()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("storing a poll of %d event(s) in one transaction failed (%s); storing each alone",
                            valid.size(), failure.toString());
                    // each record's span ends failed; its handling alone has a span of its own
                    valid.forEach(v -> Tracing.fail(v.span(), failure));
                    List<Supplier<Uni<Void>>> each = new ArrayList<>(valid.size());
                    for (Valid<T> v : valid) {
                        each.add(() -> alone(v.message(), v.record(), r -> v.event(), handleOne));
                    }
                    return sequentially(each);
                });
    }

    /**
     * One record as the kit handles a record alone ({@link Inbound#consume}); if the kit gives it up as bad input
     * or after the retries, the record alone is nacked: the failure strategy writes it to the dead-letter topic
     * (and acknowledges it).
     */
    private <T> Uni<Void> alone(KafkaRecord<String, String> message, ConsumerRecord<String, String> record,
            Function<ConsumerRecord<String, String>, T> read, Function<? super T, Uni<Void>> handleOne) {
        return inbound.consume(record, read, handleOne)
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(() -> message.nack(failure)));
    }

    /**
     * Runs {@code steps} one after the other, in a loop (a {@code Multi} concatenated), not as a chain of
     * {@code Uni.chain} calls, which overflows the stack when hundreds complete synchronously.
     */
    public static Uni<Void> sequentially(List<Supplier<Uni<Void>>> steps) {
        if (steps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(steps).onItem()
                .transformToUniAndConcatenate(step -> Uni.createFrom().<Void>deferred(step::get).replaceWith(Boolean.TRUE))
                .collect().last().replaceWithVoid();
    }

    private static ConsumerRecord<String, String> recordOf(KafkaRecord<String, String> message) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<String, String> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a record of the poll without its Kafka metadata"));
        return metadata.getRecord();
    }
}
