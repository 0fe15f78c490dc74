package io.parzen.executor.process;

import static io.parzen.executor.execution.ExecutionService.await;

import io.parzen.events.MetricLogged;
import io.parzen.executor.execution.Execution;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.execution.ExecutionService.StartedProcess;
import io.parzen.executor.execution.ExecutionStatus;
import io.quarkus.logging.Log;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The life of one execution's OS process, on a thread of its own: prepare, start (never through
 * a shell), record {@code ExecutionStarted}, copy stdout and stderr to {@code log.txt} while the
 * stdout reader turns JSON lines into {@code MetricLogged} events (written to the outbox in
 * batches by this thread), enforce the time limit, and finally record {@code ExecutionFinished}.
 */
final class ProcessRun implements Runnable {

    /** Most metadata lines written in one transaction. */
    private static final int MAX_BATCH = 500;
    /** How long the output is still read after the process exited (a descendant may hold it open). */
    private static final long OUTPUT_DRAIN_MILLIS = 5000;

    private final Execution execution;
    private final ExecutionScheduler scheduler;
    private final ExecutionService service;

    private final Object lock = new Object();
    private Process process;
    private volatile String stopReason;

    /** Metadata events read but not stored yet; bounded, so a slow database slows the reader (and the program). */
    private final BlockingQueue<MetricLogged> pending = new LinkedBlockingQueue<>(20_000);
    private final Map<String, Object> latest = new LinkedHashMap<>();
    private int metricCount;
    private volatile boolean readerDone;
    private final AtomicInteger openReaders = new AtomicInteger(2);

