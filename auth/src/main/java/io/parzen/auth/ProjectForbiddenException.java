package io.parzen.auth;

/** The caller named a project its token may not touch; answered with 403. */
public class ProjectForbiddenException extends RuntimeException {

    private final String project;

    public ProjectForbiddenException(String project, Caller caller) {
        super("project '" + project + "' is not one of the projects this token may touch " + caller.projectList());
        this.project = project;
    }

    public String project() {
        return project;
    }
}
