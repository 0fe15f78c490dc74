package io.parzen.task.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of specs as blueprints produce them (no JSON involved). */
class TaskSpecValidatorTest {

    static TaskSpec spec(String type, List<ParameterSpec> params, int max, int batch, TargetSpec target, String stop) {
        return new TaskSpec("t", type, null, "python3 train.py {parameters}", null, params, null, max, batch, null,
                target, stop, null, null, null, null, null);
    }

    static List<String> fields(TaskSpec spec) {
        return TaskSpecValidator.validate(TaskSpecNormalizer.normalize(spec)).stream().map(FieldError::field).toList();
    }

    @Test
    void aValidBayesianSpecPasses() {
        TaskSpec s = spec("Bayesian-TPE", List.of(
                ParameterSpec.of("lr", "loguniform", -5.0, -1.0, null, null),
                ParameterSpec.of("bs", "integer", 16.0, 128.0, 16.0, null),
                ParameterSpec.of("act", "categorical", null, null, null, List.of("relu", "tanh"))),
                30, 0, new TargetSpec("loss", null, "minimize"), "loss < 0.01 and epoch > 3");
        assertThat(fields(s)).isEmpty();
        TaskSpec n = TaskSpecNormalizer.normalize(s);
        assertThat(n.type()).isEqualTo("bayesian_tpe");
        assertThat(n.engine()).isEqualTo("optuna");
        assertThat(n.batchSize()).isEqualTo(5);
        assertThat(n.onChildError()).isEqualTo("continue-and-error");
    }

    @Test
    void reportsEachProblemWithItsPath() {
        TaskSpec s = spec("random_search", List.of(
                ParameterSpec.of("a", "integer", 1.5, 10.0, 20.0, null),
                ParameterSpec.of("a", "categorical", null, null, null, List.of(1, 1.0))),
                5, 2, new TargetSpec(" ", 1.0, null), "acc >");
        assertThat(fields(s)).containsExactlyInAnyOrder("parameters[0].min", "parameters[0].qStep",
                "parameters[1].name", "parameters[1].values[1]", "target.metric", "earlyStopping");
        FieldError stop = TaskSpecValidator.validate(TaskSpecNormalizer.normalize(s)).stream()
                .filter(e -> e.field().equals("earlyStopping")).findFirst().orElseThrow();
        assertThat(stop.message()).contains("position");
    }

    private static TaskSpec withContractFields(Integer maxRetries, List<String> retryOn, Map<String, Object> pruner,
            List<String> warmStartFrom) {
        TaskSpec base = spec("random_search", List.of(ParameterSpec.of("lr", "uniform", 0.0, 1.0, null, null)), 4, 2,
                new TargetSpec("loss", null, "minimize"), null);
        return new TaskSpec(base.name(), base.type(), base.engine(), base.command(), base.workingDirectory(),
                base.parameters(), base.parameterSets(), base.maxExecutions(), base.batchSize(), base.randomStartup(),
                base.target(), base.earlyStopping(), base.seed(), base.batching(), base.onChildError(),
                base.maximumQueuedExecutions(), base.timeLimitSeconds(), null, null, null, null, "local", null,
                maxRetries, retryOn, pruner, warmStartFrom);
    }

    @Test
    void everyFieldOfTheContractIsCarriedOutAndAWarmStartNeedsABayesianTask() {
        assertThat(fields(withContractFields(null, null, null, null))).isEmpty();
        TaskSpec all = withContractFields(3, List.of("error"), Map.of("type", "median"), List.of("earlier-task"));
        assertThat(fields(all)).as("maxRetries, retryOn, pruner and warmStartFrom are carried out; this is random search")
                .containsExactlyInAnyOrder("warmStartFrom");
        assertThat(TaskSpecValidator.validate(TaskSpecNormalizer.normalize(all)))
                .allSatisfy(e -> assertThat(e.message()).contains("bayesian_tpe").contains("random_search"));
    }

    @Test
    void maxRetriesAndRetryOnAreCheckedAndErrorsNameFieldValueAndWhatIsAllowed() {
        assertThat(fields(withContractFields(0, List.of(), null, null))).isEmpty();
        assertThat(fields(withContractFields(RetryRule.MAX_RETRIES, List.of("error", "crashed", "stopped"), null,
                null))).isEmpty();

        List<FieldError> tooMany = TaskSpecValidator.validate(TaskSpecNormalizer.normalize(
                withContractFields(RetryRule.MAX_RETRIES + 1, null, null, null)));
        assertThat(tooMany).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("maxRetries");
            assertThat(e.value()).isEqualTo(RetryRule.MAX_RETRIES + 1);
            assertThat(e.message()).contains("0 to " + RetryRule.MAX_RETRIES);
        });
        assertThat(fields(withContractFields(-1, null, null, null))).containsExactly("maxRetries");

        java.util.ArrayList<String> withNull = new java.util.ArrayList<>(List.of("error"));
        withNull.add(null);
        List<FieldError> bad = TaskSpecValidator.validate(TaskSpecNormalizer.normalize(
                withContractFields(null, List.of("complete", "error", "error"), null, null)));
        assertThat(bad).extracting(FieldError::field).containsExactly("retryOn[0]", "retryOn[2]");
        assertThat(bad.get(0).value()).isEqualTo("complete");
        assertThat(bad.get(0).message()).contains("[error, crashed, stopped]");
        assertThat(bad.get(1).message()).contains("twice");
        assertThat(fields(withContractFields(null, withNull, null, null))).containsExactly("retryOn[1]");
        assertThat(fields(withContractFields(null, List.of("error", "error", "error", "error"), null, null)))
                .containsExactly("retryOn");
    }

    @Test
    void gridSizeGivesTheExecutionCount() {
        TaskSpec s = spec(null, List.of(
                new ParameterSpec("a", null, null, null, null, null, "linear", Map.of("start", 0.8, "end", 0.9, "step", 0.01), null),
                new ParameterSpec("b", null, null, null, null, null, "logspace", Map.of("start", 2, "end", 8, "count", 4, "base", 2), null),
                new ParameterSpec("c", null, null, null, null, null, "", Map.of("value", 3), null)),
                0, 0, null, null);
        TaskSpec n = TaskSpecNormalizer.normalize(s);
        assertThat(n.type()).isEqualTo("grid_search");
        assertThat(n.maxExecutions()).isEqualTo(44);
        assertThat(n.parameters().get(2).style()).isEqualTo("single");
        assertThat(fields(s)).isEmpty();
    }
}
