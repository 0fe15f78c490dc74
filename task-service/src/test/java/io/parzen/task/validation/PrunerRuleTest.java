package io.parzen.task.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code pruner} field (docs/decisions/0031): types, Optuna's parameters, defaults and bounds. */
class PrunerRuleTest {

    private static TaskSpec spec(Map<String, Object> pruner, TargetSpec target) {
        return new TaskSpec("t", "bayesian_tpe", null, "python3 train.py {parameters}", null,
                List.of(ParameterSpec.of("lr", "uniform", 0.0, 1.0, null, null)), null, 10, 2, null, target, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, pruner, null);
    }

    private static TaskSpec spec(Map<String, Object> pruner) {
        return spec(pruner, new TargetSpec("val_accuracy", null, "maximize"));
    }

    private static List<FieldError> errors(Map<String, Object> pruner) {
        return TaskSpecValidator.validate(TaskSpecNormalizer.normalize(spec(pruner)));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void everyTypeWithOptunasDefaultsIsAcceptedAndTheDefaultsAreFilledIn() {
        for (String type : PrunerRule.TYPES) {
            Map<String, Object> p = type.equals("percentile") ? map("type", type, "percentile", 25) : map("type", type);
            assertThat(errors(p)).as(type).isEmpty();
        }
        assertThat(TaskSpecNormalizer.normalize(spec(map("type", "Median", "nWarmupSteps", 10))).pruner())
                .containsExactly(Map.entry("type", "median"), Map.entry("stepKey", "epoch"),
                        Map.entry("nStartupTrials", 5), Map.entry("nWarmupSteps", 10), Map.entry("intervalSteps", 1),
                        Map.entry("nMinTrials", 1));
        assertThat(TaskSpecNormalizer.normalize(spec(map("type", "successive_halving", "stepKey", "step"))).pruner())
                .containsEntry("stepKey", "step").containsEntry("minResource", "auto")
                .containsEntry("reductionFactor", 4).containsEntry("minEarlyStoppingRate", 0)
                .containsEntry("bootstrapCount", 0);
        assertThat(TaskSpecNormalizer.normalize(spec(map("type", "hyperband"))).pruner())
                .containsEntry("minResource", 1).containsEntry("maxResource", "auto")
                .containsEntry("reductionFactor", 3);
        assertThat(TaskSpecNormalizer.normalize(spec(map("type", "none"))).pruner()).containsOnlyKeys("type");
    }

    @Test
    void anUnknownTypeOrParameterIsNamedWithWhatIsAllowed() {
        List<FieldError> type = errors(map("type", "wilcoxon"));
        assertThat(type).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("pruner.type");
            assertThat(e.value()).isEqualTo("wilcoxon");
            assertThat(e.message()).contains("median", "successive_halving", "hyperband");
        });
        assertThat(errors(map("stepKey", "epoch"))).extracting(FieldError::field).containsExactly("pruner.type");
        List<FieldError> param = errors(map("type", "median", "reductionFactor", 3));
        assertThat(param).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("pruner.reductionFactor");
            assertThat(e.message()).contains("nWarmupSteps", "median");
        });
    }

    @Test
    void valuesOutOfOptunasBoundsAreRefused() {
        assertThat(errors(map("type", "median", "nStartupTrials", -1, "nWarmupSteps", 1.5, "intervalSteps", 0,
                "nMinTrials", 0))).extracting(FieldError::field).containsExactlyInAnyOrder("pruner.nStartupTrials",
                "pruner.nWarmupSteps", "pruner.intervalSteps", "pruner.nMinTrials");
        assertThat(errors(map("type", "percentile"))).extracting(FieldError::field).containsExactly("pruner.percentile");
        assertThat(errors(map("type", "percentile", "percentile", 101))).extracting(FieldError::field)
                .containsExactly("pruner.percentile");
        assertThat(errors(map("type", "successive_halving", "minResource", 0, "reductionFactor", 1)))
                .extracting(FieldError::field).containsExactlyInAnyOrder("pruner.minResource", "pruner.reductionFactor");
        assertThat(errors(map("type", "successive_halving", "bootstrapCount", 2))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("auto"));
        assertThat(errors(map("type", "successive_halving", "minResource", 5, "bootstrapCount", 2))).isEmpty();
        assertThat(errors(map("type", "hyperband", "minResource", 10, "maxResource", 5))).singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("pruner.maxResource");
                    assertThat(e.message()).contains(">= 10");
                });
        assertThat(errors(map("type", "median", "stepKey", " "))).extracting(FieldError::field)
                .containsExactly("pruner.stepKey");
        assertThat(errors(map("type", "median", "stepKey", "k".repeat(PrunerRule.MAX_STEP_KEY + 1))))
                .extracting(FieldError::field).containsExactly("pruner.stepKey");
        Map<String, Object> many = map("type", "median");
        for (int i = 0; i < PrunerRule.MAX_KEYS; i++) {
            many.put("k" + i, i);
        }
        assertThat(errors(many)).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("pruner"));
    }

    @Test
    void aPrunerNeedsATargetMetric() {
        assertThat(TaskSpecValidator.validate(TaskSpecNormalizer.normalize(spec(map("type", "median"), null))))
                .extracting(FieldError::field).contains("pruner");
        assertThat(TaskSpecValidator.validate(TaskSpecNormalizer.normalize(spec(map("type", "none"), null))))
                .extracting(FieldError::field).doesNotContain("pruner");
    }
}
