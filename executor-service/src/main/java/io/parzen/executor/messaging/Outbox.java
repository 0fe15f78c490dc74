package io.parzen.executor.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parzen.events.Events;
import io.parzen.events.ParzenEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Adds events to the transactional outbox. Call {@link #add} inside the transaction that makes the
 * state change the event announces, best through {@link #transaction(Supplier)}, which also tells
 * {@link OutboxPublisher} to send them as soon as the transaction committed. The writer knows
 * nothing of who calls it, so the publisher depends on no domain class.
 */
@ApplicationScoped
public class Outbox {

    /** The CloudEvents {@code ce_source} of everything this service publishes. */
    public static final String SOURCE = "/parzen/executor-service";

    @Inject
    OutboxPublisher publisher;

    /**
     * Runs the work in one database transaction and, once it committed, asks the publisher for a
     * round (rows written by a transaction that rolled back are never sent).
     */
    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(publisher::kick);
    }

    /** Persists one event in the current transaction. */
    public Uni<Void> add(ParzenEvent event) {
        return row(event).persist().replaceWithVoid();
    }

    /** Persists events in the current transaction, in list order. */
    public Uni<Void> addAll(List<? extends ParzenEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return PanacheEntityBase.persist(events.stream().map(Outbox::row).toList());
    }

    static OutboxEvent row(ParzenEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.eventId();
        row.topic = Events.Type.of(event).topic();
        row.messageKey = event.taskId();
        try {
            row.payload = Events.mapper().writeValueAsString(event);
            row.headers = Events.mapper().writeValueAsString(Events.cloudEventHeaders(event, SOURCE));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
        row.createdAt = Instant.now();
        return row;
    }
}
