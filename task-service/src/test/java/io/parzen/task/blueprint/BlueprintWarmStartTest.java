package io.parzen.task.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.TaskSpec;
import io.parzen.task.validation.FieldError;
import io.parzen.task.validation.TaskSpecNormalizer;
import io.parzen.task.validation.TaskSpecValidator;
import org.junit.jupiter.api.Test;

/** The Parzen extension key {@code warm-start-from} of a valohai.yaml task (docs/decisions/0034). */
class BlueprintWarmStartTest {

    private static final String TASK = BlueprintConversionTest.bayesianTask("warm");

    @Test
    void aTaskCarriesItsEarlierTasksIntoTheSpec() {
        BlueprintDocument doc = Blueprint.parse(BlueprintConversionTest.STEP + TASK
                + "    warm-start-from: [task-a, task-b]\n");
        assertThat(doc.errors()).isEmpty();
        TaskSpec spec = TaskSpecNormalizer.normalize(doc.toTaskSpec("warm"));
        assertThat(spec.warmStartFrom()).containsExactly("task-a", "task-b");
        assertThat(TaskSpecValidator.validate(spec)).isEmpty();
        assertThat(Blueprint.parse(BlueprintConversionTest.STEP + TASK).toTaskSpec("warm").warmStartFrom()).isNull();
    }

    @Test
    void aListOfNonStringsOrAScalarIsNamedByTheReaderAndAGridTaskByTheTaskRule() {
        BlueprintDocument notAList = Blueprint.parse(BlueprintConversionTest.STEP + TASK + "    warm-start-from: task-a\n");
        assertThat(notAList.errors()).anySatisfy(e -> assertThat(e.toString()).contains("warm-start-from").contains("list"));
        BlueprintDocument numbers = Blueprint.parse(BlueprintConversionTest.STEP + TASK + "    warm-start-from: [12]\n");
        assertThat(numbers.errors()).anySatisfy(e -> assertThat(e.toString()).contains("warm-start-from[0]"));
        TaskSpec grid = TaskSpecNormalizer.normalize(Blueprint.parse(BlueprintConversionTest.STEP
                + TASK.replace("bayesian_tpe", "grid_search").replace("style: random, rules: {min: 0.0001, max: 0.1, distribution: uniform}",
                        "style: multiple, rules: {items: [0.01, 0.1]}") + "    warm-start-from: [task-a]\n").toTaskSpec("warm"));
        assertThat(TaskSpecValidator.validate(grid)).extracting(FieldError::field).contains("warmStartFrom");
    }
}
