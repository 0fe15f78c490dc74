package io.parzen.events.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StopConditionTest {

    private static final Map<String, Object> META = Map.of(
            "accuracy", 0.96,
            "val_accuracy", 0.93,
            "loss", 0.2,
            "epoch", 10,
            "activation", "relu",
            "converged", true,
            "zero", 0,
            "numeric_string", "0.5",
            "val-acc", 0.7,
            "nested", Map.of("inner", 3));

    private static boolean holds(String expression) {
        return StopCondition.parse(expression).test(META, 120.0);
    }

    @Test
    void valohaiExamples() {
        assertThat(holds("accuracy > 0.95")).isTrue();
        assertThat(holds("val_accuracy > 0.95")).isFalse();
        assertThat(StopCondition.parse("execution.duration > 3600").test(META, 3601)).isTrue();
        assertThat(StopCondition.parse("execution.duration > 3600").test(META, 3599)).isFalse();
        assertThat(holds("metadata.accuracy >= 0.9")).isTrue();
        assertThat(StopCondition.parse("stop > 1").test(Map.of("stop", 2), 0)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "loss < 0.3 | true", "loss < 0.2 | false", "loss <= 0.2 | true", "loss > 0.2 | false",
            "loss >= 0.2 | true", "loss == 0.2 | true", "loss = 0.2 | true", "loss != 0.2 | false",
            "epoch == 10 | true", "epoch != 10 | false",
            "1 + 2 == 3 | true", "5 - 2 == 3 | true", "2 * 3 == 6 | true", "7 / 2 == 3.5 | true",
            "-loss == -0.2 | true", "- -loss == 0.2 | true", "+loss == 0.2 | true",
            "1e-3 < 0.01 | true", "2E2 == 200 | true", ".5 == 0.5 | true", "1.5e+1 == 15 | true"})
    void operators(String expression, boolean expected) {
        assertThat(holds(expression)).as(expression).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "true ; true", "false ; false", "TRUE ; true", "True and true ; true",
            "true and false ; false", "true AND true ; true", "true && false ; false",
            "false or true ; true", "false OR false ; false", "false || true ; true",
            "not false ; true", "NOT true ; false", "!false ; true", "!(1 < 2) ; false",
            "not not true ; true"})
    void logic(String expression, boolean expected) {
        assertThat(holds(expression)).as(expression).isEqualTo(expected);
    }

    @Test
    void precedence() {
        // and binds tighter than or
        assertThat(holds("true or false and false")).isTrue();
        assertThat(holds("(true or false) and false")).isFalse();
        // not binds looser than comparison: not (1 > 2)
        assertThat(holds("not 1 > 2")).isTrue();
        // * before +, unary minus before *
        assertThat(holds("1 + 2 * 3 == 7")).isTrue();
        assertThat(holds("(1 + 2) * 3 == 9")).isTrue();
        assertThat(holds("-2 * 3 == -6")).isTrue();
        assertThat(holds("10 - 2 - 3 == 5")).isTrue(); // left associative
        assertThat(holds("8 / 4 / 2 == 1")).isTrue();
        // arithmetic before comparison before logic
        assertThat(holds("loss * 2 < 0.5 and accuracy - 0.01 > 0.94")).isTrue();
    }

    @Test
    void chainedComparisonsAsInPython() {
        assertThat(holds("0.1 < loss < 0.3")).isTrue();
        assertThat(holds("0.1 < loss < 0.15")).isFalse();
        assertThat(holds("0 < missing < 1")).isFalse();
    }

    @Test
    void functions() {
        assertThat(holds("abs(-3) == 3")).isTrue();
        assertThat(holds("ABS(loss - 0.3) < 0.11")).isTrue();
        assertThat(holds("min(accuracy, val_accuracy) > 0.92")).isTrue();
        assertThat(holds("max(accuracy, val_accuracy, 0.5) == 0.96")).isTrue();
        assertThat(holds("min(3) == 3")).isTrue();
        assertThat(holds("max(accuracy, missing) > 0")).isFalse();
    }

    @Test
    void strings() {
        assertThat(holds("activation == 'relu'")).isTrue();
        assertThat(holds("activation == \"relu\"")).isTrue();
        assertThat(holds("activation != 'tanh'")).isTrue();
        assertThat(holds("activation == 'tanh'")).isFalse();
        assertThat(holds("'it\\'s' == \"it's\"")).isTrue();
        // a string and a number are equal only when the string is that number
        assertThat(holds("numeric_string == 0.5")).isTrue();
        assertThat(holds("activation == 1")).isFalse();
        assertThat(holds("activation != 1")).isTrue();
        // weak typing: numeric strings take part in arithmetic and ordering
        assertThat(holds("numeric_string * 2 == 1")).isTrue();
        assertThat(holds("numeric_string < 0.6")).isTrue();
        // non-numeric strings in arithmetic make the comparison false
        assertThat(holds("activation + 1 > 0")).isFalse();
        assertThat(holds("activation > 0")).isFalse();
    }

    @Test
    void booleansAndTruthiness() {
        assertThat(holds("converged")).isTrue();
        assertThat(holds("converged == true")).isTrue();
        assertThat(holds("converged and accuracy > 0.9")).isTrue();
        assertThat(holds("zero")).isFalse();
        assertThat(holds("epoch")).isTrue();
    }

    @Test
    void missingKeysAreFalseNotErrors() {
        assertThat(holds("missing > 0.5")).isFalse();
        assertThat(holds("missing < 0.5")).isFalse();
        assertThat(holds("missing == 1")).isFalse();
        assertThat(holds("missing != 1")).isFalse();
        assertThat(holds("missing")).isFalse();
        // three-valued logic: a missing key never makes a condition hold
        assertThat(holds("not (missing > 0.5)")).isFalse();
        assertThat(holds("not missing")).isFalse();
        assertThat(holds("missing > 1 or accuracy > 0.95")).isTrue();
        assertThat(holds("missing > 1 and accuracy > 0.95")).isFalse();
        assertThat(holds("accuracy > 0.99 and missing > 1")).isFalse();
        assertThat(holds("not (missing > 1 and accuracy > 0.99)")).isTrue(); // unknown and false = false
        assertThat(StopCondition.parse("accuracy > 0.5").test(null, 0)).isFalse();
        assertThat(StopCondition.parse("accuracy > 0.5").test(Map.of(), 0)).isFalse();
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("accuracy", null);
        assertThat(StopCondition.parse("accuracy > 0.5").test(withNull, 0)).isFalse();
        assertThat(StopCondition.parse("accuracy > 0.5").test(Map.of("accuracy", List.of(1)), 0)).isFalse();
    }

    @Test
    void divisionByZeroIsFalse() {
        assertThat(holds("1 / zero > 0")).isFalse();
        assertThat(holds("1 / 0 < 0")).isFalse();
        assertThat(holds("1 / 0 > 0 or true")).isTrue();
    }

    @Test
    void namesMetadataPrefixNestedAndDashes() {
        assertThat(holds("metadata.val_accuracy < 0.95")).isTrue();
        assertThat(holds("nested.inner == 3")).isTrue();
        assertThat(holds("metadata.nested.inner == 3")).isTrue();
        assertThat(holds("val-acc == 0.7")).isTrue();
        assertThat(holds("epoch - 10 == 0")).isTrue();
        assertThat(holds("epoch-1 == 9")).isTrue(); // a dash before a digit is a minus
        assertThat(StopCondition.parse("metadata.a.b > 1").test(Map.of("a.b", 2), 0)).isTrue();
        assertThat(StopCondition.parse("metadata.x > 1").test(Map.of("metadata.x", 2), 0)).isTrue();
        assertThat(StopCondition.parse("AND_value > 1").test(Map.of("AND_value", 2), 0)).isTrue();
    }

    @Test
    void executionDuration() {
        StopCondition c = StopCondition.parse("execution.duration >= 60 and loss < 1");
        assertThat(c.test(META, 60)).isTrue();
        assertThat(c.test(META, 59.9)).isFalse();
        assertThat(c.test(META, Double.NaN)).isFalse();
        assertThat(c.usesExecutionDuration()).isTrue();
        assertThat(c.metadataKeys()).containsExactly("loss");
        assertThat(c.expression()).isEqualTo("execution.duration >= 60 and loss < 1");
        assertThatThrownBy(() -> StopCondition.parse("execution.status == 'x'"))
                .isInstanceOf(ConditionSyntaxException.class)
                .hasMessageContaining("execution.duration");
    }

    @Test
    void metadataKeys() {
        assertThat(StopCondition.parse("a > 1 or metadata.b < 2 and abs(a) > c").metadataKeys())
                .containsExactly("a", "b", "c");
    }

    @Test
    void errorNamesPositionAndExpectation() {
        assertThatThrownBy(() -> StopCondition.parse("val_accuracy > )"))
                .isInstanceOf(ConditionSyntaxException.class)
                .hasMessage("stop condition: unexpected ')' at position 15; expected a number, a string, a name,"
                        + " 'not' or '('")
                .satisfies(e -> assertThat(((ConditionSyntaxException) e).position()).isEqualTo(15));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "accuracy > ; 10",
            "accuracy >> 1 ; 10",
            "(accuracy > 1 ; 13",
            "accuracy > 1) ; 12",
            "accuracy 1 ; 9",
            "'relu ; 0",
            "accuracy > 1 & b ; 13",
            "accuracy > 1 | b ; 13",
            "a > 1e ; 4",
            "a > 12abc ; 6",
            "a ^ 2 ; 2",
            "foo(1) > 2 ; 0",
            "abs(1, 2) > 0 ; 0",
            "min() > 0 ; 4",
            "min(1, ) > 0 ; 7",
            "a > 1 and ; 9",
            "not ; 3",
            "a > 1 or or b ; 9"})
    void syntaxErrors(String expression, int position) {
        assertThatThrownBy(() -> StopCondition.parse(expression))
                .as(expression)
                .isInstanceOf(ConditionSyntaxException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stop condition: ")
                .satisfies(e -> assertThat(((ConditionSyntaxException) e).position()).as(e.getMessage())
                        .isEqualTo(position));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyIsAnError(String expression) {
        assertThatThrownBy(() -> StopCondition.parse(expression)).isInstanceOf(ConditionSyntaxException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> StopCondition.parse(null)).isInstanceOf(ConditionSyntaxException.class);
    }

    @Test
    void lengthLimit() {
        String ok = "a > " + "1".repeat(StopCondition.MAX_LENGTH - 4);
        assertThat(StopCondition.parse(ok).expression()).hasSize(StopCondition.MAX_LENGTH);
        assertThatThrownBy(() -> StopCondition.parse(ok + "1"))
                .isInstanceOf(ConditionSyntaxException.class)
                .hasMessageContaining("at most 1000");
    }

    @Test
    void depthLimit() {
        String deep = "(".repeat(60) + "a > 1" + ")".repeat(60);
        assertThat(StopCondition.parse(deep).test(Map.of("a", 2), 0)).isTrue();
        String tooDeep = "(".repeat(200) + "a > 1" + ")".repeat(200);
        assertThatThrownBy(() -> StopCondition.parse(tooDeep))
                .isInstanceOf(ConditionSyntaxException.class)
                .hasMessageContaining("nested more than 64");
        assertThatThrownBy(() -> StopCondition.parse("-".repeat(100) + "1 > 0"))
                .isInstanceOf(ConditionSyntaxException.class)
                .hasMessageContaining("nested more than 64");
        assertThatThrownBy(() -> StopCondition.parse("not ".repeat(100) + "true"))
                .isInstanceOf(ConditionSyntaxException.class);
        // a long flat chain is a deep tree too
        assertThatThrownBy(() -> StopCondition.parse("a" + " + a".repeat(80) + " > 0"))
                .isInstanceOf(ConditionSyntaxException.class)
                .hasMessageContaining("nested more than 64");
        // siblings don't add up: 10 unary minus terms in a short sum are fine
        assertThat(StopCondition.parse("-1 + -1 + -1 + -1 + -1 + -1 + -1 + -1 + -1 + -1 < 0").test(Map.of(), 0))
                .isTrue();
    }
}
