package io.parzen.optimizer.service.study;

import io.parzen.events.TargetSpec;
import io.parzen.events.vocabulary.Direction;
import io.parzen.events.vocabulary.ExecutionStatus;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns a finished execution into the loss the engines minimize.
 *
 * <ul>
 *   <li>target value {@code t}: {@code |v - t|} (Valohai's semantics; wins when a direction is also given);</li>
 *   <li>direction {@code maximize}: {@code -v}; direction {@code minimize}: {@code v}.</li>
 * </ul>
 * An execution whose status is not {@code complete}, that never logged the metric, or whose latest
 * value is not a finite number has no loss: it is a failed trial, never given a made-up value.
 *
 * @param metric the metadata key, or null when the task has no target (then no execution has a loss)
 */
public record Objective(String metric, Double targetValue, boolean maximize) {

    /** An objective for tasks without a target (grid, manual or random search that only runs points). */
    public static Objective none() {
        return new Objective(null, null, false);
    }

    /**
     * The objective of a target.
     *
     * @throws InvalidTaskSpecException when the target names no metric, or has neither a value nor a known direction
     */
    public static Objective of(TargetSpec target) {
        if (target == null) {
            return none();
        }
        if (target.metric() == null || target.metric().isBlank()) {
            throw new InvalidTaskSpecException("target.metric", target.metric(), "the target needs a metric name");
        }
        if (target.value() != null) {
            if (!Double.isFinite(target.value())) {
                throw new InvalidTaskSpecException("target.value", target.value(), "a finite number is required");
            }
            return new Objective(target.metric(), target.value(), false);
        }
        Direction direction = Direction.find(target.direction()).orElseThrow(() -> new InvalidTaskSpecException(
                "target.direction", target.direction(),
                "give a target value, or a direction: " + String.join(" or ", Direction.wireNames())));
        return new Objective(target.metric(), null, direction == Direction.MAXIMIZE);
    }

    /** True when executions can be scored (the task has a target metric). */
    public boolean defined() {
        return metric != null;
    }

    /** The latest value of the metric, when the execution logged it as a finite number. */
    public OptionalDouble metricValue(Map<String, Object> metrics) {
        if (metric == null || metrics == null) {
            return OptionalDouble.empty();
        }
        Object v = metrics.get(metric);
        if (v instanceof Number n && !(v instanceof Boolean) && Double.isFinite(n.doubleValue())) {
            return OptionalDouble.of(n.doubleValue());
        }
        return OptionalDouble.empty();
    }

    /** The loss of a finished execution, or empty when the trial failed. */
    public OptionalDouble loss(String status, Map<String, Object> metrics) {
        if (!ExecutionStatus.COMPLETE.is(status)) {
            return OptionalDouble.empty();
        }
        OptionalDouble value = metricValue(metrics);
        if (value.isEmpty()) {
            return value;
        }
        return OptionalDouble.of(lossOf(value.getAsDouble()));
    }

    /** The loss of one value of the metric (also of an intermediate value, for the pruners). */
    public double lossOf(double v) {
        if (targetValue != null) {
            return Math.abs(v - targetValue);
        }
        return maximize ? -v : v;
    }
}
