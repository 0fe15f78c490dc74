package io.parzen.task.tasks;

/** No task has the id asked for. */
public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(String id) {
        super("task " + id + " does not exist");
    }
}
