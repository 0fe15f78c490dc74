package io.parzen.task.analysis;

import io.parzen.auth.Caller;
import io.parzen.task.executions.ExecutionEntity;
import io.parzen.task.tasks.TaskEntity;
import io.parzen.task.tasks.TaskNotFoundException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** A task and its executions in sequence order, read in one session, as the analyses start from. */
record TaskData(TaskEntity task, List<ExecutionEntity> executions) {

    /**
     * The task {@code id} with its executions, if {@code caller} may see its project; otherwise, or when
     * there is no such task, {@link TaskNotFoundException} (the same 404 as {@code GET /api/v1/tasks/{id}}).
     * The task is read first: every execution change numbered up to its {@code changeVersion} has committed.
     */
    static Uni<TaskData> load(String id, Caller caller) {
        return Panache.withSession(() -> TaskEntity.<TaskEntity>findById(id)
                .map(task -> task != null && (caller == null || caller.maySee(task.project)) ? task : null)
                .onItem().ifNull().failWith(() -> new TaskNotFoundException(id))
                .chain(task -> ExecutionEntity.<ExecutionEntity>list("taskId = ?1 order by seq", id)
                        .map(executions -> new TaskData(task, executions))));
    }
}
