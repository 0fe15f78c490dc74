package io.parzen.auth;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling, from a verified token: the subject ({@code sub}), the role ({@code groups}) and
 * the projects the token may touch ({@code projects}; an admin may touch every project).
 *
 * @param subject the token's {@code sub}
 * @param role the highest role in the token's {@code groups}, or null when it names none
 * @param projects the token's {@code projects}; ignored for an admin
 */
public record Caller(String subject, Role role, Set<String> projects) {

    public Caller {
        projects = Set.copyOf(projects);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /**
     * Whether the caller may see and touch things of {@code project}. A null project (the service
     * has not learnt the task's project) is visible to an admin only.
     */
    public boolean maySee(String project) {
        if (isAdmin()) {
            return true;
        }
        return project != null && projects.contains(project);
    }

    /** The projects as a sorted list, for messages. */
    public String projectList() {
        return new TreeSet<>(projects).toString();
    }
}
