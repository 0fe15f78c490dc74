package io.parzen.messaging.outbox;

import io.parzen.events.Events;
import io.parzen.events.ParzenEvent;
import io.parzen.messaging.CloudEventHeaders;
import io.parzen.messaging.MessagingConfig;
import io.parzen.messaging.tracing.TraceContext;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Adds events to the transactional outbox inside the caller's transaction: the rows are committed
 * with the state change they announce, or not at all. Each insert also queues a PostgreSQL
 * notification ({@code NOTIFY parzen_outbox}), which the server delivers only when the transaction
 * commits: that is how {@link OutboxPublisher} sends right after the commit, in whichever instance.
 * The table's trigger sends it ({@link OutboxSchema}); until the publisher has seen that trigger in place,
 * each write sends it itself, with one more statement (docs/decisions/0041).
 *
 * <p>Rows of one record key are published in id order; ids come from a sequence drawn at insert, so
 * a caller that writes a key's events from concurrent transactions must hold a lock of the key's
 * aggregate (the task's row) to have them published in commit order.
 */
@ApplicationScoped
public class OutboxWriter {

    /** The PostgreSQL notification channel of the outbox. */
    public static final String CHANNEL = "parzen_outbox";

    private final String source;
    /** Whether the table's trigger notifies (then the writes do not); set by the publisher after its migration. */
    private volatile boolean tableNotifies;

    public OutboxWriter(MessagingConfig config) {
        this.source = config.source();
    }

    /** Adds {@code event} in the current Panache session's transaction. */
    public Uni<OutboxMessage> add(ParzenEvent event) {
        Context trace = TraceContext.current();
        return Panache.getSession().chain(session -> add(session, event, trace));
    }

    /**
     * Adds {@code event} in the current Panache session's transaction, in the trace context {@code trace}
     * (e.g. the one stored with an aggregate whose later events must continue the trace that created it).
     */
    public Uni<OutboxMessage> add(ParzenEvent event, Context trace) {
        return Panache.getSession().chain(session -> add(session, event, trace));
    }

    /** Adds {@code events}, in list order, in the current Panache session's transaction. */
    public Uni<List<OutboxMessage>> addAll(List<? extends ParzenEvent> events) {
        Context trace = TraceContext.current();
        return Panache.getSession().chain(session -> addAll(session, events, trace));
    }

    /** As {@link #addAll(List)}, in the trace context {@code trace}. */
    public Uni<List<OutboxMessage>> addAll(List<? extends ParzenEvent> events, Context trace) {
        return Panache.getSession().chain(session -> addAll(session, events, trace));
    }

    /** Adds {@code event} in {@code session}'s transaction. */
    public Uni<OutboxMessage> add(Mutiny.Session session, ParzenEvent event) {
        return add(session, event, TraceContext.current());
    }

    /** Adds {@code event} in {@code session}'s transaction, in the trace context {@code trace}. */
    public Uni<OutboxMessage> add(Mutiny.Session session, ParzenEvent event, Context trace) {
        OutboxMessage row = row(event, trace);
        return session.persist(row).chain(() -> notifyOnCommit(session)).replaceWith(row);
    }

    /** Adds {@code events}, in list order, in {@code session}'s transaction. */
    public Uni<List<OutboxMessage>> addAll(Mutiny.Session session, List<? extends ParzenEvent> events) {
        return addAll(session, events, TraceContext.current());
    }

    /** As {@link #addAll(Mutiny.Session, List)}, in the trace context {@code trace}. */
    public Uni<List<OutboxMessage>> addAll(Mutiny.Session session, List<? extends ParzenEvent> events, Context trace) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<OutboxMessage> rows = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ParzenEvent event : events) {
            OutboxMessage row = row(event, trace);
            rows.add(row);
            chain = chain.chain(() -> session.persist(row));
        }
        return chain.chain(() -> notifyOnCommit(session)).replaceWith(rows);
    }

    /**
     * The unsent row of {@code event}: its topic, the task id as key, its JSON, its CloudEvents headers
     * and the trace context it is written in ({@link TraceContext#current()}: the REST call's span, or the
     * span of the consumed record being handled), if any.
     */
    public OutboxMessage row(ParzenEvent event) {
        return row(event, TraceContext.current());
    }

    /** As {@link #row(ParzenEvent)}, in the trace context {@code trace} (the root context: none). */
    public OutboxMessage row(ParzenEvent event, Context trace) {
        if (trace == null) {
            trace = Context.root();
        }
        Events.Type type = Events.Type.of(event);
        OutboxMessage row = new OutboxMessage();
        row.eventId = event.eventId();
        row.topic = type.topic();
        row.recordKey = event.taskId();
        row.eventType = type.cloudEventType();
        try {
            row.payload = Events.mapper().writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type + " as JSON", e);
        }
        row.headers = CloudEventHeaders.toJson(CloudEventHeaders.of(event, source));
        Map<String, String> context = TraceContext.headers(trace);
        row.traceparent = context.get(TraceContext.TRACEPARENT);
        row.tracestate = context.get(TraceContext.TRACESTATE);
        row.createdAt = Instant.now();
        return row;
    }

    /** Says that the outbox table notifies by itself after an insert (its trigger is in place), or not. */
    public void tableNotifies(boolean notifies) {
        this.tableNotifies = notifies;
    }

    /** Whether writes leave the commit notification to the table's trigger. */
    public boolean tableNotifies() {
        return tableNotifies;
    }

    private Uni<Void> notifyOnCommit(Mutiny.Session session) {
        if (tableNotifies) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery("select 1 from pg_notify('" + CHANNEL + "', '')")
                .getResultList().replaceWithVoid();
    }
}