    ProcessRun(Execution execution, ExecutionScheduler scheduler) {
        this.execution = execution;
        this.scheduler = scheduler;
        this.service = scheduler.service;
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
            ProcessTree.terminate(p.toHandle(), scheduler.config.killGracePeriod(), scheduler.timers);
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
            if (!scheduler.isShuttingDown()) {
                tryRecord(() -> service.finish(execution.id, ExecutionStatus.CRASHED, null,
                        "executor error: " + t, snapshot(), Instant.now()));
            }
        } finally {
            scheduler.runEnded(this);
        }
    }

    private void execute() throws Exception {
        String early = stopReason;
        if (early != null) {
            tryRecord(() -> service.stopQueued(List.of(execution.id), early));
            return;
        }
        Workspace.Prepared prepared;
        try {
            prepared = scheduler.workspace.prepare(execution);
        } catch (Workspace.InvalidRequestException | IOException e) {
            String reason = e instanceof IOException ? "cannot prepare the execution folder: " + e : e.getMessage();
            writeLogLine(reason);
            tryRecord(() -> service.finish(execution.id, ExecutionStatus.ERROR, null, reason, Map.of(),
                    Instant.now()));
            return;
        }
        BufferedWriter log = Files.newBufferedWriter(prepared.logFile(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
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
            tryRecord(() -> service.finish(execution.id, ExecutionStatus.ERROR, null, reason, Map.of(),
                    Instant.now()));
            return;
        }
        Instant startedAt = Instant.now();
        Log.infof("execution %s started: pid %d, %s", execution.id, started.pid(), prepared.argv());
        StartedProcess info = new StartedProcess(prepared.argv(), prepared.workingDirectory().toString(),
                prepared.executionDirectory().toString(), scheduler.executorName(), started.pid(),
                started.info().startInstant().orElse(null), startedAt);
        boolean recorded;
        try {
            recorded = retrying(() -> service.markStarted(execution.id, info));
        } catch (RuntimeException e) {
            ProcessTree.kill(started.toHandle());
            log.close();
            throw e;
        }
        if (!recorded) {
            Log.warnf("execution %s is not queued any more; its process is killed", execution.id);
            ProcessTree.kill(started.toHandle());
            log.close();
            return;
        }
        synchronized (lock) {
            process = started;
        }
        if (stopReason != null) {
            ProcessTree.terminate(started.toHandle(), scheduler.config.killGracePeriod(), scheduler.timers);
        }
        ScheduledFuture<?> timeLimit = null;
        if (execution.timeLimitSeconds != null && execution.timeLimitSeconds > 0) {
            timeLimit = scheduler.timers.schedule(() -> requestStop(ExecutionStatus.REASON_TIME_LIMIT),
                    execution.timeLimitSeconds, TimeUnit.SECONDS);
        }
        startReader(started.getInputStream(), log, true, "parzen-stdout-");
        startReader(started.getErrorStream(), log, false, "parzen-stderr-");

        long exitedAt = 0;
        List<MetricLogged> batch = new ArrayList<>();
        while (true) {
            MetricLogged first = pending.poll(200, TimeUnit.MILLISECONDS);
            if (first != null) {
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
                writeMetrics(batch);
                batch.clear();
                continue;
            }
            if (readerDone && pending.isEmpty()) {
                break;
            }
            if (!started.isAlive()) {
                if (exitedAt == 0) {
                    exitedAt = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - exitedAt > OUTPUT_DRAIN_MILLIS) {
                    Log.warnf("execution %s exited but its output is still open; not read further", execution.id);
                    break;
                }
            }
        }
        int exitCode = started.waitFor();
        Instant finishedAt = Instant.now();
        if (timeLimit != null) {
            timeLimit.cancel(false);
        }
        if (!readerDone) {
            pending.drainTo(batch);
            if (!batch.isEmpty()) {
                writeMetrics(batch);
            }
        }
        if (scheduler.isShuttingDown()) {
            Log.infof("execution %s ended by the service shutdown; reported at the next start", execution.id);
            return;
        }
        String status;
        String reason;
        String stop = stopReason;
        if (stop != null) {
            status = ExecutionStatus.STOPPED;
            reason = stop;
        } else if (exitCode == 0) {
            status = ExecutionStatus.COMPLETE;
            reason = null;
        } else if (exitCode > 128 && !isWindows()) {
            status = ExecutionStatus.CRASHED;
            reason = "killed by signal " + (exitCode - 128);
        } else {
            status = ExecutionStatus.ERROR;
            reason = "exit code " + exitCode;
        }
        Map<String, Object> metrics = snapshot();
        retrying(() -> service.finish(execution.id, status, exitCode, reason, metrics, finishedAt));
    }

    /** Writes one {@code parzen:} line to the log of an execution that could not start (best effort). */
    private void writeLogLine(String line) {
        try {
            java.nio.file.Path file = scheduler.workspace.logFile(execution.taskId, execution.id);
            if (Files.isDirectory(file.getParent())) {
                Files.writeString(file, "parzen: " + line + System.lineSeparator(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            Log.debugf("cannot write the log of %s: %s", execution.id, e.toString());
        }
    }

    private void startReader(InputStream stream, BufferedWriter log, boolean metadata, String name) {
        Thread reader = new Thread(() -> readOutput(stream, log, metadata), name + execution.id);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A reader thread: copies every line to the log; on stdout, turns JSON objects into
     * {@code MetricLogged}. The last of the two readers to finish closes the log.
     */
    private void readOutput(InputStream stream, BufferedWriter log, boolean metadata) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (log) {
                    log.write(line);
                    log.newLine();
                    if (!in.ready()) {
                        log.flush();
                    }
                }
                Map<String, Object> values = metadata ? MetadataLine.parse(line) : null;
                if (values != null) {
                    MetricLogged event;
                    synchronized (latest) {
                        latest.putAll(values);
                        metricCount++;
                        event = MetricLogged.of(execution.taskId, execution.id, metricCount, values);
                    }
                    pending.put(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            Log.debugf("output of execution %s closed: %s", execution.id, e.toString());
        } finally {
            if (openReaders.decrementAndGet() == 0) {
                synchronized (log) {
                    try {
                        log.close();
                    } catch (IOException e) {
                        Log.warnf("cannot close the log of execution %s: %s", execution.id, e.toString());
                    }
                }
                readerDone = true;
            }
        }
    }

    private void writeMetrics(List<MetricLogged> batch) {
        List<MetricLogged> events = List.copyOf(batch);
        int count;
        Map<String, Object> values;
        synchronized (latest) {
            count = metricCount;
            values = new LinkedHashMap<>(latest);
        }
        try {
            retrying(() -> service.recordMetrics(execution.id, events, count, values));
        } catch (RuntimeException e) {
            Log.errorf(e, "execution %s: %d metadata events could not be stored and are lost", execution.id,
                    events.size());
        }
    }

    private Map<String, Object> snapshot() {
        synchronized (latest) {
            return new LinkedHashMap<>(latest);
        }
    }

    /** Runs a database operation, retrying a few times over about ten seconds. */
    private static <T> T retrying(Supplier<io.smallrye.mutiny.Uni<T>> operation) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                return await(operation);
            } catch (RuntimeException e) {
                last = e;
                Log.warnf("database operation failed (attempt %d): %s", attempt, e.toString());
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }

    private static <T> void tryRecord(Supplier<io.smallrye.mutiny.Uni<T>> operation) {
        try {
            retrying(operation);
        } catch (RuntimeException e) {
            Log.errorf(e, "could not record the end of an execution");
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
}
