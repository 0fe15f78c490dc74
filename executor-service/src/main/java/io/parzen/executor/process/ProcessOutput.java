package io.parzen.executor.process;

import io.parzen.events.MetricLogged;
import io.quarkus.logging.Log;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The output of one execution's process, read by two threads of its own: both copy every line of
 * stdout and stderr to {@code log.txt}; the stdout reader also turns each line that is a JSON
 * object into a {@code MetricLogged} (sequence 1, 2, 3…) and keeps the latest value of every key.
 * The events wait in a bounded queue for the run to store them, so a slow database slows the
 * reader (and the program), never loses lines. The last reader to finish closes the log.
 */
final class ProcessOutput {

    /** Most events waiting to be stored. */
    private static final int MAX_PENDING = 20_000;
    /**
     * Put after the last event once both streams ended, so that a run waiting in {@link #poll} wakes at once
     * instead of at the end of its wait (a short process's end is then noticed in microseconds, not up to a
     * poll interval later). Never handed out.
     */
    private static final MetricLogged END = MetricLogged.of("", "", 0, Map.of(), 1);

    /** The latest value of every metadata key and how many metadata lines there were. */
    record Latest(int metricCount, Map<String, Object> values) {
    }

    private final String taskId;
    private final String executionId;
    private final int attempt;
    private final BufferedWriter log;
    private final BlockingQueue<MetricLogged> pending = new LinkedBlockingQueue<>(MAX_PENDING);
    private final Map<String, Object> latest = new LinkedHashMap<>();
    private int metricCount;
    private volatile boolean done;
    private final AtomicInteger openReaders = new AtomicInteger(2);

    ProcessOutput(String taskId, String executionId, int attempt, BufferedWriter log) {
        this.taskId = taskId;
        this.executionId = executionId;
        this.attempt = attempt;
        this.log = log;
    }

    /** Starts reading the process's stdout and stderr. */
    void start(Process process) {
        startReader(process.getInputStream(), true, "parzen-stdout-");
        startReader(process.getErrorStream(), false, "parzen-stderr-");
    }

    /**
     * The next event not stored yet, waiting up to {@code millis}; null if none came, or at once when the output
     * has ended ({@link #isDone()}).
     */
    MetricLogged poll(long millis) throws InterruptedException {
        MetricLogged next = pending.poll(millis, TimeUnit.MILLISECONDS);
        return next == END ? null : next;
    }

    /** Moves up to {@code max} waiting events into {@code batch}. */
    void drainTo(Collection<MetricLogged> batch, int max) {
        pending.drainTo(batch, max);
        keepEnd(batch);
    }

    /** Moves every waiting event into {@code batch}. */
    void drainTo(Collection<MetricLogged> batch) {
        pending.drainTo(batch);
        keepEnd(batch);
    }

    /** Takes the end marker out of a drained batch and puts it back: the next {@link #poll} still wakes at once. */
    private void keepEnd(Collection<MetricLogged> batch) {
        if (batch.remove(END)) {
            pending.offer(END); // nothing is added after it, so it is the last again
        }
    }

    /** Whether no event waits to be stored. */
    boolean isEmpty() {
        MetricLogged head = pending.peek();
        return head == null || head == END && pending.size() == 1;
    }

    /** Whether both streams reached their end and the log is closed. */
    boolean isDone() {
        return done;
    }

    /** A copy of the latest values and the count, taken together. */
    Latest latest() {
        synchronized (latest) {
            return new Latest(metricCount, new LinkedHashMap<>(latest));
        }
    }

    private void startReader(InputStream stream, boolean metadata, String name) {
        Thread reader = new Thread(() -> read(stream, metadata), name + executionId);
        reader.setDaemon(true);
        reader.start();
    }

    /** The first failure to write the log (disk full...), or null: after it the log is not written further. */
    private volatile IOException logFailure;

    /** Why the log could not be written (it stopped there), or null. */
    IOException logFailure() {
        return logFailure;
    }

    /**
     * Writes one line to the log. A write that fails (the disk is full) stops the log, not the reading: the
     * process must never block on a full pipe, and its metadata still counts.
     */
    private void writeLog(String line, BufferedReader in) {
        synchronized (log) {
            if (logFailure != null) {
                return;
            }
            try {
                log.write(line);
                log.newLine();
                if (!in.ready()) {
                    log.flush();
                }
            } catch (IOException e) {
                logFailure = e;
                Log.errorf("the log of execution %s attempt %d cannot be written any more: %s", executionId, attempt,
                        e.toString());
            }
        }
    }

    private void read(InputStream stream, boolean metadata) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                writeLog(line, in);
                Map<String, Object> values = metadata ? MetadataLine.parse(line) : null;
                if (values != null) {
                    MetricLogged event;
                    synchronized (latest) {
                        latest.putAll(values);
                        metricCount++;
                        event = MetricLogged.of(taskId, executionId, metricCount, values, attempt);
                    }
                    pending.put(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            Log.debugf("output of execution %s closed: %s", executionId, e.toString());
        } finally {
            if (openReaders.decrementAndGet() == 0) {
                synchronized (log) {
                    try {
                        log.close();
                    } catch (IOException e) {
                        Log.warnf("cannot close the log of execution %s: %s", executionId, e.toString());
                    }
                }
                done = true;
                // wakes the waiting run; when the queue is full it is not waiting, and it ends once it is empty
                pending.offer(END);
            }
        }
    }
}
