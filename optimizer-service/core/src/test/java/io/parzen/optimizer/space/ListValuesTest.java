package io.parzen.optimizer.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.grid.Grid;
import io.parzen.optimizer.grid.VariantParameter;
import io.parzen.optimizer.grid.Variants;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** List values (Valohai {@code multiple} parameters) survive the core: categories, codes, grids, manual sets. */
class ListValuesTest {

    @Test
    void aCategoricalChoiceMayBeAListAndComparesItemByItemByValue() {
        Categorical c = new Categorical("layers", List.of(List.of(64, 32), List.of(128, 64, 32), "none"));
        assertThat(c.indexOf(List.of(64.0, 32L))).isEqualTo(0);
        assertThat(c.indexOf(List.of(32, 64))).isEqualTo(-1); // order matters
        assertThat(c.normalize(List.of(128L, 64L, 32.0))).isEqualTo(List.of(128, 64, 32));
        assertThatThrownBy(() -> new Categorical("layers", List.of(List.of(1, 2), List.of(1.0, 2.0))))
                .isInstanceOf(SpaceException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new Categorical("layers", List.of(List.of(List.of(1)))))
                .isInstanceOf(SpaceException.class).hasMessageContaining("lists of them");
        assertThatThrownBy(() -> new Categorical("layers", List.of(Map.of("a", 1))))
                .isInstanceOf(SpaceException.class).hasMessageContaining("layers.values");
    }

    @Test
    void seededListsRoundTripThroughTheCodec() {
        SplittableRandom rnd = new SplittableRandom(20261201L);
        for (int round = 0; round < 200; round++) {
            List<Object> choices = new ArrayList<>();
            Set<Object> seen = new HashSet<>();
            int n = 1 + rnd.nextInt(6);
            while (choices.size() < n) {
                Object v = randomValue(rnd);
                if (seen.add(Values.identity(v))) {
                    choices.add(v);
                }
            }
            SearchSpace space = SearchSpace.of(new Categorical("x", choices), new IntegerParameter("k", 0, 3));
            Codec codec = new Codec(space);
            for (Object v : choices) {
                Map<String, Object> point = Map.of("x", v, "k", 2L);
                double[] codes = codec.encode(point);
                assertThat(Codec.hasMissing(codes)).isFalse();
                assertThat(codec.decode(codes).get("x")).isEqualTo(v);
                assertThat(codec.key(point)).isEqualTo(codec.key(Map.of("x", widened(v), "k", 2)));
            }
        }
    }

    @Test
    void aGridKeepsListValuesAndDropsRepeatedOnes() {
        Grid grid = Grid.of(List.of(
                new VariantParameter("layers", "multiple", Map.of("items", List.of(List.of(64, 32), List.of(64.0, 32.0),
                        List.of(8)))),
                new VariantParameter("tag", "single", Map.of("value", List.of("a", "b")))), 0);
        assertThat(grid.values().get(0)).containsExactly(List.of(64L, 32L), List.of(8L));
        assertThat(grid.size()).isEqualTo(2);
        assertThat(grid.point(1)).containsEntry("layers", List.of(8L)).containsEntry("tag", List.of("a", "b"));
        Engine engine = Engines.grid(List.of(
                new VariantParameter("layers", "multiple", Map.of("items", List.of(List.of(64, 32), List.of(8))))));
        List<Trial> trials = new ArrayList<>();
        List<Object> issued = new ArrayList<>();
        SearchSpace space = Grid.of(List.of(new VariantParameter("layers", "multiple",
                Map.of("items", List.of(List.of(64, 32), List.of(8))))), 0).space();
        for (int i = 0; i < 3; i++) {
            for (Proposal p : engine.propose(new Study(space, trials), 1, RandomGenerator.of("L64X128MixRandom"))) {
                issued.add(p.point().get("layers"));
                trials.add(Trial.pending(trials.size() + 1, p.point()).complete(1));
            }
        }
        assertThat(issued).containsExactly(List.of(64L, 32L), List.of(8L));
        assertThatThrownBy(() -> Variants.expand(new VariantParameter("l", "multiple",
                Map.of("items", List.of(List.of(List.of(1))))), 0))
                .isInstanceOf(SpaceException.class).hasMessageContaining("l.rules.items");
    }

    @Test
    void manualSetsWithListValuesRunOnceEach() {
        List<Map<String, Object>> sets = List.of(Map.of("tag", List.of("a", "b")), Map.of("tag", List.of("c")),
                Map.of("tag", List.of("a", "b")));
        Engine engine = Engines.manual(sets);
        SearchSpace space = SearchSpace.of(new Categorical("tag", List.of(List.of("a", "b"), List.of("c"))));
        List<Trial> trials = new ArrayList<>();
        // a trial stored earlier (its list read back from JSON) uses up the first set only
        trials.add(Trial.pending(1, Map.of("tag", List.of("a", "b"))).complete(1));
        List<Proposal> rest = engine.propose(new Study(space, trials), 5, RandomGenerator.of("L64X128MixRandom"));
        assertThat(rest).extracting(p -> p.point().get("tag")).containsExactly(List.of("c"), List.of("a", "b"));
    }

    private static Object randomValue(SplittableRandom rnd) {
        if (rnd.nextInt(3) > 0) {
            int size = rnd.nextInt(4);
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                list.add(randomScalar(rnd));
            }
            return list;
        }
        return randomScalar(rnd);
    }

    private static Object randomScalar(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> (long) rnd.nextInt(-5, 50);
            case 1 -> rnd.nextInt(10) / 4.0;
            case 2 -> rnd.nextBoolean();
            default -> List.of("a", "b c", "$(x)", "", "'", "-").get(rnd.nextInt(6));
        };
    }

    /** The same value as another JSON reader gives it: whole numbers as doubles. */
    private static Object widened(Object v) {
        if (v instanceof Long l) {
            return l.doubleValue();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(ListValuesTest::widened).toList();
        }
        return v;
    }
}
