package io.parzen.task.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.TaskSpec;
import io.parzen.task.validation.FieldError;
import io.parzen.task.validation.TaskSpecNormalizer;
import io.parzen.task.validation.TaskSpecValidator;
import org.junit.jupiter.api.Test;

/** The Parzen extension key {@code constraints} of a valohai.yaml task (docs/decisions/0033). */
class BlueprintConstraintsTest {

    private static final String TASK = BlueprintConversionTest.bayesianTask("constrained");

    @Test
    void aTaskCarriesItsConstraintsIntoTheSpec() {
        BlueprintDocument doc = Blueprint.parse(BlueprintConversionTest.STEP + TASK
                + "    constraints: [\"memory_mb <= 2000\", \"val_loss - train_loss < 0.5\"]\n");
        assertThat(doc.errors()).isEmpty();
        TaskSpec spec = TaskSpecNormalizer.normalize(doc.toTaskSpec("constrained"));
        assertThat(spec.constraints()).containsExactly("memory_mb <= 2000", "val_loss - train_loss < 0.5");
        assertThat(TaskSpecValidator.validate(spec)).isEmpty();
        assertThat(TaskSpecNormalizer.normalize(Blueprint.parse(BlueprintConversionTest.STEP + TASK)
                .toTaskSpec("constrained")).constraints()).isNull();
    }

    @Test
    void aBadConstraintIsNamedByTheReaderWithItsIndex() {
        BlueprintDocument doc = Blueprint.parse(BlueprintConversionTest.STEP + TASK
                + "    constraints: [\"memory_mb != 2000\", 5]\n");
        assertThat(doc.errors()).anySatisfy(e -> assertThat(e.toString()).contains("constraints[0]").contains("!="));
        assertThat(doc.errors()).anySatisfy(e -> assertThat(e.toString()).contains("constraints[1]")
                .contains("must be a string"));
        BlueprintDocument notAList = Blueprint.parse(BlueprintConversionTest.STEP + TASK
                + "    constraints: memory_mb <= 2000\n");
        assertThat(notAList.errors()).anySatisfy(e -> assertThat(e.toString()).contains("constraints")
                .contains("list of strings"));
    }

    @Test
    void theLintAcceptsTheKeyAndNamesTheLineOfABadConstraint() {
        LintReport ok = Blueprint.lint(BlueprintConversionTest.STEP + TASK + "    constraints: [\"memory_mb <= 2000\"]\n");
        assertThat(ok.errors()).isEmpty();
        LintReport bad = Blueprint.lint(BlueprintConversionTest.STEP + TASK + "    constraints: [\"memory_mb <= 2000\",\n"
                + "      \"memory_mb == 1\"]\n");
        assertThat(bad.errors()).anySatisfy(e -> {
            assertThat(e.path()).endsWith("constraints[1]");
            assertThat(e.message()).contains("==").contains("<=, <, >=, >");
            assertThat(e.line()).isGreaterThan(1);
        });
        assertThat(bad.warnings()).noneSatisfy(w -> assertThat(w.path()).contains("constraints")); // said once
    }

    @Test
    void elevenConstraintsAreRefusedByTheTaskRule() {
        StringBuilder list = new StringBuilder("    constraints:\n");
        for (int i = 0; i < 11; i++) {
            list.append("      - m").append(i).append(" <= 1\n");
        }
        TaskSpec spec = TaskSpecNormalizer.normalize(Blueprint.parse(BlueprintConversionTest.STEP + TASK + list)
                .toTaskSpec("constrained"));
        assertThat(TaskSpecValidator.validate(spec)).extracting(FieldError::field).containsExactly("constraints");
    }
}
