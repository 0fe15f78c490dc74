package io.parzen.task.validation;

import java.util.List;

/**
 * The words of a task specification that are task-service's own, in the order error messages list
 * them. The contract's words (task types, batching, on-child-error, directions, statuses, defaults)
 * are in {@code io.parzen.events.vocabulary}.
 */
public final class Vocabulary {

    /** Engines task-service accepts for a Bayesian task (the optimizer's names; the default is {@code TaskDefaults.ENGINE}). */
    public static final List<String> ENGINES = List.of("optuna", "hyperopt", "gp", "auto", "random", "sobol", "motpe", "nsga2");

    /** Engines of a task with several objectives ({@code targets}); the others optimize one. */
    public static final List<String> MULTI_OBJECTIVE_ENGINES = List.of("motpe", "nsga2", "auto", "random", "sobol");

    public static final List<String> DISTRIBUTIONS = List.of("uniform", "loguniform", "integer", "categorical");
    public static final List<String> STYLES = List.of("single", "multiple", "linear", "logspace", "random");

    private Vocabulary() {
    }
}
