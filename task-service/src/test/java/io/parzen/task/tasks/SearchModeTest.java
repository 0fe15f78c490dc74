package io.parzen.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.task.validation.TaskSpecNormalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchModeTest {

    static TaskSpec spec(String type, String engine, int max, Integer randomStartup) {
        return TaskSpecNormalizer.normalize(new TaskSpec("t", type, engine, "run", null,
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null)), null, max, 0, randomStartup,
                new TargetSpec("acc", 1.0, null), null, null, null, null, null, null));
    }

    @Test
    void bayesianWithNoMoreExecutionsThanTheRandomStartupIsRandomSearch() {
        SearchMode twelve = SearchMode.of(spec("bayesian_tpe", null, 12, null));
        assertThat(twelve.mode()).isEqualTo("random");
        assertThat(twelve.reason()).isEqualTo("maxExecutions 12 \u2264 randomStartup 20: Valohai runs random search"
                + " for fewer executions than the random startup");
        assertThat(SearchMode.of(spec("bayesian_tpe", null, 20, null)).mode()).isEqualTo("random");
        assertThat(SearchMode.of(spec("bayesian_tpe", "hyperopt", 10, 10)).mode()).isEqualTo("random");
    }

    /** Warm start (docs/decisions/0034): prior observations shrink the random start-up. */
    @Test
    void priorObservationsShrinkTheRandomStartup() {
        SearchMode warm = SearchMode.of(spec("bayesian_tpe", null, 20, null), 30);
        assertThat(warm.mode()).isEqualTo("bayesian");
        assertThat(warm.reason()).contains("30 prior observations").contains("randomStartup 20 to 0")
                .contains("every execution is guided by optuna");
        SearchMode some = SearchMode.of(spec("bayesian_tpe", "gp", 12, null), 5);
        assertThat(some.mode()).isEqualTo("random");
        assertThat(some.reason()).contains("to 15");
        assertThat(SearchMode.of(spec("bayesian_tpe", null, 20, null), 8).reason())
                .contains("first 12 executions are random, the other 8");
        assertThat(SearchMode.of(spec("bayesian_tpe", null, 12, null), 0)).isEqualTo(SearchMode.of(spec("bayesian_tpe", null, 12, null)));
        assertThat(SearchMode.of(spec("bayesian_tpe", "random", 50, null), 30).mode()).isEqualTo("random");
    }

    @Test
    void bayesianAboveTheRandomStartupIsBayesian() {
        SearchMode fifty = SearchMode.of(spec("bayesian_tpe", null, 50, null));
        assertThat(fifty.mode()).isEqualTo("bayesian");
        assertThat(fifty.reason()).contains("first 20 executions are random").contains("other 30")
                .contains("optuna");
        assertThat(SearchMode.of(spec("bayesian_tpe", "gp", 21, null)).mode()).isEqualTo("bayesian");
        assertThat(SearchMode.of(spec("bayesian_tpe", null, 12, 5)).reason()).contains("randomStartup 5");
        assertThat(SearchMode.of(spec("bayesian_tpe", null, 3, 0)).mode()).isEqualTo("bayesian");
    }

    @Test
    void nsga2IsRandomForItsFirstGeneration() {
        SearchMode fifty = SearchMode.of(spec("bayesian_tpe", "nsga2", 50, 5));
        assertThat(fifty.mode()).isEqualTo("random");
        assertThat(fifty.reason()).contains("first generation");
        SearchMode more = SearchMode.of(spec("bayesian_tpe", "nsga2", 80, null));
        assertThat(more.mode()).isEqualTo("bayesian");
        assertThat(more.reason()).contains("first 50 executions").contains("other 30");
    }

    @Test
    void modelFreeEnginesAndOtherTypes() {
        assertThat(SearchMode.of(spec("bayesian_tpe", "random", 50, null)).mode()).isEqualTo("random");
        assertThat(SearchMode.of(spec("bayesian_tpe", "sobol", 50, null)).reason()).contains("Sobol");
        assertThat(SearchMode.of(spec("random_search", null, 50, null)).mode()).isEqualTo("random");
        assertThat(SearchMode.of(spec("RANDOM-SEARCH", null, 50, null)).mode()).isEqualTo("random");
        TaskSpec grid = TaskSpecNormalizer.normalize(new TaskSpec("g", "grid-search", null, "run", null,
                List.of(new ParameterSpec("a", null, null, null, null, null, "multiple",
                        Map.of("items", List.of(1, 2)), null)), null, 0, 0, null, null, null, null, null, null,
                null, null));
        assertThat(SearchMode.of(grid).mode()).isEqualTo("grid");
        TaskSpec manual = TaskSpecNormalizer.normalize(new TaskSpec("m", "manual_search", null, "run", null, null,
                List.of(Map.of("a", 1)), 0, 0, null, null, null, null, null, null, null, null));
        assertThat(SearchMode.of(manual).mode()).isEqualTo("manual");
    }
}
