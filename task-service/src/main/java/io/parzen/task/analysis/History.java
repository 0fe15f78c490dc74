package io.parzen.task.analysis;

import io.parzen.task.executions.ExecutionEntity;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The optimization history of a task: every execution in sequence order with its value and the best
 * result so far.
 */
@Schema(description = "every execution's value and the best result so far, in sequence order")
public record History(
        String taskId,
        @Schema(description = "the target metric", nullable = true) String metric,
        @Schema(description = "maximize, minimize, or target (closest to targetValue is best)", nullable = true)
        String direction,
        @Schema(description = "the target value when direction is target", nullable = true) Double targetValue,
        List<Point> points) {

    /**
     * One execution.
     *
     * @param source how its parameters were chosen: random, model (guided by the optimizer's model), grid,
     *               manual; null until its suggestion has been seen
     * @param value the execution's latest value of the metric, null when it has none (yet)
     * @param bestSoFar the best value of the completed executions up to this one, null before the first; of a
     *                  task with constraints only feasible executions count (ADR 0033)
     */
    public record Point(int seq, String executionId, String status, String source,
            @Schema(nullable = true) Double value, @Schema(nullable = true) Double bestSoFar) {
    }

    static History of(String taskId, Objective objective, List<ExecutionEntity> executions) {
        return of(taskId, objective, executions, io.parzen.task.executions.Feasibility.of(null));
    }

    static History of(String taskId, Objective objective, List<ExecutionEntity> executions,
            io.parzen.task.executions.Feasibility feasibility) {
        List<Point> points = new ArrayList<>();
        Double best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (ExecutionEntity e : executions) {
            Double result = objective.resultOf(e);
            if (result != null && feasibility.feasible(e) != Boolean.FALSE && objective.loss(result) < bestLoss) {
                best = result;
                bestLoss = objective.loss(result);
            }
            points.add(new Point(e.seq, e.id, e.status, e.source, objective.valueOf(e), best));
        }
        return new History(taskId, objective.metric(), objective.direction(), objective.targetValue(),
                List.copyOf(points));
    }
}
