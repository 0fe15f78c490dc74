package io.parzen.task.tasks;

import io.parzen.auth.ProjectNames;

/**
 * Who a new task belongs to: its project and the subject that created it.
 *
 * @param project a valid project name ({@link ProjectNames})
 * @param createdBy the token's subject, or null when not known
 */
public record TaskOwner(String project, String createdBy) {

    /** The owner of a task created without a caller: project {@code default}, no creator. */
    public static final TaskOwner DEFAULT = new TaskOwner(ProjectNames.DEFAULT, null);
}
