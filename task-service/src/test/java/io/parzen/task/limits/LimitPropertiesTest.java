package io.parzen.task.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TaskSpec;
import io.parzen.task.blueprint.Blueprint;
import io.parzen.events.condition.ConditionSyntaxException;
import io.parzen.events.condition.StopCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties of the parts that need no running service, checked with our own seeded generators
 * ({@link Gen}, {@link Properties}; seed fixed, {@code -Dparzen.fuzz.seed=} picks another).
 */
class LimitPropertiesTest {

    record Range(double min, double max) {
    }

    @Test
    void aNumberIsFlaggedExactlyWhenItIsNotFinite() {
        Properties.forAll("aNumberIsFlaggedExactlyWhenItIsNotFinite", 2000,
                Gen.combine(Gen.doubles(), Gen.doubles(), Range::new), range -> {
                    double min = range.min();
                    double max = range.max();
                    TaskSpec s = new TaskSpec("t", "random_search", null, "c", null,
                            List.of(ParameterSpec.of("a", "uniform", min, max, null, null)), null, 1, 1, null, null,
                            null, null, null, null, null, null);
                    long expected = (Double.isFinite(min) ? 0 : 1) + (Double.isFinite(max) ? 0 : 1);
                    assertThat(FiniteNumbers.check(s)).hasSize((int) expected);
                });
    }

    static Gen<String> expressions() {
        Gen<String> token = Gen.of("(", ")", "not ", "!", "-", "+", "a", "1", "1e400", " and ", " or ",
                "<", ">=", "==", "abs(", "max(", ",", "'", "\"", "&", "|", ".", "execution.duration", "metadata.x", "9".repeat(400));
        return token.list(0, 1500).map(l -> String.join("", l));
    }

    @Test
    void theStopConditionParserNeverFailsOtherwiseThanWithASyntaxError() {
        Properties.forAll("theStopConditionParserNeverFailsOtherwiseThanWithASyntaxError", 500, expressions(),
                expression -> {
                    try {
                        StopCondition.parse(expression, 1000, 64).test(java.util.Map.of("a", 1), 1);
                    } catch (ConditionSyntaxException e) {
                        assertThat(e.getMessage()).startsWith("stop condition:");
                    }
                });
    }

    static Gen<String> yamls() {
        Gen<String> token = Gen.of("- ", "step:", "task:", "\n", "  ", "&a ", "*a", "[", "]", "{", "}",
                ": ", "name: x", ".inf", ".nan", "1e400", "'", "\"", "#", "!!float ", "<<: *a", ",", "?", "|", ">");
        return token.list(0, 300).map(l -> String.join("", l));
    }

    @Test
    void theBlueprintParserNeverThrows() {
        Properties.forAll("theBlueprintParserNeverThrows", 1000, yamls(),
                yaml -> assertThat(Blueprint.lint(yaml)).isNotNull());
    }
}
