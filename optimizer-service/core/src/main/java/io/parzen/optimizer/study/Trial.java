package io.parzen.optimizer.study;

import java.util.Map;

/**
 * One issued point of a study.
 *
 * @param seq 1-based order of issue
 * @param point user values by parameter name (normalized, see {@link io.parzen.optimizer.space.Parameter})
 * @param state pending, complete or failed
 * @param loss the objective to MINIMIZE when complete (the service maps target value / direction to it), else null
 */
public record Trial(int seq, Map<String, Object> point, TrialState state, Double loss) {

    public static Trial pending(int seq, Map<String, Object> point) {
        return new Trial(seq, point, TrialState.PENDING, null);
    }

    public Trial complete(double value) {
        return new Trial(seq, point, TrialState.COMPLETE, value);
    }

    public Trial failed() {
        return new Trial(seq, point, TrialState.FAILED, null);
    }
}
