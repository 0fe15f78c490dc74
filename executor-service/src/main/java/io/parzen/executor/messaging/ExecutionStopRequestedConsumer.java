package io.parzen.executor.messaging;

import io.parzen.events.ExecutionStopRequested;
import io.parzen.executor.process.ExecutionScheduler;
import io.parzen.messaging.inbound.EventReader;
import io.parzen.messaging.inbound.Inbound;
import io.parzen.messaging.inbound.InvalidEventException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code ExecutionStopRequested}: the execution is stopped if this executor runs it (TERM,
 * then KILL after the grace period) or dropped if it is queued here; either way it is reported
 * {@code stopped} with the request's reason as {@code statusReason}. The task goes on. Idempotent:
 * an unknown or already finished execution is left alone.
 */
@ApplicationScoped
public class ExecutionStopRequestedConsumer {

    @Inject
    ExecutionScheduler scheduler;

    @Inject
    Inbound inbound;

    private final EventReader reader = new EventReader();

    @Incoming("execution-stop-requested")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbound.consume(record, r -> {
            ExecutionStopRequested event = reader.read(r.value(), ExecutionStopRequested.class);
            if (event.executionId() == null || event.executionId().isBlank()
                    || event.reason() == null || event.reason().isBlank()) {
                throw new InvalidEventException(
                        "not a readable ExecutionStopRequested record: it needs executionId and reason");
            }
            return event;
        }, this::handle);
    }

    private Uni<Void> handle(ExecutionStopRequested event) {
        return scheduler.stop(event.executionId(), event.reason())
                .invoke(outcome -> Log.infof("stop of execution %s requested by %s (%s): %s", event.executionId(),
                        event.requestedBy(), event.reason(), outcome))
                .replaceWithVoid();
    }
}
