package io.parzen.task.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.task.validation.FieldError;
import io.parzen.task.validation.TaskSpecNormalizer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every limit and every non-finite number, on specs (no HTTP). */
class SpecLimitsTest {

    static final ParameterSpec LR = ParameterSpec.of("lr", "uniform", 0.0, 1.0, null, null);

    static TaskSpec spec(String name, String command, String dir, List<ParameterSpec> params,
            List<Map<String, Object>> sets, int max, int batch, TargetSpec target, String stop) {
        return new TaskSpec(name, sets == null ? "random_search" : "manual_search", null, command, dir, params, sets,
                max, batch, null, target, stop, null, null, null, null, null);
    }

    static TaskSpec valid() {
        return spec("t", "python3 train.py {parameters}", "examples/mlp", List.of(LR), null, 10, 2,
                new TargetSpec("loss", 0.5, null), "loss < 0.1");
    }

    static List<FieldError> limits(TaskSpec s) {
        return new SpecLimits(new DefaultLimits()).check(TaskSpecNormalizer.normalize(s));
    }

    static FieldError only(List<FieldError> errors) {
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void aValidSpecIsWithinEveryLimitAndFinite() {
        assertThat(limits(valid())).isEmpty();
        assertThat(FiniteNumbers.check(valid())).isEmpty();
    }

    @Test
    void lengthsAtTheLimitPassAndOneMoreIsNamed() {
        assertThat(limits(spec("n".repeat(200), "c", null, List.of(LR), null, 1, 1, null, null))).isEmpty();
        FieldError e = only(limits(spec("n".repeat(201), "c", null, List.of(LR), null, 1, 1, null, null)));
        assertThat(e.field()).isEqualTo("name");
        assertThat(e.message()).contains("201 characters, at most 200", "parzen.task.limits.name-length");
        assertThat((String) e.value()).startsWith("nnnn").contains("(201 characters)").hasSizeLessThan(120);

        e = only(limits(spec("t", "c".repeat(4097), null, List.of(LR), null, 1, 1, null, null)));
        assertThat(e.field()).isEqualTo("command");
        assertThat(e.message()).contains("at most 4096", "parzen.task.limits.command-length");

        e = only(limits(spec("t", "c", "d".repeat(1025), List.of(LR), null, 1, 1, null, null)));
        assertThat(e.field()).isEqualTo("workingDirectory");
        assertThat(e.message()).contains("at most 1024", "parzen.task.limits.working-directory-length");

        e = only(limits(spec("t", "c", null, List.of(ParameterSpec.of("p".repeat(201), "uniform", 0.0, 1.0, null,
                null)), null, 1, 1, null, null)));
        assertThat(e.field()).isEqualTo("parameters[0].name");
        assertThat(e.message()).contains("parzen.task.limits.name-length");

        e = only(limits(spec("t", "c", null, List.of(LR), null, 1, 1, new TargetSpec("m".repeat(201), 1.0, null),
                null)));
        assertThat(e.field()).isEqualTo("target.metric");
    }

    @Test
    void countsAreLimited() {
        List<ParameterSpec> many = IntStream.range(0, 101)
                .mapToObj(i -> ParameterSpec.of("p" + i, "uniform", 0.0, 1.0, null, null)).toList();
        FieldError e = only(limits(spec("t", "c", null, many, null, 1, 1, null, null)));
        assertThat(e.field()).isEqualTo("parameters");
        assertThat(e.message()).contains("101, at most 100", "parzen.task.limits.parameters");
        assertThat(limits(spec("t", "c", null, many.subList(0, 100), null, 1, 1, null, null))).isEmpty();

        List<Object> values = new ArrayList<>(IntStream.range(0, 1001).boxed().toList());
        e = only(limits(spec("t", "c", null, List.of(ParameterSpec.of("a", "categorical", null, null, null, values)),
                null, 1, 1, null, null)));
        assertThat(e.field()).isEqualTo("parameters[0].values");
        assertThat(e.message()).contains("parzen.task.limits.values");

        ParameterSpec grid = new ParameterSpec("a", null, null, null, null, null, "multiple",
                Map.of("items", values), null);
        e = only(limits(spec("t", "c", null, List.of(grid), null, 1, 1, null, null)));
        assertThat(e.field()).isEqualTo("parameters[0].rules.items");

        List<Map<String, Object>> sets = Collections.nCopies(10_001, Map.of("lr", 0.1));
        e = only(limits(spec("t", "c", null, List.of(), sets, 10, 1, null, null)));
        assertThat(e.field()).isEqualTo("parameterSets");
        assertThat(e.message()).contains("10001, at most 10000", "parzen.task.limits.parameter-sets");
    }

    @Test
    void stringValuesAreLimited() {
        String longValue = "v".repeat(1025);
        FieldError e = only(limits(spec("t", "c", null, List.of(ParameterSpec.of("a", "categorical", null, null, null,
                List.of("ok", longValue))), null, 1, 1, null, null)));
        assertThat(e.field()).isEqualTo("parameters[0].values[1]");
        assertThat(e.message()).contains("parzen.task.limits.value-length");

        e = only(limits(spec("t", "c", null, List.of(), List.of(Map.of("a", longValue)), 1, 1, null, null)));
        assertThat(e.field()).isEqualTo("parameterSets[0].a");

        e = only(limits(spec("t", "c", null, List.of(), List.of(Map.of("k".repeat(201), 1)), 1, 1, null, null)));
        assertThat(e.field()).startsWith("parameterSets[0].kkk");
        assertThat(e.message()).contains("parameter name", "parzen.task.limits.name-length");
    }

    @Test
    void executionCountAndBatchSizeAreBounded() {
        FieldError e = only(limits(spec("t", "c", null, List.of(LR), null, 100_001, 1, null, null)));
        assertThat(e.field()).isEqualTo("maxExecutions");
        assertThat(e.value()).isEqualTo(100_001);
        assertThat(e.message()).contains("at most 100000", "parzen.task.limits.max-executions");
        assertThat(limits(spec("t", "c", null, List.of(LR), null, 100_000, 1000, null, null))).isEmpty();

        e = only(limits(spec("t", "c", null, List.of(LR), null, 5000, 1001, null, null)));
        assertThat(e.field()).isEqualTo("batchSize");
        assertThat(e.message()).contains("parzen.task.limits.batch-size");
        // a batch size above maxExecutions is capped first, as before
        assertThat(limits(spec("t", "c", null, List.of(LR), null, 10, 1_000_000, null, null))).isEmpty();
    }

    @Test
    void aHugeGridIsAnExecutionCountErrorNotACrash() {
        ParameterSpec huge = new ParameterSpec("a", null, null, null, null, null, "logspace",
                Map.of("start", 0, "end", 1, "count", 1e18), null);
        ParameterSpec tiny = new ParameterSpec("b", null, null, null, null, null, "linear",
                Map.of("start", 0, "end", 1, "step", Double.MIN_VALUE), null);
        TaskSpec s = new TaskSpec("t", "grid_search", null, "c", null, List.of(huge, huge, tiny), null, 0, 0, null,
                null, null, null, null, null, null, null);
        List<FieldError> errors = limits(s);
        assertThat(errors).extracting(FieldError::field).containsExactly("maxExecutions", "batchSize");
        assertThat(errors.get(0).message()).contains("grid size");
    }

    @Test
    void expressionsAreLimitedInLengthAndDepth() {
        FieldError e = only(limits(spec("t", "c", null, List.of(LR), null, 1, 1, null, "a > " + "1".repeat(997))));
        assertThat(e.field()).isEqualTo("earlyStopping");
        assertThat(e.message()).contains("1001 characters, at most 1000", "parzen.task.limits.expression-length");

        e = only(limits(spec("t", "c", null, List.of(LR), null, 1, 1, null, "(".repeat(65) + "a" + ")".repeat(65))));
        assertThat(e.message()).contains("nested too deeply", "64", "parzen.task.limits.expression-depth");
        e = only(limits(spec("t", "c", null, List.of(LR), null, 1, 1, null, "not ".repeat(200) + "a")));
        assertThat(e.message()).contains("nested too deeply");
        // a syntax error is the validator's to report, not a limit
        assertThat(limits(spec("t", "c", null, List.of(LR), null, 1, 1, null, "a >"))).isEmpty();
    }

    @Test
    void constraintsHaveTheSameExpressionLimits() {
        TaskSpec v = valid();
        TaskSpec s = new TaskSpec(v.name(), v.type(), v.engine(), v.command(), v.workingDirectory(), v.parameters(),
                v.parameterSets(), v.maxExecutions(), v.batchSize(), v.randomStartup(), v.target(), v.earlyStopping(),
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of("m <= 1", "(".repeat(65) + "m" + ")".repeat(65) + " <= 1"));
        FieldError e = only(limits(s));
        assertThat(e.field()).isEqualTo("constraints[1]");
        assertThat(e.message()).contains("nested too deeply", "parzen.task.limits.expression-depth");
    }

    @Test
    void everyNonFiniteNumberIsNamed() {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("items", List.of(1, Double.NaN));
        rules.put("start", Double.NEGATIVE_INFINITY);
        TaskSpec s = spec("t", "c", null, List.of(
                        ParameterSpec.of("a", "uniform", Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                                null),
                        ParameterSpec.of("b", "categorical", null, null, null, List.of("x", new BigInteger("1" + "0".repeat(400)))),
                        new ParameterSpec("c", null, null, null, null, null, "multiple", rules, null)),
                List.of(Map.of("a", Double.POSITIVE_INFINITY)), 1, 1, new TargetSpec("m", Double.NaN, null), null);
        List<FieldError> errors = FiniteNumbers.check(s);
        assertThat(errors).extracting(FieldError::field).containsExactly("parameters[0].min", "parameters[0].max",
                "parameters[0].qStep", "parameters[1].values[1]", "parameters[2].rules.items[1]",
                "parameters[2].rules.start", "parameterSets[0].a", "target.value");
        assertThat(errors).extracting(FieldError::value).contains("NaN", "Infinity", "-Infinity");
        assertThat(errors.get(0).message()).contains("finite", "1e400");
        assertThat((String) errors.get(3).value()).contains("(401 characters)");
    }

    @Test
    void largeButFiniteNumbersAreNotFlagged() {
        TaskSpec s = spec("t", "c", null, List.of(ParameterSpec.of("a", "uniform", -Double.MAX_VALUE,
                Double.MAX_VALUE, null, List.of())), null, 1, 1, new TargetSpec("m", 1e300, null), null);
        assertThat(FiniteNumbers.check(s)).isEmpty();
    }
}
