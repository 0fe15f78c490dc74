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
 */
public record Trial(int seq, Map<String, Object> point, TrialState state, Double loss, Long lastStep) {

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
