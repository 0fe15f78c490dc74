package io.parzen.executor.messaging;

import io.parzen.events.TaskFinished;
import io.parzen.executor.execution.ExecutionStatus;
import io.parzen.executor.process.ExecutionScheduler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Incoming("task-finished")
    public Uni<Void> consume(TaskFinished event) {
        if (event == null || event.taskId() == null || event.taskId().isBlank()) {
            return Uni.createFrom().failure(new InvalidEventException("not a readable TaskFinished record"));
        }
        String reason = event.reason() == null || event.reason().isBlank()
                ? ExecutionStatus.REASON_TASK_FINISHED : event.reason();
        return scheduler.taskFinished(event.taskId(), event.status(), reason);
    }
}
