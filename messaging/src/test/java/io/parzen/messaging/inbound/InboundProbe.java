package io.parzen.messaging.inbound;

import io.parzen.events.ExecutionStopRequested;
import io.parzen.events.TaskFinished;
import io.parzen.messaging.outbox.OutboxMessage;
import io.parzen.messaging.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A consumer of the kit's tests that follows the inbound rule. Its handler does what the event's
 * {@code reason} says: {@code ok} is handled, {@code refused} is bad input, {@code flaky} fails
 * transiently twice, {@code down} always fails transiently, {@code bug} and {@code iae} are bugs,
 * {@code write} writes an {@code ExecutionStopRequested} to the outbox after a database round trip.
 */
@ApplicationScoped
public class InboundProbe {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Inbound inbound;
    private final OutboxWriter outbox;
    private final EventReader reader = new EventReader();
    private final Map<String, String> written = new ConcurrentHashMap<>();

    public InboundProbe(Inbound inbound, OutboxWriter outbox) {
        this.inbound = inbound;
        this.outbox = outbox;
    }

    /** The event id of what the handler wrote to the outbox for a task id's event ({@code write}), or null. */
    public String written(String taskId) {
        return written.get(taskId);
    }

    /** The task ids whose event was handled. */
    public List<String> handled() {
        return List.copyOf(handled);
    }

    /** How many times the handler ran for a task id's event. */
    public int attempts(String taskId) {
        AtomicInteger n = attempts.get(taskId);
        return n == null ? 0 : n.get();
    }

    @Incoming("probe")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbound.consume(record, r -> {
            TaskFinished event = reader.read(r.value(), TaskFinished.class);
            EventReader.requireText(event.reason(), "TaskFinished.reason");
            return event;
        }, this::handle);
    }

    private Uni<Void> handle(TaskFinished event) {
        int attempt = attempts.computeIfAbsent(event.taskId(), k -> new AtomicInteger()).incrementAndGet();
        return switch (event.reason()) {
            case "refused" -> Uni.createFrom().failure(new InvalidEventException("the probe refuses " + event.taskId()));
            case "flaky" -> attempt <= 2
                    ? Uni.createFrom().failure(new TransientFailureException("flaky attempt " + attempt))
                    : done(event);
            case "down" -> Uni.createFrom().failure(new TransientFailureException("still down"));
            case "bug" -> throw new IllegalStateException("a bug in the probe");
            case "iae" -> Uni.createFrom().failure(new IllegalArgumentException("a bug, not bad input"));
            // a database round trip first: the row is written in a continuation, outside the handler's call
            case "write" -> Panache.withTransaction(() -> OutboxMessage.count().chain(n -> {
                ExecutionStopRequested stop = ExecutionStopRequested.of(event.taskId(), event.taskId() + "-1",
                        "traced", "probe");
                written.put(event.taskId(), stop.eventId());
                return outbox.add(stop);
            })).chain(() -> done(event));
            default -> done(event);
        };
    }

    private Uni<Void> done(TaskFinished event) {
        handled.add(event.taskId());
        return Uni.createFrom().voidItem();
    }
}
