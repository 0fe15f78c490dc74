package io.parzen.task.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TaskSpec;
import io.parzen.task.blueprint.Blueprint;
import io.parzen.task.condition.ConditionSyntaxException;
import io.parzen.task.condition.StopCondition;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * jqwik properties (run by the jqwik engine beside JUnit Jupiter under Surefire) of the parts that
 * need no running service.
 */
class LimitPropertiesTest {

    @Property(tries = 2000)
    void aNumberIsFlaggedExactlyWhenItIsNotFinite(@ForAll double min, @ForAll double max) {
        TaskSpec s = new TaskSpec("t", "random_search", null, "c", null,
                List.of(ParameterSpec.of("a", "uniform", min, max, null, null)), null, 1, 1, null, null, null, null,
                null, null, null, null);
        long expected = (Double.isFinite(min) ? 0 : 1) + (Double.isFinite(max) ? 0 : 1);
        assertThat(FiniteNumbers.check(s)).hasSize((int) expected);
    }

    @Provide
    Arbitrary<String> expressions() {
        Arbitrary<String> token = Arbitraries.of("(", ")", "not ", "!", "-", "+", "a", "1", "1e400", " and ", " or ",
                "<", ">=", "==", "abs(", "max(", ",", "'", "\"", "&", "|", ".", "execution.duration", "metadata.x", "9".repeat(400));
        return token.list().ofMinSize(0).ofMaxSize(1500).map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void theStopConditionParserNeverFailsOtherwiseThanWithASyntaxError(@ForAll("expressions") String expression) {
        try {
            StopCondition.parse(expression, 1000, 64).test(java.util.Map.of("a", 1), 1);
        } catch (ConditionSyntaxException e) {
            assertThat(e.getMessage()).startsWith("stop condition:");
        }
    }

    @Provide
    Arbitrary<String> yamls() {
        Arbitrary<String> token = Arbitraries.of("- ", "step:", "task:", "\n", "  ", "&a ", "*a", "[", "]", "{", "}",
                ": ", "name: x", ".inf", ".nan", "1e400", "'", "\"", "#", "!!float ", "<<: *a", ",", "?", "|", ">");
        return token.list().ofMinSize(0).ofMaxSize(300).map(l -> String.join("", l));
    }

    @Property(tries = 1000)
    void theBlueprintParserNeverThrows(@ForAll("yamls") String yaml) {
        assertThat(Blueprint.lint(yaml)).isNotNull();
    }
}
