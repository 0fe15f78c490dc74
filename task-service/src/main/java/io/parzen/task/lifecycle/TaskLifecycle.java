package io.parzen.task.lifecycle;

import io.parzen.events.FirstBatch;
import io.parzen.events.vocabulary.Batching;
import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.events.vocabulary.ExhaustedReason;
import io.parzen.events.vocabulary.OnChildError;
import io.parzen.events.vocabulary.TaskStatus;
import java.util.List;
import java.util.Optional;

/**
 * When a running task ends, and how: the rules of Parzen's task lifecycle as a pure function of
 * what task-service knows (no I/O, so each rule is unit-tested on its own).
 *
 * <p>In order of precedence:
 * <ol>
 *   <li>the early-stopping condition held on an execution → {@code stopped}, {@code early-stopping};</li>
 *   <li>every execution of the first batch failed → {@code error}, {@code first-batch-failed};</li>
 *   <li>a child failed under {@code stop-all-and-error} → {@code error}, {@code child-error};</li>
 *   <li>{@code maxExecutions} executions have finished → {@code complete}, {@code max-executions-reached};</li>
 *   <li>the optimizer is exhausted and every issued execution has finished → {@code complete},
 *       {@code space-exhausted}.</li>
 * </ol>
 * Under {@code continue-and-error} (the default), a task that would complete but had a failed child
 * ends {@code error}, {@code child-error} instead.
 *
 * <p>A {@code stopped} outcome (early stopping; a user stop too) is reached through {@code stopping}:
 * {@code TaskFinished(stopped, reason)} is emitted when stopping begins, and the task is
 * {@code stopped} once {@link #stoppingDone(List)} holds (or the stopping timeout passed).
 */
public final class TaskLifecycle {

    public static final String MAX_EXECUTIONS_REACHED = "max-executions-reached";
    public static final String SPACE_EXHAUSTED = "space-exhausted";
    public static final String EARLY_STOPPING = "early-stopping";
    public static final String USER_STOPPED = "user-stopped";
    public static final String CHILD_ERROR = "child-error";
    public static final String FIRST_BATCH_FAILED = "first-batch-failed";

    /**
     * Reason of an execution that had not ended when its stopping task timed out (no executor
     * reported it); a real finish that arrives later replaces it.
     */
    public static final String STOPPING_TIMEOUT = "stopping-timeout";

    /** The final status and reason of a task. */
    public record Outcome(String status, String reason) {
    }

    /** What the lifecycle needs to know about one execution. */
    public record Execution(int batch, String status) {
    }

    /**
     * The facts after an event was applied.
     *
     * @param maxExecutions the task's maximum execution count
     * @param batchSize the task's batch size
     * @param onChildError the task's failure policy
     * @param exhausted the optimizer will suggest no more executions
     * @param issued executions issued in total when exhausted (null if unknown)
     * @param executions every execution known, including the one the event was about
     * @param childFailed the event was an execution ending in error or crashed
     * @param stopConditionHeld the early-stopping condition held on the event's execution
     * @param maximumQueuedExecutions the task's cap on queued or running executions (null = none): with a cap
     *        below the batch size the optimizer issues a smaller first batch
     * @param batching the task's batching word (null = synchronous)
     */
    public record Facts(int maxExecutions, int batchSize, String onChildError, boolean exhausted, Integer issued,
            List<Execution> executions, boolean childFailed, boolean stopConditionHeld,
            Integer maximumQueuedExecutions, String batching) {

        /** The facts of a task with no queue cap and synchronous batches. */
        public Facts(int maxExecutions, int batchSize, String onChildError, boolean exhausted, Integer issued,
                List<Execution> executions, boolean childFailed, boolean stopConditionHeld) {
            this(maxExecutions, batchSize, onChildError, exhausted, issued, executions, childFailed, stopConditionHeld,
                    null, null);
        }
    }

    private TaskLifecycle() {
    }

    /**
     * Reasons of {@code SuggestionsExhausted} that mean the optimizer failed ({@code invalid-spec},
     * {@code optimizer-error}: the contract's {@link ExhaustedReason}) rather than ran out of points: the
     * task ends in {@code error} at once.
     */
    public static boolean isOptimizerFailure(String exhaustedReason) {
        return ExhaustedReason.isOptimizerFailure(exhaustedReason);
    }

    /** The outcome if the task must end now; empty while it goes on. */
    public static Optional<Outcome> evaluate(Facts f) {
        if (f.stopConditionHeld()) {
            return Optional.of(new Outcome(TaskStatus.STOPPED.wireName(), EARLY_STOPPING));
        }
        if (f.childFailed() && firstBatchFailed(f)) {
            return Optional.of(new Outcome(TaskStatus.ERROR.wireName(), FIRST_BATCH_FAILED));
        }
        if (f.childFailed() && OnChildError.STOP_ALL_AND_ERROR.is(f.onChildError())) {
            return Optional.of(new Outcome(TaskStatus.ERROR.wireName(), CHILD_ERROR));
        }
        long finished = f.executions().stream().filter(e -> ExecutionStatus.isFinal(e.status())).count();
        if (finished >= f.maxExecutions()) {
            return Optional.of(completion(f, MAX_EXECUTIONS_REACHED));
        }
        if (f.exhausted() && finished == f.executions().size()
                && (f.issued() == null || finished >= f.issued())) {
            return Optional.of(completion(f, SPACE_EXHAUSTED));
        }
        return Optional.empty();
    }

    private static Outcome completion(Facts f, String reason) {
        boolean anyFailed = f.executions().stream().anyMatch(e -> ExecutionStatus.isFailed(e.status()));
        if (anyFailed && OnChildError.CONTINUE_AND_ERROR.is(f.onChildError())) {
            return new Outcome(TaskStatus.ERROR.wireName(), CHILD_ERROR);
        }
        return new Outcome(TaskStatus.COMPLETE.wireName(), reason);
    }

    /** A stopping task may become {@code stopped}: every known execution has ended. */
    public static boolean stoppingDone(List<Execution> executions) {
        return executions.stream().allMatch(e -> ExecutionStatus.isFinal(e.status()));
    }

    /**
     * The whole first batch is known, finished, and failed: the contract's {@link FirstBatch} rule, the
     * first batch being what the optimizer issues first — {@code batchSize} executions, capped by
     * {@code maximumQueuedExecutions} and {@code maxExecutions} (and at most what it issued, once exhausted).
     */
    static boolean firstBatchFailed(Facts f) {
        int size = FirstBatch.size(f.maxExecutions(), f.batchSize(), f.maximumQueuedExecutions(),
                Batching.fromWireOrDefault(f.batching()), f.exhausted() ? f.issued() : null);
        List<String> first = f.executions().stream().filter(e -> e.batch() == 1).map(Execution::status).toList();
        return FirstBatch.failed(size, first);
    }
}
