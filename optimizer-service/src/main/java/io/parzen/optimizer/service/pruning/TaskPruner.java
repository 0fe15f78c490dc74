package io.parzen.optimizer.service.pruning;

import io.parzen.events.TaskSpec;
import io.parzen.optimizer.pruning.NopPruner;
import io.parzen.optimizer.pruning.Pruner;
import io.parzen.optimizer.pruning.Pruners;
import io.parzen.optimizer.service.study.InvalidTaskSpecException;
import io.parzen.optimizer.service.study.Objective;
import java.util.Map;

/**
 * A task's {@code pruner} as the optimizer runs it: the rule ({@link Pruners#of}, Optuna's parameters and
 * defaults), the metadata key that counts steps ({@code stepKey}, default {@value #DEFAULT_STEP_KEY}) and the
 * objective whose loss the rule compares (the task's target: its metric, turned into a loss as for the
 * engines, so the rule always minimizes).
 */
public record TaskPruner(Pruner pruner, String stepKey, Objective objective) {

    /** The step key when the task gives none (Optuna reports need a step; the example MLP prints {@code epoch}). */
    public static final String DEFAULT_STEP_KEY = "epoch";

    /**
     * The pruner of {@code spec}, or null when it has none (absent or type {@code none}).
     *
     * @throws InvalidTaskSpecException naming {@code pruner.<field>}, the value and what is allowed, or
     *     {@code target} when a pruner is given without a target metric to judge
     */
    public static TaskPruner of(TaskSpec spec) {
        Map<String, Object> raw = spec.pruner();
        if (raw == null) {
            return null;
        }
        Pruner pruner;
        try {
            pruner = Pruners.of(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidTaskSpecException(e.getMessage(), e);
        }
        if (pruner instanceof NopPruner) {
            return null;
        }
        Object key = raw.get("stepKey");
        if (key != null && !(key instanceof String s && !s.isBlank())) {
            throw new InvalidTaskSpecException("pruner.stepKey", key, "a non-blank metadata key (default "
                    + DEFAULT_STEP_KEY + ")");
        }
        Objective objective = Objective.of(spec.target());
        if (!objective.defined()) {
            throw new InvalidTaskSpecException("target", null, "a pruner judges the target metric: give a target");
        }
        return new TaskPruner(pruner, key == null ? DEFAULT_STEP_KEY : (String) key, objective);
    }

    /** The step of a metadata line: its {@link #stepKey} as a non-negative integer, or null. */
    public Long step(Map<String, Object> values) {
        Object v = values == null ? null : values.get(stepKey);
        if (v instanceof Number n && !(v instanceof Boolean)) {
            double d = n.doubleValue();
            if (Double.isFinite(d) && d >= 0 && d == Math.rint(d) && d <= Long.MAX_VALUE) {
                return (long) d;
            }
        }
        return null;
    }

    /**
     * The loss of a metadata line's target metric, or null when the line does not carry the metric. A value
     * that is not a finite number is NaN (Optuna reports it; the rules prune a trial whose values are all NaN).
     */
    public Double loss(Map<String, Object> values) {
        if (values == null || !values.containsKey(objective.metric())) {
            return null;
        }
        Object v = values.get(objective.metric());
        if (v instanceof Number n && !(v instanceof Boolean) && Double.isFinite(n.doubleValue())) {
            return objective.lossOf(n.doubleValue());
        }
        return Double.NaN;
    }
}
