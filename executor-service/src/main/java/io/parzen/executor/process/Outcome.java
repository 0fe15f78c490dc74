package io.parzen.executor.process;

import io.parzen.events.vocabulary.StatusReason;
import io.parzen.executor.execution.ExecutionStatus;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * How an execution ended, as {@code ExecutionFinished} tells it: its final status, the exit code of
 * its process (null when no process ran to an exit), the reason (null for {@code complete}) and the
 * {@code statusReason} word (null: a stop's reason is its own, none otherwise).
 */
record Outcome(String status, Integer exitCode, String reason, String statusReason) {

    Outcome(String status, Integer exitCode, String reason) {
        this(status, exitCode, reason, null);
    }

    /**
     * Classifies the exit of a process: a requested stop wins ({@code stopped} with the stop
     * reason, whatever the exit code); then exit code 0 is {@code complete}; on a POSIX system an
     * exit code above 128 is {@code crashed} with reason {@code killed by signal N} (the shell's
     * 128 + N); any other exit code is {@code error} with reason {@code exit code N}.
     *
     * @param stopReason the reason of a stop requested while it ran, or null
     * @param signalsInExitCodes whether exit codes above 128 mean a signal (false on Windows)
     */
    static Outcome ofExit(int exitCode, String stopReason, boolean signalsInExitCodes) {
        if (stopReason != null) {
            return new Outcome(ExecutionStatus.STOPPED, exitCode, stopReason);
        }
        if (exitCode == 0) {
            return new Outcome(ExecutionStatus.COMPLETE, 0, null);
        }
        if (exitCode > 128 && signalsInExitCodes) {
            return new Outcome(ExecutionStatus.CRASHED, exitCode, "killed by signal " + (exitCode - 128));
        }
        return new Outcome(ExecutionStatus.ERROR, exitCode, "exit code " + exitCode);
    }

    /** {@link #ofExit(int, String, boolean)} on this machine's operating system. */
    static Outcome ofExit(int exitCode, String stopReason) {
        return ofExit(exitCode, stopReason, !isWindows());
    }

    /** The process never started (bad request, folder not writable, start failed): {@code error}. */
    static Outcome notStarted(String reason) {
        return new Outcome(ExecutionStatus.ERROR, null, reason);
    }

    /**
     * The executor could not write the execution's folder (cannot create it, cannot write its config files or
     * log, the disk is full): {@code crashed} with statusReason {@code workspace-error} — Parzen's fault, not the
     * user's, so the attempt is retried (ADR 0023). The reason names the folder and what failed.
     */
    static Outcome workspaceError(Path folder, IOException e) {
        return new Outcome(ExecutionStatus.CRASHED, null, workspaceReason(folder, e),
                StatusReason.WORKSPACE_ERROR.wireName());
    }

    /**
     * {@code cannot write the execution folder <folder>: <what failed>}, with {@code (the disk is full)} when the
     * operating system said {@code No space left on device}.
     */
    static String workspaceReason(Path folder, IOException e) {
        String what;
        if (e instanceof FileSystemException fs) {
            what = fs.getClass().getSimpleName() + " " + fs.getFile()
                    + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile())
                    + (fs.getReason() == null ? "" : ": " + fs.getReason());
        } else {
            what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        boolean full = String.valueOf(e.getMessage()).contains("No space left on device");
        return "cannot write the execution folder " + folder + ": " + what + (full ? " (the disk is full)" : "");
    }

    /**
     * The command failed while the disk of the execution folders was full (below
     * {@code parzen.executor.min-free-disk}, or its log could not be written): {@code crashed} with statusReason
     * {@code workspace-error}, retried (ADR 0026) — a full disk is the operator's to fix, not the user's error.
     * The reason keeps the exit code and says what was full.
     *
     * @param logFailure the failure to write the log, or null
     */
    static Outcome failedOnFullDisk(Path folder, int exitCode, IOException logFailure, DiskSpace disk) {
        String why = logFailure != null ? workspaceReason(folder, logFailure) : disk.describe();
        return new Outcome(ExecutionStatus.CRASHED, exitCode, "exit code " + exitCode + " while the disk was full: "
                + why, StatusReason.WORKSPACE_ERROR.wireName());
    }

    /** A bug or an unexpected failure inside the executor: {@code crashed}. */
    static Outcome executorError(Throwable t) {
        return new Outcome(ExecutionStatus.CRASHED, null, "executor error: " + t);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
}
