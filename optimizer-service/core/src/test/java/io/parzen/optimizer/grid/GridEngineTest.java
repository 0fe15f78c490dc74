package io.parzen.optimizer.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.space.SpaceException;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class GridEngineTest {

    static final List<VariantParameter> DOCS = List.of(
            new VariantParameter("epochs", "multiple", Map.of("items", List.of(5, 10, 15, 20, 25))),
            new VariantParameter("learning_rate", "logspace", Map.of("min", -5, "max", -1, "count", 5)));

    @Test
    void docsBlueprintGives25PointsInProductOrder() {
        Grid grid = Grid.of(DOCS, 0);
        assertThat(grid.size()).isEqualTo(25);
        assertThat(grid.point(0)).containsEntry("epochs", 5L);
        assertThat(grid.point(1).get("epochs")).isEqualTo(5L); // last parameter varies fastest
        assertThat(grid.point(5).get("epochs")).isEqualTo(10L);
        assertThat(grid.point(24).get("epochs")).isEqualTo(25L);
        assertThat(grid.space().cardinality()).isEqualTo(25);
    }

    @Test
    void proposesEveryPointOnceThenNothing() {
        Engine e = Engines.grid(DOCS);
        Grid grid = Grid.of(DOCS, 0);
        List<Trial> trials = new ArrayList<>();
        RandomGenerator r = RandomGenerator.of("L64X128MixRandom");
        List<Map<String, Object>> order = new ArrayList<>();
        while (true) {
            List<Proposal> ps = e.propose(new Study(grid.space(), trials), 7, r);
            if (ps.isEmpty()) {
                break;
            }
            assertThat(ps.size()).isLessThanOrEqualTo(7);
            for (Proposal p : ps) {
                assertThat(p.source()).isEqualTo(Source.GRID);
                order.add(p.point());
                Trial t = Trial.pending(trials.size() + 1, p.point());
                trials.add(trials.size() % 2 == 0 ? t.complete(1) : t); // some stay pending
            }
        }
        assertThat(order).hasSize(25);
        assertThat(new HashSet<>(order)).hasSize(25);
        for (int i = 0; i < 25; i++) {
            assertThat(order.get(i)).isEqualTo(grid.point(i));
        }
        assertThat(e.propose(new Study(grid.space(), trials), 3, r)).isEmpty();
    }

    @Test
    void failedOrOutOfOrderTrialsAreRecognized() {
        Engine e = Engines.grid(List.of(new VariantParameter("a", "multiple", Map.of("items", List.of(1, 2, 3)))));
        Grid grid = Grid.of(List.of(new VariantParameter("a", "multiple", Map.of("items", List.of(1, 2, 3)))), 0);
        List<Trial> trials = List.of(Trial.pending(1, Map.of("a", 2.0)).failed());
        List<Proposal> ps = e.propose(new Study(grid.space(), trials), 5, RandomGenerator.of("L64X128MixRandom"));
        assertThat(ps).extracting(p -> p.point().get("a")).containsExactly(1L, 3L);
    }

    @Test
    void productOfThreeLists() {
        Grid g = Grid.of(List.of(
                new VariantParameter("a", "single", Map.of("value", 1)),
                new VariantParameter("b", "linear", Map.of("start", 0, "end", 1, "step", 0.25)),
                new VariantParameter("c", "multiple", Map.of("items", List.of("x", "y", "z")))), 0);
        assertThat(g.size()).isEqualTo(1 * 5 * 3);
        assertThat(g.point(3)).containsEntry("b", 0.25).containsEntry("c", "x");
    }

    @Test
    void repeatedNamesAreRejected() {
        assertThatThrownBy(() -> Engines.grid(List.of(
                new VariantParameter("a", "single", Map.of("value", 1)),
                new VariantParameter("a", "single", Map.of("value", 2))))).isInstanceOf(SpaceException.class);
        assertThatThrownBy(() -> Engines.grid(List.of())).isInstanceOf(SpaceException.class);
    }
}
