package io.parzen.task.outbox;

import io.parzen.events.ParzenEvent;
import io.parzen.messaging.outbox.OutboxMessage;
import io.parzen.messaging.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds task-service's events to the transactional outbox of the messaging kit. Call it inside the
 * transaction that changes the state the event announces: either both are committed or neither is;
 * the kit's publisher sends the row right after the commit.
 */
@ApplicationScoped
public class Outbox {

    /** CloudEvents {@code ce_source} of everything task-service emits ({@code parzen.messaging.source}). */
    public static final String SOURCE = "/parzen/task-service";

    /** {@code requestedBy} of the requests task-service makes ({@code ExecutionStopRequested}). */
    public static final String REQUESTED_BY = "task-service";

    private final OutboxWriter writer;

    public Outbox(OutboxWriter writer) {
        this.writer = writer;
    }

    public Uni<OutboxMessage> add(ParzenEvent event) {
        return writer.add(event);
    }
}
