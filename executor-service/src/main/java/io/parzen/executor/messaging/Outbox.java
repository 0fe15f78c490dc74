package io.parzen.executor.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parzen.events.Events;
import io.parzen.events.ParzenEvent;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Adds events to the transactional outbox. Call inside the transaction that makes the state
 * change the event announces ({@code Panache.withTransaction}); {@link OutboxPublisher} sends them.
 */
@ApplicationScoped
public class Outbox {

    /** The CloudEvents {@code ce_source} of everything this service publishes. */
    public static final String SOURCE = "/parzen/executor-service";

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
