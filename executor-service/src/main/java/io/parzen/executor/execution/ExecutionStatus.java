package io.parzen.executor.execution;

import io.parzen.events.ExecutionFinished;
import java.util.Set;

/** The statuses of an execution in this service (Valohai's names). */
public final class ExecutionStatus {

    /** Received and waiting for a free slot. */
    public static final String QUEUED = "queued";
    /** Its process is running. */
    public static final String STARTED = "started";
    /** A stop was requested and the process has not exited yet (only shown, never stored). */
    public static final String STOPPING = "stopping";
    public static final String COMPLETE = ExecutionFinished.COMPLETE;
    public static final String ERROR = ExecutionFinished.ERROR;
    public static final String STOPPED = ExecutionFinished.STOPPED;
    public static final String CRASHED = ExecutionFinished.CRASHED;

    /** Final statuses: an execution in one of them has emitted its {@code ExecutionFinished}. */
    public static final Set<String> FINAL = Set.of(COMPLETE, ERROR, STOPPED, CRASHED);

    /** Stop reasons. */
    public static final String REASON_TIME_LIMIT = "time-limit";
    public static final String REASON_TASK_FINISHED = "task-finished";
    public static final String REASON_STOPPED_BY_USER = "stopped-by-user";
    public static final String REASON_EXECUTOR_LOST = "executor-lost";

    private ExecutionStatus() {
    }

    public static boolean isFinal(String status) {
        return FINAL.contains(status);
    }
}
