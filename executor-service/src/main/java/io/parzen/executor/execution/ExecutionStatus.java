package io.parzen.executor.execution;

import io.parzen.events.ExecutionFinished;
import java.util.Set;

/**
 * The statuses of an execution in this service: the contract's words
 * ({@link io.parzen.events.vocabulary.ExecutionStatus}) this service uses, as string constants for its
 * columns and queries.
 */
public final class ExecutionStatus {

    /** Received and waiting for a free slot. */
    public static final String QUEUED = io.parzen.events.vocabulary.ExecutionStatus.QUEUED.wireName();
    /** Its process is running. */
    public static final String STARTED = io.parzen.events.vocabulary.ExecutionStatus.STARTED.wireName();
    /** A stop was requested and the process has not exited yet (only shown, never stored). */
    public static final String STOPPING = io.parzen.events.vocabulary.ExecutionStatus.STOPPING.wireName();
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
        return io.parzen.events.vocabulary.ExecutionStatus.isFinal(status);
    }
}
