package io.parzen.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.vocabulary.StatusReason;
import io.parzen.executor.execution.ExecutionStatus;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
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

    @Test
    void noSpaceLeftOnDeviceIsAWorkspaceErrorThatNamesTheFolderAndSaysTheDiskIsFull() {
        Path folder = Path.of("executions", "t", "t-1");
        Outcome full = Outcome.workspaceError(folder, new IOException("No space left on device"));
        assertThat(full.status()).isEqualTo(ExecutionStatus.CRASHED);
        assertThat(full.exitCode()).isNull();
        assertThat(full.statusReason()).isEqualTo(StatusReason.WORKSPACE_ERROR.wireName());
        assertThat(StatusReason.isInfrastructure(full.statusReason())).isTrue();
        assertThat(full.reason()).isEqualTo("cannot write the execution folder " + folder
                + ": No space left on device (the disk is full)");
    }

    @Test
    void aFileSystemFailureNamesTheFileAndTheReason() {
        Path folder = Path.of("executions", "t", "t-1");
        Outcome denied = Outcome.workspaceError(folder,
                new AccessDeniedException(folder.resolve("config").toString(), null, "Permission denied"));
        assertThat(denied.statusReason()).isEqualTo("workspace-error");
        assertThat(denied.reason()).isEqualTo("cannot write the execution folder " + folder
                + ": AccessDeniedException " + folder.resolve("config") + ": Permission denied");
        Outcome fullWhileWriting = Outcome.workspaceError(folder,
                new FileSystemException(folder.resolve("log.txt").toString(), null, "No space left on device"));
        assertThat(fullWhileWriting.reason()).endsWith("No space left on device (the disk is full)");
    }

    @Test
    void anExitIsNeverAWorkspaceError() {
        assertThat(Outcome.ofExit(1, null, true).statusReason()).isNull();
        assertThat(Outcome.ofExit(137, null, true).statusReason()).isNull();
    }
}
