package io.parzen.events.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConstraintTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "memory_mb <= 2000; 1500; -500; true",
            "memory_mb <= 2000; 2000; 0; true",
            "memory_mb < 2000; 2000; 4.9E-324; false",
            "memory_mb > 2000; 2000; 4.9E-324; false",
            "memory_mb >= 2000; 2500; -500; true",
            "memory_mb > -10; -20; 10; false",
            "memory_mb * 2 <= 2000; 1500; 1000; false",
            "metadata.memory_mb <= 2000; 3000; 1000; false"})
    void theViolationIsTheSignedDistanceToTheBound(String text, double value, double violation, boolean holds) {
        Constraint c = Constraint.parse(text);
        Map<String, Object> metadata = Map.of("memory_mb", value);
        assertThat(c.violation(metadata)).isEqualTo(violation);
        assertThat(c.holds(metadata)).isEqualTo(holds);
    }

    @Test
    void aMissingOrNonNumericValueIsAnInfiniteViolation() {
        Constraint c = Constraint.parse("memory_mb <= 2000");
        assertThat(c.violation(Map.of())).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(c.violation(Map.of("memory_mb", "a lot"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(c.holds(null)).isFalse();
        List<Constraint> all = Constraint.parseAll(List.of("a <= 1", "b >= 2"));
        assertThat(Constraint.allHold(all, Map.of("a", 0, "b", 3))).isTrue();
        assertThat(Constraint.allHold(all, Map.of("a", 0))).isFalse();
        assertThat(Constraint.violations(all, Map.of("a", 0, "b", 3))).containsExactly(-1.0, -1.0);
        assertThat(Constraint.allHold(List.of(), Map.of())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory_mb == 2000", "memory_mb != 2000", "1 < memory_mb < 3", "memory_mb <= limit",
            "2000 >= memory_mb", "memory_mb <= 2000 and loss < 1", "memory_mb", "execution.duration + m < 60",
            "1 < 2", "memory_mb <= 'a'", "memory_mb <= inf", "memory_mb <="})
    void otherShapesAreRefusedSayingWhatIsAllowed(String text) {
        assertThatThrownBy(() -> Constraint.parse(text)).isInstanceOf(ConditionSyntaxException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("allowed", "expected", "unexpected",
                        "Expected", "end"));
    }
}
