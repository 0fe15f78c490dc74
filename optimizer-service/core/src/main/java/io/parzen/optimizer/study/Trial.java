package io.parzen.optimizer.study;

import java.util.Map;

/**
 * One issued point of a study.
 *
 * @param seq 1-based order of issue
 * @param point user values by parameter name (normalized, see {@link io.parzen.optimizer.space.Parameter})
 * @param state pending, complete, failed or pruned
 * @param loss the objective to MINIMIZE when complete (the service maps target value / direction to it);
 *     for a pruned trial the loss of its last reported intermediate value (null when none was reported);
 *     else null
 * @param lastStep for a pruned trial the step of its last reported intermediate value (null when none
 *     was reported); else null
 * @param losses of a complete trial of a multi-objective task, one loss to MINIMIZE per objective in
 *     the task's order (the service negates maximised metrics); null for single-objective trials and for
 *     any trial that is not complete. A multi-objective trial has {@code loss == null}, so a
 *     single-objective engine never mistakes one objective for the whole result.
 * @param constraints of a complete trial of a task with constraints (ADR 0033): one value per constraint, at
 *     most 0 when it holds (Optuna's {@code constraints_func} values: the violation), {@code +Infinity} when it
 *     could not be evaluated (a missing metadata key); null for a task without constraints and for trials that
 *     are not complete. Read by optuna, motpe, gp and nsga2; the other engines ignore it.
 */
public record Trial(int seq, Map<String, Object> point, TrialState state, Double loss, Long lastStep, double[] losses,
        double[] constraints) {

    /** A trial without constraint values (the signature before constraints). */
    public Trial(int seq, Map<String, Object> point, TrialState state, Double loss, Long lastStep, double[] losses) {
        this(seq, point, state, loss, lastStep, losses, null);
    }

    /** A single-objective trial (no loss vector). */
    public Trial(int seq, Map<String, Object> point, TrialState state, Double loss, Long lastStep) {
        this(seq, point, state, loss, lastStep, null);
    }

    /** A trial without a last step (any state but pruned). */
    public Trial(int seq, Map<String, Object> point, TrialState state, Double loss) {
        this(seq, point, state, loss, null);
    }

    public static Trial pending(int seq, Map<String, Object> point) {
        return new Trial(seq, point, TrialState.PENDING, null);
    }

    public Trial complete(double value) {
        return new Trial(seq, point, TrialState.COMPLETE, value);
    }

    /** This trial complete with one loss per objective (multi-objective tasks); the array is copied. */
    public Trial complete(double[] objectiveLosses) {
        return new Trial(seq, point, TrialState.COMPLETE, null, null, objectiveLosses.clone());
    }

    /** True for a complete multi-objective trial whose every loss is a number. */
    public boolean hasLosses() {
        if (state != TrialState.COMPLETE || losses == null) {
            return false;
        }
        for (double v : losses) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    /** This trial with the given constraint values (copied; null = none). */
    public Trial withConstraints(double[] values) {
        return new Trial(seq, point, state, loss, lastStep, losses, values == null ? null : values.clone());
    }

    /** Whether the trial has constraint values. */
    public boolean constrained() {
        return constraints != null && constraints.length > 0;
    }

    /**
     * Optuna's {@code _get_infeasible_trial_score}: the sum of the positive constraint values (0 = feasible;
     * {@code +Infinity} when one could not be evaluated); 0 for a trial without constraint values.
     */
    public double violation() {
        if (!constrained()) {
            return 0;
        }
        double sum = 0;
        for (double c : constraints) {
            if (Double.isNaN(c)) {
                return Double.POSITIVE_INFINITY;
            }
            if (c > 0) {
                sum += c;
            }
        }
        return sum;
    }

    /** Whether every constraint holds (true without constraint values). */
    public boolean feasible() {
        return violation() <= 0;
    }

    public Trial failed() {
        return new Trial(seq, point, TrialState.FAILED, null);
    }

    /**
     * This trial stopped by a pruner after reporting {@code lastLoss} (already mapped to a loss to
     * minimise; NaN allowed) at {@code lastStep}; both null when it reported nothing.
     */
    public Trial pruned(Long lastStep, Double lastLoss) {
        return new Trial(seq, point, TrialState.PRUNED, lastLoss, lastStep);
    }
}
