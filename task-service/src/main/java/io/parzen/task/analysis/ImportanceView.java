package io.parzen.task.analysis;

import io.parzen.events.ParameterSpec;
import io.parzen.task.executions.ExecutionEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Parameter importance of a task by PED-ANOVA, highest first. */
public record ImportanceView(
        String taskId,
        @Schema(description = "the method: PED-ANOVA (Optuna's default importance evaluator)") String method,
        @Schema(nullable = true) String metric,
        @Schema(description = "completed executions with the metric and every parameter that took part")
        int observations,
        @Schema(description = "the top fraction of observations whose parameters are compared with the region's")
        double targetQuantile,
        @Schema(description = "the fraction of observations that makes the region (1: all of them)")
        double regionQuantile,
        @Schema(description = "each parameter's share of the importance (they sum to 1), highest first; "
                + "empty when there is no estimate")
        List<PedAnova.Importance> parameters,
        @Schema(description = "why parameters is empty", nullable = true) String reason) {

    static ImportanceView of(String taskId, Objective objective, List<ParameterSpec> specs,
            List<ExecutionEntity> executions) {
        List<Map<String, Object>> seen = executions.stream().map(ExecutionEntity::parameterMap).toList();
        List<Dimension> dimensions = specs.stream().map(p -> Dimension.of(p, seen)).toList();
        List<PedAnova.Observation> observations = new ArrayList<>();
        for (ExecutionEntity e : executions) {
            Double result = objective.resultOf(e);
            if (result != null) {
                observations.add(new PedAnova.Observation(e.parameterMap(), objective.loss(result)));
            }
        }
        PedAnova.Result result = objective.metric() == null
                ? new PedAnova.Result(0, List.of(), "the task has no target metric")
                : PedAnova.evaluate(dimensions, observations);
        return new ImportanceView(taskId, PedAnova.METHOD, objective.metric(), result.observations(),
                PedAnova.TARGET_QUANTILE, PedAnova.REGION_QUANTILE, result.parameters(), result.reason());
    }
}
