package io.parzen.optimizer.service.study;

import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.Direction;
import io.parzen.events.vocabulary.ExecutionStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objectives of a multi-objective task ({@code targets}, docs/decisions/0032): turns a finished
 * execution into the loss vector the engines minimise, one loss per objective in the task's order —
 * {@code -v} for a maximised metric, {@code v} for a minimised one. An execution that is not
 * {@code complete}, or lacks one of the metrics as a finite number, has no loss vector: a failed trial,
 * never given made-up values.
 *
 * @param metrics the metadata keys, in the order of {@code targets}
 * @param maximize per objective, whether its metric is maximised
 */
public record Objectives(List<String> metrics, boolean[] maximize) {

    /**
     * The objectives of a task, or null when it has no {@code targets} (one objective: {@link Objective}).
     *
     * @throws InvalidTaskSpecException naming the entry when an objective has no metric or direction
     */
    public static Objectives of(TaskSpec spec) {
        List<TargetSpec> targets = spec.targets();
        if (targets == null) {
            return null;
        }
        if (targets.size() < 2) {
            throw new InvalidTaskSpecException("targets", targets.size(), "2 to 4 objectives (one objective: target)");
        }
        boolean[] max = new boolean[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            TargetSpec t = targets.get(i);
            if (t == null || t.metric() == null || t.metric().isBlank()) {
                throw new InvalidTaskSpecException("targets[" + i + "].metric", t == null ? null : t.metric(),
                        "the metadata key the training code prints");
            }
            int at = i;
            Direction d = Direction.find(t.direction()).orElseThrow(() -> new InvalidTaskSpecException(
                    "targets[" + at + "].direction", t.direction(), String.join(" or ", Direction.wireNames())));
            max[i] = d == Direction.MAXIMIZE;
        }
        return new Objectives(targets.stream().map(TargetSpec::metric).toList(), max);
    }

    /** The loss vector of a finished execution, or empty when the trial failed. */
    public Optional<double[]> losses(String status, Map<String, Object> values) {
        if (!ExecutionStatus.COMPLETE.is(status) || values == null) {
            return Optional.empty();
        }
        double[] out = new double[metrics.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = values.get(metrics.get(i));
            if (!(v instanceof Number n) || v instanceof Boolean || !Double.isFinite(n.doubleValue())) {
                return Optional.empty();
            }
            out[i] = maximize[i] ? -n.doubleValue() : n.doubleValue();
        }
        return Optional.of(out);
    }
}
