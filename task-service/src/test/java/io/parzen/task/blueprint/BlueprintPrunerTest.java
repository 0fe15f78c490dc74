package io.parzen.task.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.TaskSpec;
import io.parzen.task.validation.FieldError;
import io.parzen.task.validation.TaskSpecNormalizer;
import io.parzen.task.validation.TaskSpecValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Parzen extension key {@code pruner} of a valohai.yaml task (docs/decisions/0031). */
class BlueprintPrunerTest {

    private static final String TASK = BlueprintConversionTest.bayesianTask("pruned");

    @Test
    void aTaskCarriesItsPrunerIntoTheSpecWithOptunasDefaults() {
        BlueprintDocument doc = Blueprint.parse(BlueprintConversionTest.STEP + TASK
                + "    pruner: {type: median, stepKey: epoch, nWarmupSteps: 5}\n");
        assertThat(doc.errors()).isEmpty();
        TaskSpec spec = TaskSpecNormalizer.normalize(doc.toTaskSpec("pruned"));
        assertThat(spec.pruner()).containsEntry("type", "median").containsEntry("nWarmupSteps", 5L)
                .containsEntry("nStartupTrials", 5).containsEntry("stepKey", "epoch");
        assertThat(TaskSpecValidator.validate(spec)).isEmpty();
        assertThat(TaskSpecNormalizer.normalize(Blueprint.parse(BlueprintConversionTest.STEP + TASK)
                .toTaskSpec("pruned")).pruner()).isNull();
    }

    @Test
    void aBadPrunerIsNamedByTheTaskRuleAndAPrunerThatIsNoMappingByTheReader() {
        TaskSpec spec = TaskSpecNormalizer.normalize(Blueprint.parse(BlueprintConversionTest.STEP + TASK
                + "    pruner: {type: asha}\n").toTaskSpec("pruned"));
        List<FieldError> errors = TaskSpecValidator.validate(spec);
        assertThat(errors).extracting(FieldError::field).containsExactly("pruner.type");

        BlueprintDocument notAMap = Blueprint.parse(BlueprintConversionTest.STEP + TASK + "    pruner: median\n");
        assertThat(notAMap.errors()).anySatisfy(e -> assertThat(e.toString()).contains("pruner").contains("mapping"));
    }
}
