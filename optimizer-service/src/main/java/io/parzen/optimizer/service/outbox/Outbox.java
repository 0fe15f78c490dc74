package io.parzen.optimizer.service.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parzen.events.Events;
import io.parzen.events.ParzenEvent;
import io.parzen.optimizer.service.config.OptimizerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Turns events into outbox rows; the caller persists them inside its own transaction. */
@ApplicationScoped
public class Outbox {

    private final OptimizerConfig config;

    public Outbox(OptimizerConfig config) {
        this.config = config;
    }

    /** An unsent row for {@code event}: its topic, the task id as key, its JSON and its CloudEvents headers. */
    public OutboxEntry entry(ParzenEvent event) {
        Events.Type type = Events.Type.of(event);
        OutboxEntry entry = new OutboxEntry();
        entry.topic = type.topic();
        entry.recordKey = event.taskId();
        entry.eventType = type.cloudEventType();
        try {
            entry.payload = Events.mapper().writeValueAsString(event);
            entry.headers = Events.mapper().writeValueAsString(Events.cloudEventHeaders(event, config.source()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type + " as JSON", e);
        }
        entry.createdAt = Instant.now();
        return entry;
    }
}
