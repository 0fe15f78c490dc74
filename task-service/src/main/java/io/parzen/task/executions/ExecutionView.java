package io.parzen.task.executions;

import java.time.Instant;
import java.util.Map;

/** One execution of a task as {@code GET /api/v1/tasks/{id}/executions} shows it. */
public record ExecutionView(
        String id,
        int seq,
        int batch,
        String source,
        Map<String, Object> parameters,
        String status,
        Map<String, Object> metrics,
        Integer exitCode,
        String statusReason,
        Instant startedAt,
        Instant finishedAt) {

    public static ExecutionView of(ExecutionEntity e) {
        return new ExecutionView(e.id, e.seq, e.batch, e.source, e.parameterMap(), e.status, e.metricMap(),
                e.exitCode, e.statusReason, e.startedAt, e.finishedAt);
    }
}
