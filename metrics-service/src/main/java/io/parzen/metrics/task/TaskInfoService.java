package io.parzen.metrics.task;

import io.parzen.events.TargetSpec;
import io.parzen.events.TaskCreated;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Stores and reads {@link TaskInfo}. */
@ApplicationScoped
public class TaskInfoService {

    /**
     * Upserts the task from its {@code TaskCreated}. Idempotent: a redelivered event writes the same
     * values; an older event than the one stored is ignored.
     */
    @WithTransaction
    public Uni<Void> store(TaskCreated event) {
        return TaskInfo.<TaskInfo>findById(event.taskId()).flatMap(existing -> {
            if (existing != null && existing.createdAt != null && existing.createdAt.isAfter(event.occurredAt())) {
                return Uni.createFrom().voidItem();
            }
            TaskInfo t = existing != null ? existing : new TaskInfo();
            t.taskId = event.taskId();
            t.name = event.task().name();
            t.type = event.task().type();
            t.project = event.project();
            TargetSpec target = event.task().target();
            t.targetMetric = target == null ? null : target.metric();
            t.targetValue = target == null ? null : target.value();
            t.targetDirection = target == null ? null : target.direction();
            t.createdAt = event.occurredAt();
            return existing != null ? Uni.createFrom().voidItem() : t.persist().replaceWithVoid();
        });
    }

    @WithSession
    public Uni<TaskInfo> find(String taskId) {
        return TaskInfo.findById(taskId);
    }
}
