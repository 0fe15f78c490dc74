package io.parzen.task.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.task.lifecycle.TaskLifecycle.Execution;
import io.parzen.task.lifecycle.TaskLifecycle.Facts;
import io.parzen.task.lifecycle.TaskLifecycle.Outcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskLifecycleTest {

    static Facts facts(String policy, List<Execution> executions, boolean childFailed) {
        return new Facts(4, 2, policy, false, null, executions, childFailed, false);
    }

    @Test
    void goesOnUntilMaxExecutionsHaveFinished() {
        List<Execution> three = List.of(new Execution(1, "complete"), new Execution(1, "complete"),
                new Execution(2, "complete"), new Execution(2, "started"));
        assertThat(TaskLifecycle.evaluate(facts("continue-and-error", three, false))).isEmpty();
        List<Execution> four = List.of(new Execution(1, "complete"), new Execution(1, "complete"),
                new Execution(2, "complete"), new Execution(2, "stopped"));
        assertThat(TaskLifecycle.evaluate(facts("continue-and-error", four, false)))
                .contains(new Outcome("complete", "max-executions-reached"));
    }

    @Test
    void continueAndErrorEndsInErrorContinueAndCompleteDoesNot() {
        List<Execution> four = List.of(new Execution(1, "complete"), new Execution(1, "complete"),
                new Execution(2, "error"), new Execution(2, "complete"));
        assertThat(TaskLifecycle.evaluate(facts("continue-and-error", four, false)))
                .contains(new Outcome("error", "child-error"));
        assertThat(TaskLifecycle.evaluate(facts("continue-and-complete", four, false)))
                .contains(new Outcome("complete", "max-executions-reached"));
    }

    @Test
    void stopAllAndErrorEndsAtTheFirstFailure() {
        List<Execution> two = List.of(new Execution(1, "complete"), new Execution(1, "crashed"));
        assertThat(TaskLifecycle.evaluate(facts("stop-all-and-error", two, true)))
                .contains(new Outcome("error", "child-error"));
        assertThat(TaskLifecycle.evaluate(facts("continue-and-error", two, true))).isEmpty();
    }

    @Test
    void firstBatchFailedNeedsTheWholeBatch() {
        assertThat(TaskLifecycle.evaluate(facts("continue-and-complete", List.of(new Execution(1, "error")), true)))
                .isEmpty();
        assertThat(TaskLifecycle.evaluate(facts("continue-and-complete",
                List.of(new Execution(1, "error"), new Execution(1, "crashed")), true)))
                .contains(new Outcome("error", "first-batch-failed"));
        assertThat(TaskLifecycle.evaluate(facts("continue-and-complete",
                List.of(new Execution(1, "error"), new Execution(1, "complete")), true))).isEmpty();
    }

    @Test
    void aQueueCapBelowTheBatchSizeMakesTheFirstBatchSmaller() {
        // batch size 2 but at most 1 queued: the optimizer issues a first batch of one execution, so one
        // failure is the whole first batch (before, the rule waited for a second one that never came)
        Facts capped = new Facts(4, 2, "continue-and-complete", false, null, List.of(new Execution(1, "error")), true,
                false, 1, "synchronous");
        assertThat(TaskLifecycle.evaluate(capped)).contains(new Outcome("error", "first-batch-failed"));
        Facts asynchronous = new Facts(4, 2, "continue-and-complete", false, null,
                List.of(new Execution(1, "error"), new Execution(1, "error")), true, false, 3, "asynchronous");
        assertThat(TaskLifecycle.evaluate(asynchronous)).isEmpty();
    }

    @Test
    void earlyStoppingWinsAndExhaustionWaitsForTheIssued() {
        Facts stop = new Facts(4, 2, "continue-and-error", false, null, List.of(new Execution(1, "started")), false,
                true);
        assertThat(TaskLifecycle.evaluate(stop)).contains(new Outcome("stopped", "early-stopping"));
        Facts waiting = new Facts(10, 2, "continue-and-error", true, 2,
                List.of(new Execution(1, "complete"), new Execution(1, "queued")), false, false);
        assertThat(TaskLifecycle.evaluate(waiting)).isEqualTo(Optional.empty());
        Facts done = new Facts(10, 2, "continue-and-error", true, 2,
                List.of(new Execution(1, "complete"), new Execution(1, "complete")), false, false);
        assertThat(TaskLifecycle.evaluate(done)).contains(new Outcome("complete", "space-exhausted"));
    }

    @Test
    void optimizerFailuresAreToldApartFromAnExhaustedSpace() {
        assertThat(TaskLifecycle.isOptimizerFailure("invalid-spec")).isTrue();
        assertThat(TaskLifecycle.isOptimizerFailure("optimizer-error")).isTrue();
        assertThat(TaskLifecycle.isOptimizerFailure("grid-exhausted")).isFalse();
        assertThat(TaskLifecycle.isOptimizerFailure(null)).isFalse();
    }

    @Test
    void stoppingIsDoneWhenEveryKnownExecutionHasEnded() {
        assertThat(TaskLifecycle.stoppingDone(List.of())).isTrue();
        assertThat(TaskLifecycle.stoppingDone(List.of(new Execution(1, "complete"), new Execution(1, "stopping"))))
                .isFalse();
        assertThat(TaskLifecycle.stoppingDone(List.of(new Execution(1, "queued")))).isFalse();
        assertThat(TaskLifecycle.stoppingDone(List.of(new Execution(1, "complete"), new Execution(1, "stopped"),
                new Execution(2, "error"), new Execution(2, "crashed")))).isTrue();
    }
}
