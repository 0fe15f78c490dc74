package io.parzen.optimizer.pruning;

import io.parzen.optimizer.study.TrialState;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The intermediate values one execution reported, by step (Optuna's {@code FrozenTrial.intermediate_values}).
 * A step reported twice keeps its first value, as Optuna's {@code Trial.report} does (it warns and
 * ignores the repeat); use {@link #with} to add a report.
 *
 * @param seq the trial's 1-based order of issue in its study; Optuna's {@code trial.number} is {@code seq - 1}
 * @param state {@link TrialState#PENDING} while it runs, then complete, pruned or failed
 * @param values intermediate values by non-negative step; NaN allowed (a non-numeric report)
 */
public record LearningCurve(int seq, TrialState state, NavigableMap<Long, Double> values) {

    public LearningCurve {
        if (state == null) {
            throw new IllegalArgumentException("state must not be null");
        }
        TreeMap<Long, Double> copy = new TreeMap<>();
        if (values != null) {
            for (Map.Entry<Long, Double> e : values.entrySet()) {
                if (e.getKey() == null || e.getKey() < 0) {
                    throw new IllegalArgumentException("step must be a non-negative integer, got " + e.getKey()
                            + " (trial " + seq + ")");
                }
                copy.put(e.getKey(), e.getValue() == null ? Double.NaN : e.getValue());
            }
        }
        values = Collections.unmodifiableNavigableMap(copy);
    }

    /** A running trial with the given values. */
    public static LearningCurve running(int seq, Map<Long, Double> values) {
        return new LearningCurve(seq, TrialState.PENDING, new TreeMap<>(values));
    }

    /** This curve with one more report; a step already reported is ignored (first value kept). */
    public LearningCurve with(long step, double value) {
        if (values.containsKey(step)) {
            return this;
        }
        TreeMap<Long, Double> next = new TreeMap<>(values);
        next.put(step, value);
        return new LearningCurve(seq, state, next);
    }

    /** This curve in another state. */
    public LearningCurve in(TrialState newState) {
        return new LearningCurve(seq, newState, values);
    }

    /** The largest reported step (Optuna's {@code last_step}), or null when nothing was reported. */
    public Long lastStep() {
        return values.isEmpty() ? null : values.lastKey();
    }

    /** The value at {@link #lastStep()}, or null when nothing was reported. */
    public Double lastValue() {
        return values.isEmpty() ? null : values.lastEntry().getValue();
    }
}
