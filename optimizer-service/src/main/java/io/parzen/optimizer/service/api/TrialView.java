package io.parzen.optimizer.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One issued suggestion of a study and its result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Trial", description = "One issued suggestion of a study and its result")
public record TrialView(
        String executionId,
        int seq,
        int batch,
        @Schema(description = "Parameter values by name, as sent to the executor") Map<String, Object> point,
        @Schema(description = "random, model, grid or manual") String source,
        @Schema(description = "pending, complete, failed or pruned") String state,
        @Schema(description = "The value the optimizer minimizes; absent unless complete or pruned (then its last reported value)") Double loss,
        @Schema(description = "The latest value of the target metric, when the execution logged it") Double metricValue,
        @Schema(description = "The execution's final status") String executionStatus,
        @Schema(description = "The execution's current attempt (1 for its first run; a retried execution is run"
                + " again as attempt + 1, and only its final attempt gives the result)") int attempt,
        @Schema(description = "Tasks with targets: one loss per objective (maximised metrics negated), in the order"
                + " of targets; absent unless complete") List<Double> losses,
        @Schema(description = "Tasks with constraints: each constraint's value on the final metadata (at most 0 when it"
                + " holds; null when it could not be evaluated, e.g. a missing key: infeasible), in the task's order; absent"
                + " unless complete (ADR 0033)") List<Double> constraintValues,
        @Schema(description = "Tasks with constraints: whether every constraint holds; absent unless complete")
        Boolean feasible) {

    /** A trial without constraint values (the signature before constraints). */
    public TrialView(String executionId, int seq, int batch, Map<String, Object> point, String source, String state,
            Double loss, Double metricValue, String executionStatus, int attempt, List<Double> losses) {
        this(executionId, seq, batch, point, source, state, loss, metricValue, executionStatus, attempt, losses,
                null, null);
    }

    /** A single-objective trial (the signature before multi-objective tasks). */
    public TrialView(String executionId, int seq, int batch, Map<String, Object> point, String source, String state,
            Double loss, Double metricValue, String executionStatus, int attempt) {
        this(executionId, seq, batch, point, source, state, loss, metricValue, executionStatus, attempt, null);
    }
}
