package io.parzen.metrics.task;

import io.parzen.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

/**
 * Whether a caller may read a task's metrics: an admin always; anyone else when metrics-service has
 * seen the task's {@code TaskCreated} and its project is one of the token's. Otherwise the task is
 * not found, as if it did not exist.
 */
@ApplicationScoped
public class TaskAccess {

    @Inject
    TaskInfoService tasks;

    /** Fails with {@link NotFoundException} unless {@code caller} may read task {@code taskId}. */
    public Uni<Void> check(Caller caller, String taskId) {
        if (caller.isAdmin()) {
            return Uni.createFrom().voidItem();
        }
        return tasks.find(taskId).invoke(task -> {
            if (task == null || !caller.maySee(task.project)) {
                throw new NotFoundException("task " + taskId + " is not known to metrics-service in the projects "
                        + "this token may touch " + caller.projectList());
            }
        }).replaceWithVoid();
    }
}
