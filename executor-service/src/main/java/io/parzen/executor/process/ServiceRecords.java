package io.parzen.executor.process;

import io.parzen.events.MetricLogged;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.execution.ExecutionService.StartedProcess;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link RunRecords} on {@link ExecutionService}: each call waits for its transaction on the
 * calling (process) thread and is retried a few times over about ten seconds.
 */
final class ServiceRecords implements RunRecords {

    private static final int ATTEMPTS = 5;

    private final ExecutionService service;

    ServiceRecords(ExecutionService service) {
        this.service = service;
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
    public void metrics(String executionId, int attempt, List<MetricLogged> events, int metricCount,
            Map<String, Object> latest) {
        retrying(() -> service.recordMetrics(executionId, attempt, events, metricCount, latest));
    }

    @Override
    public void finished(String executionId, int attempt, Outcome outcome, Map<String, Object> metrics,
            Instant finishedAt) {
        retrying(() -> service.finish(executionId, attempt, outcome.status(), outcome.exitCode(), outcome.reason(),
                outcome.statusReason(), metrics, finishedAt));
    }

    /** Runs a database operation, retrying a few times over about ten seconds. */
    private static <T> T retrying(Supplier<Uni<T>> operation) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return Blocking.await(operation);
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
}
