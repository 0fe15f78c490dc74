package io.parzen.executor.process;

import io.parzen.events.MetricLogged;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.execution.ExecutionService.StartedProcess;
import io.parzen.messaging.inbound.Failures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@link RunRecords} on {@link ExecutionService}: each call waits for its transaction on the
 * calling (process) thread. A transient failure (the database unreachable or restarting, by the
 * messaging kit's {@link Failures} rule) is retried for up to {@link #TRANSIENT_BUDGET}, so that a
 * training that starts, logs or ends during a database outage of a minute or two is recorded once the
 * database is back (ADR 0026); any other failure is retried a few times over about ten seconds.
 */
final class ServiceRecords implements RunRecords {

    private static final int ATTEMPTS = 5;
    /** How long transient failures are retried, pausing 0.5 s doubling up to 5 s. */
    static final Duration TRANSIENT_BUDGET = Duration.ofMinutes(5);
    private static final long MAX_PAUSE_MILLIS = 5000;

    private final ExecutionService service;
    /** Where {@link #processStarted} stores in the background. */
    private final Executor background;

    ServiceRecords(ExecutionService service, Executor background) {
        this.service = service;
        this.background = background;
    }

    @Override
    public void stoppedBeforeStart(String executionId, String reason) {
        retrying(() -> service.stopQueued(List.of(executionId), reason));
    }

    @Override
    public boolean started(String executionId, int attempt, StartedProcess process) {
        return retrying(() -> service.markStarted(executionId, attempt, process));
    }

    @Override
    public void processStarted(String executionId, int attempt, StartedProcess process) {
        background.execute(() -> {
            try {
                retrying(() -> service.recordProcess(executionId, attempt, process));
            } catch (RuntimeException e) {
                Log.warnf("the process %d of execution %s could not be stored (its finish stores it): %s",
                        process.pid(), executionId, e.toString());
            }
        });
    }

    @Override
    public void metrics(String executionId, int attempt, List<MetricLogged> events, int metricCount,
            Map<String, Object> latest) {
        retrying(() -> service.recordMetrics(executionId, attempt, events, metricCount, latest));
    }

    @Override
    public void finished(String executionId, int attempt, Outcome outcome, Map<String, Object> metrics,
            Instant finishedAt, StartedProcess process) {
        retrying(() -> service.finish(executionId, attempt, outcome.status(), outcome.exitCode(), outcome.reason(),
                outcome.statusReason(), metrics, finishedAt, process));
    }

    /** Runs a database operation: transient failures for up to five minutes, others five times. */
    private static <T> T retrying(Supplier<Uni<T>> operation) {
        long deadline = System.nanoTime() + TRANSIENT_BUDGET.toNanos();
        long transientPause = 500;
        int otherFailures = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return Blocking.await(operation);
            } catch (RuntimeException e) {
                boolean transientFailure = Failures.kind(e) == Failures.Kind.TRANSIENT;
                long pause;
                if (transientFailure) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    pause = transientPause;
                    transientPause = Math.min(MAX_PAUSE_MILLIS, transientPause * 2);
                } else {
                    otherFailures++;
                    if (otherFailures >= ATTEMPTS) {
                        throw e;
                    }
                    pause = 500L * otherFailures;
                }
                Log.warnf("database operation failed (attempt %d, %s): %s", attempt,
                        transientFailure ? "transient, retried for up to " + TRANSIENT_BUDGET.toMinutes() + " min"
                                : "retried " + ATTEMPTS + " times", e.toString());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
