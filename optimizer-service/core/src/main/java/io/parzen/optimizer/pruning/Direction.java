package io.parzen.optimizer.pruning;

/** Whether the intermediate values of a study are to be minimised or maximised (Optuna's {@code StudyDirection}). */
public enum Direction {
    MINIMIZE,
    MAXIMIZE;

    /** True when {@code a} is strictly better than {@code b} in this direction. */
    boolean better(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }
}
