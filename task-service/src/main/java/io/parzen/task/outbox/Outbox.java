package io.parzen.task.outbox;

import io.parzen.events.Events;
import io.parzen.events.ParzenEvent;
import io.parzen.task.json.Json;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Adds events to the transactional outbox. Call it inside the transaction that changes the state
 * the event announces: either both are committed or neither is.
 */
@ApplicationScoped
public class Outbox {

    /** CloudEvents {@code ce_source} of everything task-service emits. */
    public static final String SOURCE = "/parzen/task-service";

    /** {@code requestedBy} of the requests task-service makes ({@code ExecutionStopRequested}). */
    public static final String REQUESTED_BY = "task-service";

    public Uni<OutboxEntity> add(ParzenEvent event) {
        OutboxEntity row = new OutboxEntity();
        row.eventId = event.eventId();
        row.topic = Events.Type.of(event).topic();
        row.recordKey = event.taskId();
        row.payload = Json.write(event);
        row.headers = Json.write(Events.cloudEventHeaders(event, SOURCE));
        row.createdAt = Instant.now();
        return row.persist();
    }
}
