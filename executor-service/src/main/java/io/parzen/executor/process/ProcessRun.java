package io.parzen.executor.process;

import io.parzen.events.MetricLogged;
import io.parzen.executor.execution.Execution;
import io.parzen.executor.execution.ExecutionService.StartedProcess;
import io.parzen.executor.execution.ExecutionStatus;
import io.quarkus.logging.Log;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The life of one execution's OS process, on a thread of its own, in four steps:
 * <ol>
 * <li>{@link #prepare() prepare} the execution folder, argv and environment;</li>
 * <li>{@link #start(Workspace.Prepared) start} the process (never through a shell) and record
 * {@code ExecutionStarted} — or, for an execution whose start was recorded when it was accepted (a free slot took it
 * at once, ADR 0039), store the process in the background;</li>
 * <li>{@link #stream(Started) stream} its output: stdout and stderr to {@code log.txt}, stdout's JSON
 * lines as {@code MetricLogged} events (stored by this thread in batches), under the time limit,
 * until it exited;</li>
 * <li>classify the exit ({@link Outcome#ofExit}) and record {@code ExecutionFinished}.</li>
 * </ol>
 * All it needs from the service comes in its {@link RunContext}.
 */
final class ProcessRun implements Runnable {

    /** Most metadata lines written in one transaction. */
    private static final int MAX_BATCH = 500;
    /** How long the output is still read after the process exited (a descendant may hold it open). */
    private static final long OUTPUT_DRAIN_MILLIS = 5000;
    /** How long the stream step waits for output before it looks at the process again. */
    private static final long POLL_MILLIS = 200;

    private final Execution execution;
    private final RunContext context;
    /** Whether the execution was stored as started when it was accepted (ADR 0039): nothing records the start here. */
    private final boolean startRecorded;
    /** The started process, once there is one (for the finish of a run whose start was recorded at acceptance). */
    private volatile StartedProcess startedProcess;

    private final Object lock = new Object();
    private Process process;
    private volatile String stopReason;
    private volatile ProcessOutput output;

    /**
     * A started process whose start is recorded, with its open log and when the JDK's process reaper saw it
     * exit (completed as soon as the kernel reports the exit: the finish time, even when the output is
     * drained later, a descendant holding it open, or the exit came while the start was being recorded).
     */
    private record Started(Process process, BufferedWriter log, CompletableFuture<Instant> exitSeen) {
    }

    /** How the process exited and when, and the first failure to write its log (null: none). */
    private record Exit(int code, Instant at, IOException logFailure) {
    }

    ProcessRun(Execution execution, RunContext context) {
        this(execution, context, false);
    }

    /** @param startRecorded whether the execution is stored as started already (ADR 0039) */
    ProcessRun(Execution execution, RunContext context, boolean startRecorded) {
        this.execution = execution;
        this.context = context;
        this.startRecorded = startRecorded;
    }

    /** Whether its start is recorded: at its acceptance, or once its process started. */
    boolean isStarted() {
        return startRecorded || hasProcess();
    }

    String id() {
        return execution.id;
    }

    String taskId() {
        return execution.taskId;
    }

    /** The reason of a requested stop, or null. */
    String stopReason() {
        return stopReason;
    }

    /** Whether its process has been started. */
    boolean hasProcess() {
        synchronized (lock) {
            return process != null;
        }
    }

    /**
     * Stops the execution: the first reason wins. A running process gets SIGTERM, SIGKILL after
     * the grace period; one not started yet is never started.
     */
    void requestStop(String reason) {
        Process p;
        synchronized (lock) {
            if (stopReason != null) {
                return;
            }
            stopReason = reason;
            p = process;
        }
        Log.infof("stopping execution %s (%s)", execution.id, reason);
        if (p != null) {
            terminate(p);
        }
    }

    /** Kills the process tree at once, without recording anything (service shutdown). */
    void kill() {
        Process p;
        synchronized (lock) {
            p = process;
        }
        if (p != null) {
            ProcessTree.kill(p.toHandle());
        }
    }

    @Override
    public void run() {
        try {
            execute();
        } catch (Throwable t) {
            Log.errorf(t, "execution %s failed inside the executor", execution.id);
            if (!context.shuttingDown().getAsBoolean()) {
                tryRecord(() -> finished(Outcome.executorError(t), latestValues(), Instant.now()));
            }
        } finally {
            context.ended().accept(this);
        }
    }

    private void execute() throws Exception {
        String early = stopReason;
        if (early != null) {
            stoppedBeforeStart(early);
            return;
        }
        Workspace.Prepared prepared = prepare();
        if (prepared == null) {
            return;
        }
        String beforeSpawn = stopReason;
        if (startRecorded && beforeSpawn != null) {
            stoppedBeforeStart(beforeSpawn);
            return;
        }
        Started started = start(prepared);
        if (started == null) {
            return;
        }
        Exit exit = stream(started);
        if (context.shuttingDown().getAsBoolean()) {
            Log.infof("execution %s ended by the service shutdown; reported at the next start", execution.id);
            return;
        }
        Outcome outcome = Outcome.ofExit(exit.code(), stopReason);
        if (!ExecutionStatus.COMPLETE.equals(outcome.status()) && stopReason == null
                && (exit.logFailure() != null || context.disk().full())) {
            outcome = Outcome.failedOnFullDisk(folder(), exit.code(), exit.logFailure(), context.disk());
            Log.errorf("execution %s attempt %d: %s", execution.id, attempt(), outcome.reason());
        }
        finished(outcome, latestValues(), exit.at());
    }

    /**
     * Records the end of the attempt, with its process when its start was recorded at acceptance (null otherwise:
     * then the start's record stored it, or none started).
     */
    private void finished(Outcome outcome, Map<String, Object> metrics, Instant at) {
        context.records().finished(execution.id, attempt(), outcome, metrics, at, startedProcess);
    }

    /** A stop before the process started: recorded as stopped (a queued row, or one stored as started). */
    private void stoppedBeforeStart(String reason) {
        if (startRecorded) {
            tryRecord(() -> finished(new Outcome(ExecutionStatus.STOPPED, null, reason), Map.of(), Instant.now()));
        } else {
            tryRecord(() -> context.records().stoppedBeforeStart(execution.id, reason));
        }
    }

    private int attempt() {
        return execution.attempt();
    }

    /** The folder of this attempt (for the reason of a workspace failure). */
    private Path folder() {
        return context.preparation().logFile(execution.taskId, execution.id, attempt()).getParent();
    }

    /** The folder could not be written: {@code crashed} / {@code workspace-error}, retried (ADR 0023). */
    private void workspaceFailed(IOException e) {
        Outcome outcome = Outcome.workspaceError(folder(), e);
        Log.errorf("execution %s attempt %d: %s", execution.id, attempt(), outcome.reason());
        writeLogLine(outcome.reason());
        tryRecord(() -> finished(outcome, Map.of(), Instant.now()));
    }

    /**
     * Step 1: the execution folder, argv and environment. A request that cannot run ends the execution
     * {@code error} with the reason; a folder that cannot be written (disk full, not writable) ends it
     * {@code crashed} with statusReason {@code workspace-error} and a reason that names the folder. The reason
     * is also written to its log when the folder exists.
     *
     * @return what to start, or null if the execution ended here
     */
    private Workspace.Prepared prepare() {
        try {
            return context.preparation().prepare(execution);
        } catch (Workspace.InvalidRequestException e) {
            String reason = e.getMessage();
            writeLogLine(reason);
            tryRecord(() -> finished(Outcome.notStarted(reason), Map.of(), Instant.now()));
            return null;
        } catch (IOException e) {
            workspaceFailed(e);
            return null;
        }
    }

    /**
     * Step 2: opens the log, starts the process in a clean environment and records
     * {@code ExecutionStarted}. A process that cannot start ends the execution {@code error}; a log that
     * cannot be opened ends it {@code crashed} / {@code workspace-error}; one whose execution is no longer
     * queued (stopped meanwhile) is killed and nothing more is recorded.
     *
     * @return the running process, or null if the execution ended here
     */
    private Started start(Workspace.Prepared prepared) throws IOException {
        BufferedWriter log;
        try {
            log = Files.newBufferedWriter(prepared.logFile(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            workspaceFailed(e);
            return null;
        }
        ProcessBuilder builder = new ProcessBuilder(prepared.argv())
                .directory(prepared.workingDirectory().toFile());
        builder.environment().clear(); // never the service's own environment
        builder.environment().putAll(prepared.environment());
        Process started;
        try {
            started = builder.start();
        } catch (IOException | RuntimeException e) {
            String reason = "could not start: " + e.getMessage();
            try (log) {
                log.write("parzen: " + reason);
                log.newLine();
            }
            tryRecord(() -> finished(Outcome.notStarted(reason), Map.of(), Instant.now()));
            return null;
        }
        Instant startedAt = Instant.now();
        // registered at once: a process that exits while its start is recorded is timed from its exit
        CompletableFuture<Instant> exitSeen = started.onExit().thenApply(exited -> Instant.now());
        Log.infof("execution %s attempt %d started: pid %d, %s", execution.id, attempt(), started.pid(),
                prepared.argv());
        StartedProcess info = new StartedProcess(prepared.argv(), prepared.workingDirectory().toString(),
                prepared.executionDirectory().toString(), context.executorName(), started.pid(),
                started.info().startInstant().orElse(null), startedAt);
        if (startRecorded) {
            // ExecutionStarted went out with the acceptance: nothing on this path waits for the database
            startedProcess = info;
            context.records().processStarted(execution.id, attempt(), info);
        } else {
            boolean recorded;
            try {
                recorded = context.records().started(execution.id, attempt(), info);
            } catch (RuntimeException e) {
                ProcessTree.kill(started.toHandle());
                log.close();
                throw e;
            }
            if (!recorded) {
                Log.warnf("execution %s is not queued any more; its process is killed", execution.id);
                ProcessTree.kill(started.toHandle());
                log.close();
                return null;
            }
        }
        synchronized (lock) {
            process = started;
        }
        if (stopReason != null) {
            terminate(started);
        }
        return new Started(started, log, exitSeen);
    }

    /**
     * Step 3: reads the output until the process exited and its output ended (or stayed open
     * {@value #OUTPUT_DRAIN_MILLIS} ms longer, held by a descendant), storing the metadata events
     * in batches; the time limit stops the process meanwhile.
     */
    private Exit stream(Started started) throws InterruptedException {
        Process p = started.process();
        ScheduledFuture<?> timeLimit = null;
        if (execution.timeLimitSeconds != null && execution.timeLimitSeconds > 0) {
            timeLimit = context.timers().schedule(() -> requestStop(ExecutionStatus.REASON_TIME_LIMIT),
                    execution.timeLimitSeconds, TimeUnit.SECONDS);
        }
        ProcessOutput out = new ProcessOutput(execution.taskId, execution.id, attempt(), started.log());
        output = out;
        CompletableFuture<Instant> exitSeen = started.exitSeen();
        out.start(p);

        long exitNoticedMillis = 0;
        List<MetricLogged> batch = new ArrayList<>();
        while (true) {
            MetricLogged first = out.poll(POLL_MILLIS);
            if (first != null) {
                batch.add(first);
                out.drainTo(batch, MAX_BATCH - 1);
                writeMetrics(batch);
                batch.clear();
                continue;
            }
            if (out.isDone() && out.isEmpty()) {
                break;
            }
            if (!p.isAlive()) {
                if (exitNoticedMillis == 0) {
                    exitNoticedMillis = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - exitNoticedMillis > OUTPUT_DRAIN_MILLIS) {
                    Log.warnf("execution %s exited but its output is still open; not read further", execution.id);
                    break;
                }
            }
        }
        int exitCode = p.waitFor();
        Instant finishedAt = exitSeen.getNow(Instant.now());
        if (timeLimit != null) {
            timeLimit.cancel(false);
        }
        if (!out.isDone()) {
            out.drainTo(batch);
            if (!batch.isEmpty()) {
                writeMetrics(batch);
            }
        }
        return new Exit(exitCode, finishedAt, out.logFailure());
    }

    /** Stores a batch of metadata events; a batch that cannot be stored is logged as lost. */
    private void writeMetrics(List<MetricLogged> batch) {
        List<MetricLogged> events = List.copyOf(batch);
        ProcessOutput.Latest latest = output.latest();
        try {
            context.records().metrics(execution.id, attempt(), events, latest.metricCount(), latest.values());
        } catch (RuntimeException e) {
            Log.errorf(e, "execution %s: %d metadata events could not be stored and are lost", execution.id,
                    events.size());
        }
    }

    /** Writes one {@code parzen:} line to the log of an execution that could not start (best effort). */
    private void writeLogLine(String line) {
        try {
            Path file = context.preparation().logFile(execution.taskId, execution.id, attempt());
            if (Files.isDirectory(file.getParent())) {
                Files.writeString(file, "parzen: " + line + System.lineSeparator(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            Log.debugf("cannot write the log of %s: %s", execution.id, e.toString());
        }
    }

    private void terminate(Process p) {
        ProcessTree.terminate(p.toHandle(), context.killGracePeriod(), context.timers());
    }

    private Map<String, Object> latestValues() {
        ProcessOutput out = output;
        return out == null ? new LinkedHashMap<>() : out.latest().values();
    }

    private static void tryRecord(Runnable record) {
        try {
            record.run();
        } catch (RuntimeException e) {
            Log.errorf(e, "could not record the end of an execution");
        }
    }
}
