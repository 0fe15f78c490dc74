package io.parzen.task.executions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One execution of a task as {@code GET /api/v1/tasks/{id}/executions} shows it. Its status, exit code, reason,
 * times and metrics are those of its current {@code attempt}; {@code attempts} lists every attempt. An execution
 * that is being run again after a lost attempt shows {@code queued} with the next attempt number.
 */
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
        Instant finishedAt,
        @Schema(description = "the current attempt: 1 for the first run; an execution Parzen lost (its executor"
                + " died or restarted, it was never started, ...) is run again as attempt + 1, up to the task's"
                + " maxRetries, and shows queued meanwhile")
        int attempt,
        @Schema(description = "every attempt, oldest first, the current one last")
        List<ExecutionAttempt> attempts,
        @Schema(description = "tasks with constraints, complete executions: whether every constraint holds on the"
                + " latest metadata (a missing key: false); absent otherwise (ADR 0033)", nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Boolean feasible,
        @Schema(description = "when feasible is false: the constraints that do not hold, in task order",
                nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<String> violatedConstraints) {

    /** The view before constraints (kept so that call sites compile). */
    public ExecutionView(String id, int seq, int batch, String source, Map<String, Object> parameters, String status,
            Map<String, Object> metrics, Integer exitCode, String statusReason, Instant startedAt, Instant finishedAt,
            int attempt, List<ExecutionAttempt> attempts) {
        this(id, seq, batch, source, parameters, status, metrics, exitCode, statusReason, startedAt, finishedAt,
                attempt, attempts, null, null);
    }

    /** An execution of a task without constraints. */
    public static ExecutionView of(ExecutionEntity e) {
        return of(e, Feasibility.of(null));
    }

    /** An execution with its feasibility under the task's constraints. */
    public static ExecutionView of(ExecutionEntity e, Feasibility feasibility) {
        return new ExecutionView(e.id, e.seq, e.batch, e.source, e.parameterMap(), e.status, e.metricMap(),
                e.exitCode, e.statusReason, e.startedAt, e.finishedAt, e.attemptOrFirst(), e.allAttempts(),
                feasibility.feasible(e), feasibility.violated(e));
    }
}
