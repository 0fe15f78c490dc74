package io.parzen.messaging.inbound;

import io.parzen.messaging.MessagingConfig;
import io.parzen.messaging.observability.DeadLetters;
import io.parzen.messaging.observability.MeterNames;
import io.parzen.messaging.tracing.TraceContext;
import io.parzen.messaging.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The inbound rule of every consumer, in one place. A consumer method reads the record as a string
 * ({@code StringDeserializer}, so that an unreadable value reaches this code) and returns
 * {@link #consume}'s Uni; the channel's failure strategy is {@code dead-letter-queue}. Then
 * <ul>
 * <li>a record that {@code read} rejects, or an {@link InvalidEventException} from the handler, fails
 * at once: SmallRye sends the original bytes to the dead-letter topic with {@code dead-letter-reason}
 * (the message), {@code dead-letter-cause}, {@code dead-letter-topic}, {@code -partition} and
 * {@code -offset} headers;</li>
 * <li>a transient failure ({@link Failures}) is retried with exponential backoff
 * ({@code parzen.messaging.inbound.*}); when the attempts run out the record is dead-lettered with a
 * reason that says so;</li>
 * <li>a bug (any other failure) is logged at ERROR with the record's topic, partition, offset and key
 * and the stack trace, and the record is acknowledged: it is not dead-lettered as bad input, and it
 * does not stall the partition. Replay it from the logged offset once the bug is fixed.</li>
 * </ul>
 * The handling runs in a {@code CONSUMER} span ({@link Tracing}) whose parent is the record's W3C
 * {@code traceparent} header when it has a valid one (a missing or malformed header starts a new
 * trace; it never fails the record), so that the events the handler writes to the outbox continue
 * the record's trace (ADR 0024).
 */
@ApplicationScoped
public class Inbound {

    private static final Logger LOG = Logger.getLogger(Inbound.class);

    private final MessagingConfig.Inbound config;
    private final DeadLetters deadLetters;
    private final Tracing tracing;

    public Inbound(MessagingConfig config, DeadLetters deadLetters, Tracing tracing) {
        this.config = config.inbound();
        this.deadLetters = deadLetters;
        this.tracing = tracing;
    }

    /** Where a record came from, for the log. */
    public record Origin(String topic, int partition, long offset, String key) {

        public static Origin of(ConsumerRecord<?, ?> record) {
            return new Origin(record.topic(), record.partition(), record.offset(),
                    record.key() == null ? null : String.valueOf(record.key()));
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset + " (key " + key + ")";
        }
    }

    /**
     * Reads {@code record} with {@code read} (throws {@link InvalidEventException} for bad input) and
     * hands the event to {@code handle} (idempotent: it may run more than once), in the record's
     * {@code CONSUMER} span: what {@code handle} writes to the outbox carries that span's trace context.
     */
    public <T> Uni<Void> consume(ConsumerRecord<String, String> record, Function<ConsumerRecord<String, String>, T> read,
            Function<? super T, Uni<Void>> handle) {
        Origin origin = Origin.of(record);
        Context parent = TraceContext.extract(record.headers());
        Span span = tracing.consumer(parent, record.topic(), record.partition(), record.offset(), origin.key());
        Context context = parent.with(span);
        return Tracing.within(context, () -> consume(origin, () -> read.apply(record), handle, context, span))
                .onTermination().invoke(span::end);
    }

    /**
     * As {@link #consume(ConsumerRecord, Function, Function)}, for a record known by its origin only: no
     * span of its own, the handling continues whatever trace context is current.
     */
    public <T> Uni<Void> consume(Origin origin, Supplier<T> read, Function<? super T, Uni<Void>> handle) {
        return consume(origin, read, handle, null, Span.getInvalid());
    }

    private <T> Uni<Void> consume(Origin origin, Supplier<T> read, Function<? super T, Uni<Void>> handle,
            Context context, Span span) {
        T event;
        try {
            event = read.get();
        } catch (RuntimeException e) {
            return outcome(origin, Uni.createFrom().failure(e), span);
        }
        Uni<Void> handled = Uni.createFrom().deferred(() -> {
            // each attempt (a retry runs on a timer's thread) builds its Uni with the record's context current
            Uni<Void> uni;
            try (Scope ignored = context == null ? Scope.noop() : context.makeCurrent()) {
                uni = handle.apply(event);
            }
            return uni == null ? Uni.createFrom().voidItem() : uni;
        });
        return outcome(origin, handled
                .onFailure(f -> Failures.kind(f) == Failures.Kind.TRANSIENT)
                .invoke(f -> LOG.warnf("Handling %s failed transiently (%s); retrying", origin, f.toString()))
                .onFailure(f -> Failures.kind(f) == Failures.Kind.TRANSIENT)
                .retry().withBackOff(config.retryFirstBackoff(), config.retryMaxBackoff())
                .atMost(config.retryAttempts())
                .onFailure(f -> Failures.kind(f) == Failures.Kind.TRANSIENT)
                .transform(f -> new RetriesExhaustedException(config.retryAttempts(), f)), span);
    }

    private Uni<Void> outcome(Origin origin, Uni<Void> handled, Span span) {
        return handled.onFailure().recoverWithUni(failure -> {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            if (failure instanceof RetriesExhaustedException || Failures.kind(failure) == Failures.Kind.INVALID) {
                LOG.warnf("Record %s goes to the dead-letter topic: %s", origin, failure.getMessage());
                deadLetters.count(origin.topic(), failure instanceof RetriesExhaustedException
                        ? MeterNames.REASON_RETRIES_EXHAUSTED : MeterNames.REASON_INVALID);
                return Uni.createFrom().failure(failure);
            }
            LOG.errorf(failure, "BUG: handling record %s failed; the record is skipped, not dead-lettered"
                    + " (replay it from this offset once fixed)", origin);
            return Uni.createFrom().voidItem();
        });
    }

    /** A transient failure that lasted through every attempt: the record goes to the dead-letter topic. */
    public static final class RetriesExhaustedException extends RuntimeException {

        RetriesExhaustedException(long attempts, Throwable last) {
            super("gave up after " + attempts + " attempts, the last failed with: " + last, last);
        }
    }
}
