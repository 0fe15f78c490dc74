package io.parzen.task.tasks;

import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.TaskDefaults;
import io.parzen.events.vocabulary.TaskType;
import java.util.List;

/**
 * How a task actually searches, as the task view tells users: a {@code bayesian_tpe} task whose
 * maximum execution count does not exceed its random startup never reaches the model, so it is a
 * random search ("If you create fewer than 20 executions, the Task will use Random Search instead of
 * Bayesian Optimization", Valohai). Model-free engines ({@code random}, {@code sobol}) are random
 * search too. Other types search the way their type says.
 *
 * @param mode {@code bayesian}, {@code random}, {@code grid} or {@code manual}
 * @param reason why, in words
 */
public record SearchMode(String mode, String reason) {

    public static final String BAYESIAN = "bayesian";
    public static final String RANDOM = "random";
    public static final String GRID = "grid";
    public static final String MANUAL = "manual";
    /** The population of the {@code nsga2} engine (Optuna's {@code population_size}): its random first generation. */
    static final int NSGA2_POPULATION = 50;

    /**
     * The search mode of a normalized spec whose model starts from {@code priorObservations} results of earlier
     * tasks (warm start, docs/decisions/0034): the random start-up shrinks to {@code max(0, randomStartup - priors)}.
     */
    public static SearchMode of(TaskSpec spec, int priorObservations) {
        String engine = spec.engine() == null ? TaskDefaults.ENGINE : spec.engine();
        if (priorObservations <= 0 || !TaskType.BAYESIAN_TPE.is(spec.type())
                || List.of("random", "sobol", "nsga2").contains(engine)) {
            return of(spec);
        }
        int startup = spec.randomStartup() == null ? TaskDefaults.RANDOM_STARTUP : spec.randomStartup();
        int left = Math.max(0, startup - priorObservations);
        int max = spec.maxExecutions();
        String warm = priorObservations + " prior observation" + (priorObservations == 1 ? "" : "s")
                + " of earlier tasks shrink randomStartup " + startup + " to " + left;
        if (max <= left) {
            return new SearchMode(RANDOM, warm + ", still ≥ maxExecutions " + max + ": random search");
        }
        return new SearchMode(BAYESIAN, warm + ": " + (left == 0 ? "every execution is"
                : "the first " + left + " executions are random, the other " + (max - left) + " are") + " guided by "
                + engine);
    }

    /** The search mode of a normalized spec. */
    public static SearchMode of(TaskSpec spec) {
        String type = spec.type();
        if (TaskType.GRID_SEARCH.is(type)) {
            return new SearchMode(GRID, "grid_search runs every combination of the parameter values");
        }
        if (TaskType.MANUAL_SEARCH.is(type)) {
            return new SearchMode(MANUAL, "manual_search runs one execution per parameter set");
        }
        if (!TaskType.BAYESIAN_TPE.is(type)) {
            return new SearchMode(RANDOM, "random_search draws every execution's parameters at random");
        }
        String engine = spec.engine() == null ? TaskDefaults.ENGINE : spec.engine();
        if ("random".equals(engine) || "sobol".equals(engine)) {
            return new SearchMode(RANDOM, "engine " + engine + " is model-free: every execution's parameters are "
                    + ("sobol".equals(engine) ? "quasi-random (Sobol sequence)" : "random"));
        }
        int max = spec.maxExecutions();
        if ("nsga2".equals(engine)) { // its random start is its first generation, whatever randomStartup says
            return max <= NSGA2_POPULATION
                    ? new SearchMode(RANDOM, "maxExecutions " + max + " \u2264 " + NSGA2_POPULATION + ": nsga2's first"
                            + " generation (its population) is random, and no execution is bred")
                    : new SearchMode(BAYESIAN, "maxExecutions " + max + " > " + NSGA2_POPULATION + ": the first "
                            + NSGA2_POPULATION + " executions (nsga2's first generation) are random, the other "
                            + (max - NSGA2_POPULATION) + " are bred from the best of them");
        }
        int startup = spec.randomStartup() == null ? TaskDefaults.RANDOM_STARTUP : spec.randomStartup();
        if (max <= startup) {
            return new SearchMode(RANDOM, "maxExecutions " + max + " \u2264 randomStartup " + startup
                    + ": Valohai runs random search for fewer executions than the random startup");
        }
        if (startup == 0) {
            return new SearchMode(BAYESIAN, "randomStartup 0: " + engine
                    + " guides every execution once results exist");
        }
        return new SearchMode(BAYESIAN, "maxExecutions " + max + " > randomStartup " + startup + ": the first "
                + startup + " executions are random, the other " + (max - startup) + " are guided by " + engine);
    }
}
