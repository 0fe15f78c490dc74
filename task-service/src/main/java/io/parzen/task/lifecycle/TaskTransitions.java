package io.parzen.task.lifecycle;

import io.parzen.events.TaskFinished;
import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.events.vocabulary.TaskStatus;
import io.parzen.task.config.TaskServiceConfig;
import io.parzen.task.executions.ExecutionEntity;
import io.parzen.task.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The transitions of a running task to its end, each one a change of the stored task and (where the
 * contract says so) a {@code TaskFinished} in the outbox, in the caller's transaction: finishing at
 * once ({@code complete}, {@code error}), stopping ({@code stopping}, then {@code stopped} when every
 * execution has ended) and the stopping timeout. {@link TaskLifecycle} decides <em>which</em>
 * transition; this class makes it. Used by the execution events ({@link ExecutionTracker}), the user's
 * stop ({@code TaskService.stop}) and the {@link StoppingSweeper}.
 */
@ApplicationScoped
public class TaskTransitions {

    private static final Logger LOG = Logger.getLogger(TaskTransitions.class);

    @Inject
    Outbox outbox;

    @Inject
    TaskServiceConfig config;

    /**
     * Ends a task: sets its final status and reason and writes {@code TaskFinished} to the outbox.
     * Call inside a transaction holding the task's row lock, on a task that has not ended and is not
     * stopping (a stopping task has emitted its {@code TaskFinished} already).
     */
    public Uni<Void> finish(TaskEntity task, String status, String reason) {
        task.status = status;
        task.statusReason = reason;
        task.finishedAt = Instant.now();
        task.updatedAt = task.finishedAt;
        LOG.infof("task %s finished: %s (%s)", task.id, status, reason);
        return outbox.add(TaskFinished.of(task.id, status, reason)).replaceWithVoid();
    }

    /**
     * Starts stopping a task (user stop, early stopping): status {@code stopping} with the reason,
     * its executions that have not ended show {@code stopping}, and {@code TaskFinished(stopped,
     * reason)} goes to the outbox now: the only {@code TaskFinished} of the task. If no execution is
     * still running the task is {@code stopped} at once. Call inside a transaction holding the task's
     * row lock, with the task's executions loaded in it, on a task that is neither final nor stopping.
     */
    public Uni<Void> beginStopping(TaskEntity task, String reason, List<ExecutionEntity> executions) {
        Instant now = Instant.now();
        task.status = TaskStatus.STOPPING.wireName();
        task.statusReason = reason;
        task.stoppingSince = now;
        task.lastEventAt = now;
        task.updatedAt = now;
        for (ExecutionEntity e : executions) {
            if (!e.isFinal()) {
                e.status = ExecutionStatus.STOPPING.wireName();
                task.changed(e);
            }
        }
        LOG.infof("task %s stopping (%s)", task.id, reason);
        return outbox.add(TaskFinished.of(task.id, TaskStatus.STOPPED, reason)).invoke(() -> {
            if (executions.stream().allMatch(ExecutionEntity::isFinal)) {
                completeStop(task, now);
            }
        }).replaceWithVoid();
    }

    /**
     * A stopping task becomes {@code stopped}, keeping its reason; no event (its {@code TaskFinished}
     * was emitted when it began stopping).
     */
    public void completeStop(TaskEntity task, Instant at) {
        task.status = TaskStatus.STOPPED.wireName();
        task.finishedAt = at;
        task.updatedAt = at;
        LOG.infof("task %s stopped (%s)", task.id, task.statusReason);
    }

    /**
     * Stops every task that has been {@code stopping} with no execution event since {@code now}
     * minus the stopping timeout: its executions that have not ended become {@code stopped} with
     * reason {@code stopping-timeout} (a finish that still arrives replaces that), and the task
     * {@code stopped}. Answers how many tasks were stopped.
     */
    public Uni<Integer> expireStopping(Instant now) {
        Instant cutoff = now.minus(config.stoppingTimeout());
        return Panache.withSession(() -> TaskEntity.<TaskEntity>list(
                        "status = ?1 and (lastEventAt is null or lastEventAt <= ?2)", TaskStatus.STOPPING.wireName(), cutoff))
                .map(list -> list.stream().map(t -> t.id).toList())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> expireOne(id, cutoff, now))
                        .collect().asList()
                        .map(results -> (int) results.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> expireOne(String id, Instant cutoff, Instant now) {
        return Panache.withTransaction(() -> TaskEntity.<TaskEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(task -> {
                    if (task == null || !task.isStopping()
                            || (task.lastEventAt != null && task.lastEventAt.isAfter(cutoff))) {
                        return Uni.createFrom().item(false);
                    }
                    return ExecutionEntity.<ExecutionEntity>list("taskId = ?1 order by seq", id).map(executions -> {
                        long open = 0;
                        for (ExecutionEntity e : executions) {
                            if (!e.isFinal()) {
                                e.status = ExecutionStatus.STOPPED.wireName();
                                e.statusReason = TaskLifecycle.STOPPING_TIMEOUT;
                                e.finishedAt = now;
                                task.changed(e);
                                open++;
                            }
                        }
                        LOG.warnf("task %s: no execution event for %s while stopping; stopped with %d execution(s) "
                                + "not reported by an executor", id, config.stoppingTimeout(), open);
                        completeStop(task, now);
                        return true;
                    });
                }));
    }
}
