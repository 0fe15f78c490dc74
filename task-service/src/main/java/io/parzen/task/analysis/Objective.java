package io.parzen.task.analysis;

import io.parzen.events.TargetSpec;
import io.parzen.task.executions.ExecutionEntity;
import io.parzen.events.vocabulary.ExecutionStatus;

/**
 * What "better" means for a task: its target metric and either a direction or a target value
 * (Valohai's semantics: closest to the value is best), as for the task's best execution.
 *
 * @param direction {@code maximize}, {@code minimize}, or {@code target} when a target value is set
 * @param targetValue the target value, or null
 */
public record Objective(String metric, String direction, Double targetValue) {

    public static final String TARGET = "target";

    public static Objective of(TargetSpec target) {
        if (target == null || target.metric() == null) {
            return new Objective(null, null, null);
        }
        if (target.value() != null) {
            return new Objective(target.metric(), TARGET, target.value());
        }
        return new Objective(target.metric(), "minimize".equals(target.direction()) ? "minimize" : "maximize", null);
    }

    /** The value to minimize for {@code value}. */
    public double loss(double value) {
        if (targetValue != null) {
            return Math.abs(value - targetValue);
        }
        return "minimize".equals(direction) ? value : -value;
    }

    /** The execution's metric value as a finite number, or null (no metric, not a number). */
    public Double valueOf(ExecutionEntity e) {
        if (metric == null) {
            return null;
        }
        Object o = e.metricMap().get(metric);
        Double v = null;
        if (o instanceof Number n) {
            v = n.doubleValue();
        } else if (o instanceof String s) {
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException ignored) {
                v = null;
            }
        }
        return v == null || !Double.isFinite(v) ? null : v;
    }

    /** The execution's result: its value when it completed, else null (a running value is not a result yet). */
    public Double resultOf(ExecutionEntity e) {
        return ExecutionStatus.COMPLETE.is(e.status) ? valueOf(e) : null;
    }
}
