package io.parzen.executor.messaging;

import io.parzen.events.TaskFinished;
import io.parzen.executor.execution.ExecutionStatus;
import io.parzen.executor.process.ExecutionScheduler;
import io.parzen.messaging.inbound.EventReader;
import io.parzen.messaging.inbound.Inbound;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code TaskFinished}: the task's running executions are stopped and its queued ones
 * dropped, all reported {@code stopped} with the event's reason (or {@code task-finished}).
 * Idempotent: a second event for the task finds nothing left to stop.
 */
@ApplicationScoped
public class TaskFinishedConsumer {

    @Inject
    ExecutionScheduler scheduler;

    @Inject
    Inbound inbound;

    private final EventReader reader = new EventReader();

    @Incoming("task-finished")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbound.consume(record, r -> reader.read(r.value(), TaskFinished.class), this::handle);
    }

    private Uni<Void> handle(TaskFinished event) {
        String reason = event.reason() == null || event.reason().isBlank()
                ? ExecutionStatus.REASON_TASK_FINISHED : event.reason();
        return scheduler.taskFinished(event.taskId(), event.status(), reason);
    }
}
