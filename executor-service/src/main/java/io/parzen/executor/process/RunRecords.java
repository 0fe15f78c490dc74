package io.parzen.executor.process;

import io.parzen.events.MetricLogged;
import io.parzen.executor.execution.ExecutionService.StartedProcess;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ProcessRun} records about its execution's attempt (every call names the attempt: a record
 * for an attempt that is no longer the execution's current one changes nothing). Every call blocks until the record is
 * stored (with its event in the outbox) and throws when it could not be, after the retries of the
 * implementation.
 */
interface RunRecords {

    /** The execution was stopped before its process started: it is recorded as stopped with the reason. */
    void stoppedBeforeStart(String executionId, String reason);

    /**
     * The process started: records it and emits {@code ExecutionStarted}.
     *
     * @return false if the execution is not queued any more (then its process must not run)
     */
    boolean started(String executionId, int attempt, StartedProcess process);

    /**
     * The process of an execution whose start was recorded when it was accepted (ADR 0039) started: its pid, argv
     * and folders are stored in the background (this call does not wait; a failure is logged). The finish stores
     * them too, whichever commits first.
     */
    void processStarted(String executionId, int attempt, StartedProcess process);

    /** A batch of metadata lines: their {@code MetricLogged} events and the latest values. */
    void metrics(String executionId, int attempt, List<MetricLogged> events, int metricCount, Map<String, Object> latest);

    /**
     * The execution is over: it becomes final and emits {@code ExecutionFinished} (nothing happens
     * if it was final already).
     *
     * @param metrics the latest metadata values
     * @param process for an execution whose start was recorded when it was accepted (ADR 0039), its process, whose
     *                start time becomes the attempt's; null when none started or its start's record stored it
     */
    void finished(String executionId, int attempt, Outcome outcome, Map<String, Object> metrics, Instant finishedAt,
            StartedProcess process);
}
