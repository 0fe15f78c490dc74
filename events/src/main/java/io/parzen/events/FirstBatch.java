package io.parzen.events;

import io.parzen.events.vocabulary.Batching;
import io.parzen.events.vocabulary.ExecutionStatus;
import java.util.Collection;

/**
 * The first-batch-failed rule, which the optimizer and task-service must apply alike: a task whose
 * whole first batch failed ({@link ExecutionStatus#isFailed()}: {@code error} or {@code crashed})
 * has a broken command, so the optimizer issues no further batch and task-service ends the task
 * with {@code error}, reason {@code first-batch-failed}. A stopped execution, or one that completed
 * without the target metric, does not count as failed.
 *
 * <p>Pure functions: a service that issued the first batch knows its size; one that only sees the
 * events computes it from the task spec with {@link #size}.
 */
public final class FirstBatch {

    private FirstBatch() {
    }

    /**
     * The first batch has {@code size} executions and every one of them has ended failed.
     *
     * @param size how many executions the first batch has (values below 1 count as 1)
     * @param statuses the statuses of the first batch's executions known so far (null for one without a
     *                 status yet); all of them must be failed, and at least {@code size} must be known
     */
    public static boolean failed(int size, Collection<String> statuses) {
        return statuses.size() >= Math.max(1, size) && statuses.stream().allMatch(ExecutionStatus::isFailed);
    }

    /**
     * How many executions the first batch of a task has: what an optimizer issues at once while
     * nothing has run — synchronous: {@code batchSize}, capped by {@code maximumQueuedExecutions};
     * asynchronous: {@code maximumQueuedExecutions}, or {@code batchSize} when absent — at most
     * {@code maxExecutions}, at most {@code issuedWhenExhausted}, and at least 1.
     *
     * @param maximumQueuedExecutions the task's cap, or null for none
     * @param batching the task's batching (null means {@link Batching#DEFAULT})
     * @param issuedWhenExhausted how many executions the optimizer issued in all, when it said it can
     *                            issue no more ({@code SuggestionsExhausted.issued}); null otherwise
     */
    public static int size(int maxExecutions, int batchSize, Integer maximumQueuedExecutions, Batching batching,
            Integer issuedWhenExhausted) {
        int n;
        if ((batching == null ? Batching.DEFAULT : batching) == Batching.ASYNCHRONOUS) {
            n = maximumQueuedExecutions != null ? maximumQueuedExecutions : batchSize;
        } else {
            n = maximumQueuedExecutions != null ? Math.min(batchSize, maximumQueuedExecutions) : batchSize;
        }
        n = Math.min(n, maxExecutions);
        if (issuedWhenExhausted != null) {
            n = Math.min(n, issuedWhenExhausted);
        }
        return Math.max(1, n);
    }

    /**
     * {@link #size(int, int, Integer, Batching, Integer)} of a task spec.
     *
     * @throws io.parzen.events.vocabulary.UnknownWireValueException when the spec's batching is not a word
     *         of the contract
     */
    public static int size(TaskSpec spec, Integer issuedWhenExhausted) {
        return size(spec.maxExecutions(), spec.batchSize(), spec.maximumQueuedExecutions(),
                Batching.fromWireOrDefault(spec.batching()), issuedWhenExhausted);
    }
}
