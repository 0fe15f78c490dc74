package io.parzen.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.executor.execution.ExecutionStatus;
import org.junit.jupiter.api.Test;

/** How the exit of a process becomes the status and reason of {@code ExecutionFinished}. */
class OutcomeTest {

    @Test
    void exitCodeZeroIsComplete() {
        assertThat(Outcome.ofExit(0, null, true)).isEqualTo(new Outcome(ExecutionStatus.COMPLETE, 0, null));
        assertThat(Outcome.ofExit(0, null, false)).isEqualTo(new Outcome(ExecutionStatus.COMPLETE, 0, null));
    }

    @Test
    void anotherExitCodeIsAnErrorNamingIt() {
        assertThat(Outcome.ofExit(1, null, true)).isEqualTo(new Outcome(ExecutionStatus.ERROR, 1, "exit code 1"));
        assertThat(Outcome.ofExit(128, null, true))
                .isEqualTo(new Outcome(ExecutionStatus.ERROR, 128, "exit code 128"));
        assertThat(Outcome.ofExit(-1, null, true)).isEqualTo(new Outcome(ExecutionStatus.ERROR, -1, "exit code -1"));
    }

    @Test
    void aboveOneHundredTwentyEightIsASignalOnPosixOnly() {
        assertThat(Outcome.ofExit(137, null, true))
                .isEqualTo(new Outcome(ExecutionStatus.CRASHED, 137, "killed by signal 9"));
        assertThat(Outcome.ofExit(143, null, true))
                .isEqualTo(new Outcome(ExecutionStatus.CRASHED, 143, "killed by signal 15"));
        assertThat(Outcome.ofExit(137, null, false))
                .isEqualTo(new Outcome(ExecutionStatus.ERROR, 137, "exit code 137"));
    }

    @Test
    void aRequestedStopWinsOverAnyExitCode() {
        for (int code : new int[] {0, 1, 137, 143}) {
            assertThat(Outcome.ofExit(code, ExecutionStatus.REASON_TIME_LIMIT, true))
                    .isEqualTo(new Outcome(ExecutionStatus.STOPPED, code, "time-limit"));
        }
        assertThat(Outcome.ofExit(143, "early-stopping", false))
                .isEqualTo(new Outcome(ExecutionStatus.STOPPED, 143, "early-stopping"));
    }

    @Test
    void withoutAnExit() {
        assertThat(Outcome.notStarted("could not start: no such file"))
                .isEqualTo(new Outcome(ExecutionStatus.ERROR, null, "could not start: no such file"));
        Outcome bug = Outcome.executorError(new IllegalStateException("boom"));
        assertThat(bug.status()).isEqualTo(ExecutionStatus.CRASHED);
        assertThat(bug.exitCode()).isNull();
        assertThat(bug.reason()).isEqualTo("executor error: java.lang.IllegalStateException: boom");
    }
}
