package io.parzen.task.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link WorkingDirectoryRule} and {@link EnvironmentVariablesRule}. */
class ExecutionRulesTest {

    private static List<FieldError> workingDirectory(String dir) {
        List<FieldError> errors = new ArrayList<>();
        WorkingDirectoryRule.check(dir, errors);
        return errors;
    }

    @Test
    void dotDotSegmentsAreRefusedOtherDotsAreNot() {
        assertThat(workingDirectory("..")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("workingDirectory");
            assertThat(e.value()).isEqualTo("..");
            assertThat(e.message()).contains("'..'");
        });
        assertThat(workingDirectory("a/../../b")).hasSize(1);
        assertThat(workingDirectory("/abs/..")).hasSize(1);
        assertThat(workingDirectory("a\\..\\b")).hasSize(1);
        assertThat(workingDirectory("a\0b")).singleElement().satisfies(e -> assertThat(e.message()).contains("NUL"));
        assertThat(workingDirectory(null)).isEmpty();
        assertThat(workingDirectory("examples/mlp")).isEmpty();
        assertThat(workingDirectory("./a/..b/c../...")).isEmpty();
        assertThat(workingDirectory("/srv/projects/x")).isEmpty();
    }

    @Test
    void environmentVariableErrorsNameTheVariable() {
        List<FieldError> errors = new ArrayList<>();
        EnvironmentVariablesRule.check(Map.of("parzen_x", "1"), errors);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("environmentVariables.parzen_x");
            assertThat(e.value()).isEqualTo("1");
            assertThat(e.message()).contains("reserved");
        });
        errors.clear();
        EnvironmentVariablesRule.check(Map.of("GOOD", "x"), errors);
        EnvironmentVariablesRule.check(null, errors);
        assertThat(errors).isEmpty();
    }

    @Test
    void theValidatorAppliesBothRules() {
        var spec = new io.parzen.events.TaskSpec("t", "random_search", null, "run", "../x",
                List.of(io.parzen.events.ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null)), null, 2, 1, null,
                new io.parzen.events.TargetSpec("acc", 1.0, null), null, null, null, null, null, null,
                Map.of("BAD NAME", "v"));
        assertThat(TaskSpecValidator.validate(TaskSpecNormalizer.normalize(spec))).extracting(FieldError::field)
                .contains("workingDirectory", "environmentVariables.BAD NAME");
    }
}
