package io.parzen.executor.process;

import io.parzen.executor.execution.ExecutionStatus;

/**
 * How an execution ended, as {@code ExecutionFinished} tells it: its final status, the exit code of
 * its process (null when no process ran to an exit) and the reason (null for {@code complete}).
 */
record Outcome(String status, Integer exitCode, String reason) {

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

    /** A bug or an unexpected failure inside the executor: {@code crashed}. */
    static Outcome executorError(Throwable t) {
        return new Outcome(ExecutionStatus.CRASHED, null, "executor error: " + t);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
}
