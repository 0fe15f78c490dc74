package io.parzen.task.validation;

import java.util.List;

/** The words a task specification may use, in the order they are listed in error messages. */
public final class Vocabulary {

    public static final String GRID_SEARCH = "grid_search";
    public static final String RANDOM_SEARCH = "random_search";
    public static final String BAYESIAN_TPE = "bayesian_tpe";
    public static final String MANUAL_SEARCH = "manual_search";
    public static final List<String> TYPES = List.of(GRID_SEARCH, RANDOM_SEARCH, BAYESIAN_TPE, MANUAL_SEARCH);

    public static final String DEFAULT_ENGINE = "optuna";

    /**
     * Random executions before the model of a Bayesian task takes over when the task does not say
     * (Valohai's 20; optimizer-service's {@code Engines.DEFAULT_RANDOM_STARTUP} is the same number).
     */
    public static final int DEFAULT_RANDOM_STARTUP = 20;
    public static final List<String> ENGINES = List.of("optuna", "hyperopt", "gp", "auto", "random", "sobol");

    public static final List<String> DISTRIBUTIONS = List.of("uniform", "loguniform", "integer", "categorical");
    public static final List<String> STYLES = List.of("single", "multiple", "linear", "logspace", "random");
    public static final List<String> DIRECTIONS = List.of("maximize", "minimize");
    public static final List<String> BATCHING = List.of("synchronous", "asynchronous");

    public static final String CONTINUE_AND_COMPLETE = "continue-and-complete";
    public static final String CONTINUE_AND_ERROR = "continue-and-error";
    public static final String STOP_ALL_AND_ERROR = "stop-all-and-error";
    public static final List<String> ON_CHILD_ERROR = List.of(CONTINUE_AND_COMPLETE, CONTINUE_AND_ERROR,
            STOP_ALL_AND_ERROR);

    private Vocabulary() {
    }
}
