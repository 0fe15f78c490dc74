package io.parzen.task.executions;

import java.util.List;
import java.util.Set;

/** Execution statuses (Valohai's names). */
public final class ExecutionStatus {

    public static final String CREATED = "created";
    public static final String QUEUED = "queued";
    public static final String STARTED = "started";
    public static final String STOPPING = "stopping";
    public static final String STOPPED = "stopped";
    public static final String COMPLETE = "complete";
    public static final String ERROR = "error";
    public static final String CRASHED = "crashed";

    /** All statuses, in the order the status summary lists them. */
    public static final List<String> ALL = List.of(CREATED, QUEUED, STARTED, STOPPING, STOPPED, COMPLETE, ERROR,
            CRASHED);

    public static final Set<String> FINAL = Set.of(STOPPED, COMPLETE, ERROR, CRASHED);

    /** Final statuses that count as a failed child for the task's on-child-error policy. */
    public static final Set<String> FAILED = Set.of(ERROR, CRASHED);

    private ExecutionStatus() {
    }

    public static boolean isFinal(String status) {
        return FINAL.contains(status);
    }

    public static boolean isFailed(String status) {
        return FAILED.contains(status);
    }
}
