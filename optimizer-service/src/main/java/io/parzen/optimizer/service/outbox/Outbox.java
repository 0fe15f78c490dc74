package io.parzen.optimizer.service.outbox;

import io.parzen.events.ParzenEvent;
import io.parzen.messaging.outbox.OutboxMessage;
import io.parzen.messaging.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns events into rows of the messaging kit's outbox; the caller persists them inside its own
 * transaction (with the study's row lock held, so a task's rows are numbered in commit order), and
 * the consumer kicks the kit's publisher once the change is committed.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxWriter writer;

    public Outbox(OutboxWriter writer) {
        this.writer = writer;
    }

    /** An unsent row for {@code event}: its topic, the task id as key, its JSON and its CloudEvents headers. */
    public OutboxMessage entry(ParzenEvent event) {
        return writer.row(event);
    }
}
