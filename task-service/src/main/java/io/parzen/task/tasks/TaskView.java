package io.parzen.task.tasks;

import io.parzen.events.TaskSpec;
import io.parzen.task.executions.ExecutionEntity;
import io.parzen.task.executions.ExecutionStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task as {@code GET /api/v1/tasks/{id}} shows it.
 *
 * @param statusSummary how many executions are in each execution status (every status is present)
 * @param best the best execution so far by the task's target, or null
 * @param spec the validated specification, as sent in {@code TaskCreated}
 */
public record TaskView(
        String id,
        String name,
        String type,
        String engine,
        String status,
        String statusReason,
        Map<String, Long> statusSummary,
        BestExecution best,
        int maxExecutions,
        int batchSize,
        Instant createdAt,
        Instant finishedAt,
        TaskSpec spec) {

    public static TaskView of(TaskEntity t, List<ExecutionEntity> executions) {
        Map<String, Long> summary = new LinkedHashMap<>();
        ExecutionStatus.ALL.forEach(s -> summary.put(s, 0L));
        for (ExecutionEntity e : executions) {
            summary.merge(e.status, 1L, Long::sum);
        }
        TaskSpec spec = t.spec();
        return new TaskView(t.id, t.name, t.type, t.engine, t.status, t.statusReason, summary,
                BestExecution.of(spec.target(), executions), t.maxExecutions, t.batchSize, t.createdAt,
                t.finishedAt, spec);
    }
}
