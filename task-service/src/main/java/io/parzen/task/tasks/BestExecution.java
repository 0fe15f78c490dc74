package io.parzen.task.tasks;

import io.parzen.events.TargetSpec;
import io.parzen.task.executions.ExecutionEntity;
import io.parzen.events.vocabulary.ExecutionStatus;
import java.util.List;
import java.util.Map;

/**
 * The best execution of a task by its target: closest to the target value, or the highest
 * (maximize) or lowest (minimize) value. Only completed executions whose latest metadata holds the
 * target metric as a number take part, as for the optimizer: a running execution's value is not its
 * result yet, and a failed one has none.
 */
public record BestExecution(String executionId, double value, Map<String, Object> parameters) {

    /** The best of {@code executions}, or null when there is no target or no execution has the metric. */
    public static BestExecution of(TargetSpec target, List<ExecutionEntity> executions) {
        if (target == null || target.metric() == null) {
            return null;
        }
        BestExecution best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (ExecutionEntity e : executions) {
            if (!ExecutionStatus.COMPLETE.is(e.status)) {
                continue;
            }
            Double v = numeric(e.metricMap().get(target.metric()));
            if (v == null || v.isNaN()) {
                continue;
            }
            double score;
            if (target.value() != null) {
                score = Math.abs(v - target.value());
            } else if ("minimize".equals(target.direction())) {
                score = v;
            } else {
                score = -v;
            }
            if (best == null || score < bestScore) {
                best = new BestExecution(e.id, v, e.parameterMap());
                bestScore = score;
            }
        }
        return best;
    }

    static Double numeric(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
