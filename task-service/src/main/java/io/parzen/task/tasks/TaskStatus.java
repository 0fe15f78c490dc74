package io.parzen.task.tasks;

import java.util.List;
import java.util.Set;

/** Task statuses as clients see them (Valohai's names). */
public final class TaskStatus {

    public static final String CREATED = "created";
    public static final String STARTED = "started";
    public static final String STOPPING = "stopping";
    public static final String STOPPED = "stopped";
    public static final String COMPLETE = "complete";
    public static final String ERROR = "error";

    /** Every status, in the order of a task's life. */
    public static final List<String> ALL = List.of(CREATED, STARTED, STOPPING, STOPPED, COMPLETE, ERROR);

    /** Statuses after which nothing changes the task. */
    public static final Set<String> FINAL = Set.of(STOPPED, COMPLETE, ERROR);

    private TaskStatus() {
    }

    public static boolean isFinal(String status) {
        return FINAL.contains(status);
    }
}
