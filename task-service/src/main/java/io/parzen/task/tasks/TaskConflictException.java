package io.parzen.task.tasks;

/** The task's status does not allow the operation (e.g. stopping a finished task). */
public class TaskConflictException extends RuntimeException {

    public TaskConflictException(String message) {
        super(message);
    }
}
