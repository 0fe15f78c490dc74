package io.parzen.executor.process;

import io.parzen.executor.execution.Execution;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Everything one {@link ProcessRun} needs from the service, and nothing more: it never sees the
 * scheduler's queue, lock or registry. One context serves every run of the service.
 *
 * @param preparation lays out the execution folder and builds argv and environment ({@link Workspace})
 * @param records     records what happens to the execution (blocking; {@link ServiceRecords})
 * @param executorName the name recorded in {@code ExecutionStarted}
 * @param killGracePeriod how long a stopped process has between SIGTERM and SIGKILL
 * @param timers      runs time limits and the SIGKILL after the grace period
 * @param shuttingDown whether the service is shutting down (then the end of a run is not recorded:
 *                    the next start's recovery reports it)
 * @param ended       called once when a run is over, whatever happened (frees its slot)
 * @param disk        the free space of the execution folders' disk: a command that fails while it is full
 *                    is Parzen's workspace failure, not the user's error
 */
record RunContext(Preparation preparation, RunRecords records, String executorName, Duration killGracePeriod,
        ScheduledExecutorService timers, BooleanSupplier shuttingDown, Consumer<ProcessRun> ended, DiskSpace disk) {

    /** What must be done on disk before a process starts ({@link Workspace} does it). */
    interface Preparation {

        /**
         * Builds the argv and environment, checks the working directory and creates the execution folder.
         *
         * @throws Workspace.InvalidRequestException if the request cannot run; the message is the reason
         * @throws IOException if the execution folder cannot be written
         */
        Workspace.Prepared prepare(Execution e) throws Workspace.InvalidRequestException, IOException;

        /** Where the log of an execution's attempt is (it may not exist yet). */
        Path logFile(String taskId, String executionId, int attempt);
    }
}
