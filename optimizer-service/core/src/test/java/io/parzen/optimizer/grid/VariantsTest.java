package io.parzen.optimizer.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.optimizer.space.SpaceException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantsTest {

    static List<Object> expand(String style, Map<String, Object> rules) {
        return Variants.expand(new VariantParameter("p", style, rules), 0);
    }

    @Test
    void single() {
        assertThat(expand("single", Map.of("value", 25))).containsExactly(25L);
        assertThat(expand("", Map.of("value", "adam"))).containsExactly("adam");
        assertThat(expand(null, Map.of("value", 0.5))).containsExactly(0.5);
    }

    @Test
    void multiple() {
        assertThat(expand("multiple", Map.of("items", List.of(25, 26)))).containsExactly(25L, 26L);
        assertThat(expand("MULTIPLE", Map.of("items", List.of(5, "x", true, 0.1, 5.0)))).containsExactly(5L, "x", true, 0.1);
    }

    @Test
    void linearExamplesFromTheDocs() {
        List<Object> a = expand("linear", Map.of("start", 0.8, "end", 0.9, "step", 0.01));
        assertThat(a).hasSize(11);
        assertThat(a.get(0)).isEqualTo(0.8);
        assertThat(a.get(10)).isEqualTo(0.9);
        assertThat(a.get(3)).isEqualTo(0.83);
        List<Object> b = expand("linear", Map.of("start", 0.001, "end", 0.5, "step", 0.05));
        assertThat(b).hasSize(10);
        assertThat(b.get(9)).isEqualTo(0.451);
        List<Object> c = expand("linear", Map.of("min", 0.001, "max", 0.5, "step", 0.001));
        assertThat(c).hasSize(500);
        assertThat(c.get(499)).isEqualTo(0.5);
        assertThat(expand("linear", Map.of("start", 1, "end", 10, "step", 3))).containsExactly(1L, 4L, 7L, 10L);
        assertThat(expand("linear", Map.of("start", 10, "end", 1, "step", -4))).containsExactly(10L, 6L, 2L);
    }

    @Test
    void logspaceExamples() {
        assertThat(expand("logspace", Map.of("start", 2, "end", 8, "count", 4, "base", 2))).containsExactly(4.0, 16.0, 64.0, 256.0);
        List<Object> lr = expand("logspace", Map.of("min", -5, "max", -1, "count", 5));
        assertThat(lr).hasSize(5);
        double[] expected = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1};
        for (int i = 0; i < 5; i++) {
            assertThat((Double) lr.get(i)).isCloseTo(expected[i], org.assertj.core.data.Percentage.withPercentage(1e-9));
        }
    }

    @Test
    void integerifyRoundsDownAndDropsDuplicates() {
        // 10^[0, .25, .5, .75, 1] = 1, 1.78, 3.16, 5.62, 10 → 1, 1, 3, 5, 10 → 1, 3, 5, 10
        assertThat(expand("logspace", Map.of("start", 0, "end", 1, "count", 5, "integerify", true))).containsExactly(1L, 3L, 5L, 10L);
        assertThat(expand("multiple", Map.of("items", List.of(1.9, -0.5, 2.2), "integerify", true))).containsExactly(1L, -1L, 2L);
    }

    @Test
    void random() {
        List<Object> a = expand("random", Map.of("min", 0.001, "max", 0.002, "count", 10));
        assertThat(a).hasSize(10).allSatisfy(v -> assertThat((Double) v).isBetween(0.001, 0.002));
        assertThat(expand("random", Map.of("min", 0.001, "max", 0.002, "count", 10))).isEqualTo(a);
        List<Object> seeded = expand("random", Map.of("min", 0.001, "max", 0.002, "count", 10, "seed", 42));
        assertThat(seeded).isNotEqualTo(a).isEqualTo(expand("random", Map.of("min", 0.001, "max", 0.002, "count", 10, "seed", 42)));
        assertThat(Variants.expand(new VariantParameter("p", "random", Map.of("min", 0.001, "max", 0.002, "count", 10)), 7)).isNotEqualTo(a);
        List<Object> ints = expand("random", Map.of("min", 1, "max", 25, "count", 10, "base", 10, "distribution", "uniform", "integerify", true));
        assertThat(ints).allSatisfy(v -> assertThat((Long) v).isBetween(1L, 25L));
        List<Object> logs = expand("random", Map.of("min", -5, "max", -1, "count", 200, "distribution", "loguniform"));
        assertThat(logs).hasSize(200).allSatisfy(v -> assertThat((Double) v).isBetween(1e-5, 1e-1));
        assertThat(logs.stream().filter(v -> (Double) v < 1e-4).count()).isBetween(25L, 75L);
        List<Object> integers = expand("random", Map.of("min", 1, "max", 3, "count", 50, "distribution", "integer"));
        assertThat(integers).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void numberify() {
        assertThat(expand("multiple", Map.of("items", List.of("1", "2.5", 3), "numberify", true))).containsExactly(1L, 2.5, 3L);
        assertThatThrownBy(() -> expand("multiple", Map.of("items", List.of("x"), "numberify", true)))
                .isInstanceOf(SpaceException.class).hasMessageContaining("numberify");
    }

    @Test
    void badRulesNameTheRule() {
        assertThatThrownBy(() -> expand("linear", Map.of("start", 0, "end", 1, "step", 0)))
                .isInstanceOf(SpaceException.class).hasMessageContaining("p.rules.step").hasMessageContaining("zero");
        assertThatThrownBy(() -> expand("linear", Map.of("start", 0, "end", 1, "step", -0.1)))
                .isInstanceOf(SpaceException.class).hasMessageContaining("p.rules.step").hasMessageContaining("positive");
        assertThatThrownBy(() -> expand("linear", Map.of("start", 0, "step", 1)))
                .isInstanceOf(SpaceException.class).hasMessageContaining("p.rules.end").hasMessageContaining("required");
        assertThatThrownBy(() -> expand("logspace", Map.of("start", 0, "end", 1, "count", 0)))
                .isInstanceOf(SpaceException.class).hasMessageContaining("p.rules.count");
        assertThatThrownBy(() -> expand("logspace", Map.of("start", 0, "end", 1, "count", 3, "base", 1)))
                .isInstanceOf(SpaceException.class).hasMessageContaining("p.rules.base");
        assertThatThrownBy(() -> expand("random", Map.of("min", 0, "max", 1, "count", 3, "distribution", "normal")))
                .isInstanceOf(SpaceException.class).hasMessageContaining("p.rules.distribution").hasMessageContaining("uniform");
        assertThatThrownBy(() -> expand("fancy", Map.of("value", 1)))
                .isInstanceOf(SpaceException.class).hasMessageContaining("p.style").hasMessageContaining("logspace");
        assertThatThrownBy(() -> expand("single", Map.of("value", 1, "vaule", 2)))
                .isInstanceOf(SpaceException.class).hasMessageContaining("p.rules.vaule");
        assertThatThrownBy(() -> expand("multiple", Map.of("items", List.of())))
                .isInstanceOf(SpaceException.class).hasMessageContaining("p.rules.items");
        assertThatThrownBy(() -> expand("multiple", Map.of("items", List.of("a"), "integerify", true)))
                .isInstanceOf(SpaceException.class).hasMessageContaining("integerify");
        assertThatThrownBy(() -> expand("linear", Map.of("start", 0, "end", 1e9, "step", 1)))
                .isInstanceOf(SpaceException.class).hasMessageContaining("more than");
    }
}
