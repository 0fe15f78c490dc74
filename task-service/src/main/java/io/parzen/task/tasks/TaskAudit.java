package io.parzen.task.tasks;

import io.parzen.auth.AuditEntry;
import io.parzen.auth.AuditLog;
import io.parzen.auth.Caller;
import io.parzen.auth.ProjectForbiddenException;
import io.parzen.task.blueprint.BlueprintException;
import io.parzen.task.validation.TaskValidationException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * Runs a write of the task API and leaves its one audit line: {@code ok} with the task's id and
 * project, or the outcome of the failure ({@code rejected}, {@code not-found}, {@code conflict},
 * {@code denied}, {@code error}) with its reason.
 */
@ApplicationScoped
public class TaskAudit {

    private static final int MAX_REASON = 500;

    @Inject
    AuditLog log;

    /**
     * {@code work}, audited as {@code action} of {@code caller} on {@code taskId} (null for a create)
     * in {@code project} (null when not known before the work).
     */
    public Uni<TaskView> task(Caller caller, String action, String taskId, String project,
                               Supplier<Uni<? extends TaskView>> work) {
        return Uni.createFrom().<TaskView>deferred(work)
                .invoke(view -> log.record(new AuditEntry(caller.subject(), view.project(), action, view.id(),
                        AuditEntry.OK, null)))
                .onFailure().invoke(e -> failed(caller, action, taskId, project, e));
    }

    private void failed(Caller caller, String action, String taskId, String project, Throwable e) {
        String outcome;
        if (e instanceof TaskValidationException || e instanceof BlueprintException) {
            outcome = AuditEntry.REJECTED;
        } else if (e instanceof TaskNotFoundException) {
            outcome = AuditEntry.NOT_FOUND;
            project = null;
        } else if (e instanceof TaskConflictException) {
            outcome = AuditEntry.CONFLICT;
        } else if (e instanceof ProjectForbiddenException forbidden) {
            outcome = AuditEntry.DENIED;
            project = forbidden.project();
        } else {
            outcome = AuditEntry.ERROR;
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON) + "...";
        }
        log.record(new AuditEntry(caller.subject(), project, action, taskId, outcome, reason));
    }
}
