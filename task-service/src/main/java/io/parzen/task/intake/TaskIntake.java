package io.parzen.task.intake;

import io.parzen.events.TaskCreated;
import io.parzen.events.TaskRejected;
import io.parzen.events.TaskStopRequested;
import io.parzen.messaging.inbound.InvalidEventException;
import io.parzen.task.outbox.Outbox;
import io.parzen.task.tasks.TaskConflictException;
import io.parzen.task.tasks.TaskNotFoundException;
import io.parzen.task.tasks.TaskOwner;
import io.parzen.task.tasks.TaskService;
import io.parzen.task.validation.FieldError;
import io.parzen.task.validation.TaskValidationException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What task-service does with the tasks and stops other platforms put on Kafka (docs/decisions/0019):
 * a {@code TaskCreated} it did not write itself goes through the same path as {@code POST /api/v1/tasks}
 * and becomes a task (announced by {@code TaskAccepted}), or is answered by {@code TaskRejected} with the
 * REST errors and dead-lettered with the reason; a {@code TaskStopRequested} does what
 * {@code POST /api/v1/tasks/{id}/stop} does.
 */
@ApplicationScoped
public class TaskIntake {

    private static final Logger LOG = Logger.getLogger(TaskIntake.class);

    @Inject
    TaskService tasks;

    @Inject
    Outbox outbox;

    /** Registers an external task; an id task-service already stores is ignored (its own, or a duplicate). */
    public Uni<Void> created(ExternalTask external) {
        TaskCreated event = external.event();
        if (Outbox.SOURCE.equals(external.source())) {
            return Uni.createFrom().voidItem();
        }
        return tasks.exists(event.taskId()).chain(exists -> {
            if (exists) {
                LOG.debugf("TaskCreated %s of task %s: the task exists, nothing to do", event.eventId(), event.taskId());
                return Uni.createFrom().voidItem();
            }
            List<FieldError> earlier = new ArrayList<>(external.errors());
            String project = event.project();
            TaskOwner owner = new TaskOwner(project, external.createdBy());
            if (event.task() == null) {
                if (earlier.isEmpty()) {
                    earlier.add(new FieldError("task", null, "is required: the task specification"));
                }
                return reject(event.taskId(), event.project(), earlier);
            }
            return tasks.register(event.taskId(), event.task(), earlier, owner)
                    .invoke(view -> LOG.infof("task %s from Kafka (%s) accepted in project %s", view.id(),
                            owner.createdBy(), view.project()))
                    .replaceWithVoid()
                    .onFailure(TaskValidationException.class)
                    .recoverWithUni(e -> reject(event.taskId(), event.project(), ((TaskValidationException) e).errors()));
        });
    }

    /**
     * Answers a task that cannot run with {@code TaskRejected}, then fails with
     * {@link InvalidEventException} so that the record goes to the dead-letter topic with the reason.
     */
    public Uni<Void> reject(String taskId, String project, List<FieldError> errors) {
        List<TaskRejected.FieldError> wire = errors.stream()
                .map(e -> new TaskRejected.FieldError(e.field(), e.value(), e.message())).toList();
        String reason = new TaskValidationException(errors).getMessage();
        return Panache.withTransaction(() -> outbox.add(TaskRejected.of(taskId, project, wire)))
                .invoke(() -> LOG.warnf("TaskCreated of task %s rejected: %s", taskId, reason))
                .chain(() -> Uni.createFrom().failure(new InvalidEventException("task " + taskId + " rejected, "
                        + "TaskRejected sent: " + reason)));
    }

    /** Stops the task as the REST stop does; an ended task stays as it is, an unknown one is dead-lettered. */
    public Uni<Void> stopRequested(TaskStopRequested request) {
        return tasks.stopRequested(request.taskId(), request.requestedBy())
                .invoke(view -> LOG.infof("task %s stopping at the request of %s on Kafka: %s", view.id(),
                        request.requestedBy(), request.reason()))
                .replaceWithVoid()
                .onFailure(TaskConflictException.class).recoverWithUni(e -> {
                    LOG.infof("TaskStopRequested %s: %s; nothing to do", request.eventId(), e.getMessage());
                    return Uni.createFrom().voidItem();
                })
                .onFailure(TaskNotFoundException.class).transform(e -> new InvalidEventException(
                        "TaskStopRequested for task " + request.taskId() + ": no such task"));
    }
}
