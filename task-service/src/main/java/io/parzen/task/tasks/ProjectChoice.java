package io.parzen.task.tasks;

import io.parzen.auth.Caller;
import io.parzen.auth.ProjectForbiddenException;
import io.parzen.auth.ProjectNames;
import io.parzen.task.validation.FieldError;
import io.parzen.task.validation.TaskValidationException;
import java.util.List;

/** The project of a new task: the one the request names, else the token's only project, else {@code default}. */
public final class ProjectChoice {

    private ProjectChoice() {
    }

    /**
     * The project of a task that {@code caller} creates, naming {@code requested} (may be null).
     * Fails with {@link TaskValidationException} (field {@code project}) for a name outside the rule
     * or when the token has several projects and none is named, and with
     * {@link ProjectForbiddenException} for a project the token may not touch.
     */
    public static String of(Caller caller, String requested) {
        if (requested != null) {
            if (!ProjectNames.isValid(requested)) {
                throw invalid(requested, ProjectNames.RULE);
            }
            if (!caller.maySee(requested)) {
                throw new ProjectForbiddenException(requested, caller);
            }
            return requested;
        }
        if (caller.isAdmin()) {
            return ProjectNames.DEFAULT;
        }
        if (caller.projects().size() == 1) {
            return caller.projects().iterator().next();
        }
        if (caller.projects().isEmpty()) {
            throw new ProjectForbiddenException(ProjectNames.DEFAULT, caller);
        }
        throw invalid(null, "is required: this token may touch several projects " + caller.projectList()
                + "; name one of them");
    }

    private static TaskValidationException invalid(String value, String message) {
        return new TaskValidationException(List.of(new FieldError("project", value, message)));
    }
}
