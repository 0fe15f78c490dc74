package io.parzen.executor.kubernetes;

import io.parzen.events.MetricLogged;
import java.util.Map;

/**
 * What the Kubernetes backend reports about its executions; the executor records each (executions table, outbox)
 * as it does for a local process. Every call is for one execution of one Job, in order.
 */
public interface ExecutionEvents {

    /**
     * The Job was created (or found: {@code adopted}) under {@code jobName}.
     *
     * @return false if the execution must not run (it is not that attempt's, or it ended meanwhile): the backend
     *         deletes the Job and does not follow it
     */
    boolean started(JobRequest request, String jobName, boolean adopted);

    /** One line of the pod's log (stdout and stderr, as Kubernetes keeps them). */
    void logLine(String executionId, String line);

    /** A log line that was a JSON object. */
    void metric(MetricLogged event);

    /** The execution is over. */
    void finished(String taskId, String executionId, int attempt, KubernetesOutcome outcome,
            Map<String, Object> latestMetrics);

    /** The end of one round over an execution: what was reported since the last round may be stored together. */
    default void flush(String executionId) {
    }

    /**
     * How many {@code MetricLogged} of this execution were already recorded (by a previous life of the executor):
     * an adopted Job's log is read again from its start and those are not sent twice.
     */
    default int recordedMetrics(String executionId) {
        return 0;
    }
}
