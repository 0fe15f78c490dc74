package io.parzen.task.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WarmStartRuleTest {

    private static TaskSpec spec(String type, String engine, TargetSpec target, List<TargetSpec> targets, List<String> from) {
        return new TaskSpec("t", type, engine, "python3 train.py {parameters}", null,
                List.of(ParameterSpec.of("lr", "uniform", 0.0, 1.0, null, null)), null, 10, 2, null, target, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, from, targets, null);
    }

    private static TaskSpec bayesian(List<String> from) {
        return spec("bayesian_tpe", "optuna", new TargetSpec("loss", null, "minimize"), null, from);
    }

    private static List<FieldError> check(TaskSpec s) {
        List<FieldError> errors = new ArrayList<>();
        WarmStartRule.check(s, errors);
        return errors;
    }

    @Test
    void oneToTenDistinctIdsOfABayesianTaskWithOneTargetAndAModel() {
        assertThat(check(bayesian(List.of("a", "b")))).isEmpty();
        assertThat(check(bayesian(null))).isEmpty();
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "t" + i).toList();
        assertThat(check(bayesian(eleven))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("warmStartFrom");
            assertThat(e.message()).contains("1 to 10");
        });
        assertThat(check(bayesian(List.of()))).extracting(FieldError::field).containsExactly("warmStartFrom");
        List<FieldError> errors = check(bayesian(Arrays.asList("a", " ", "a")));
        assertThat(errors).extracting(FieldError::field).containsExactly("warmStartFrom[1]", "warmStartFrom[2]");
        assertThat(errors.get(1).value()).isEqualTo("a");
        assertThat(errors.get(1).message()).contains("twice");
    }

    @Test
    void otherTaskTypesSeveralTargetsAndModelFreeEnginesAreRefusedSayingWhatIsAllowed() {
        assertThat(check(spec("grid_search", null, null, null, List.of("a")))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("bayesian_tpe").contains("grid_search"));
        assertThat(check(spec("bayesian_tpe", "motpe", null,
                List.of(new TargetSpec("a", null, "minimize"), new TargetSpec("b", null, "maximize")), List.of("a"))))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("several objectives"));
        assertThat(check(spec("bayesian_tpe", "random", new TargetSpec("loss", null, "minimize"), null, List.of("a"))))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("model-based").contains("random"));
    }

    @Test
    void sourcesMustExistBeReadableNotBeTheTaskItselfAndShareTheTarget() {
        TaskSpec s = bayesian(List.of("mine", "missing", "secret", "self", "other-metric", "other-direction"));
        Map<String, WarmStartRule.Source> stored = Map.of(
                "mine", new WarmStartRule.Source("p1", bayesian(null)),
                "secret", new WarmStartRule.Source("p2", bayesian(null)),
                "other-metric", new WarmStartRule.Source("p1",
                        spec("bayesian_tpe", "optuna", new TargetSpec("acc", null, "minimize"), null, null)),
                "other-direction", new WarmStartRule.Source("p1",
                        spec("bayesian_tpe", "optuna", new TargetSpec("loss", null, "maximize"), null, null)));
        List<FieldError> errors = WarmStartRule.checkSources("self", s, stored::get, "p1"::equals, new ArrayList<>());
        assertThat(errors).extracting(FieldError::field).containsExactly("warmStartFrom[1]", "warmStartFrom[2]",
                "warmStartFrom[3]", "warmStartFrom[4]", "warmStartFrom[5]");
        assertThat(errors.get(0).message()).as("missing and unreadable read the same").isEqualTo(errors.get(1).message())
                .isEqualTo(WarmStartRule.NOT_READABLE);
        assertThat(errors.get(1).value()).isEqualTo("secret");
        assertThat(errors.get(2).message()).contains("own id");
        assertThat(errors.get(3).message()).contains("'acc'").contains("'loss'").contains("same target");
        assertThat(errors.get(4).message()).contains("maximize").contains("minimize");
    }

    @Test
    void constraintsAndWarmStartTogetherAreRefusedSayingWhy() {
        TaskSpec constrained = new TaskSpec("t", "bayesian_tpe", "optuna", "python3 train.py {parameters}", null,
                List.of(ParameterSpec.of("lr", "uniform", 0.0, 1.0, null, null)), null, 10, 2, null,
                new TargetSpec("loss", null, "minimize"), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, List.of("a"), null, null, List.of("memory_mb <= 2000"));
        assertThat(check(constrained)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("warmStartFrom");
            assertThat(e.message()).contains("constraints").contains("leave out");
        });
    }
}
