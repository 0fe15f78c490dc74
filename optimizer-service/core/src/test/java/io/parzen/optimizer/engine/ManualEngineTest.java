package io.parzen.optimizer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.SpaceException;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManualEngineTest {

    static final SearchSpace SPACE = SearchSpace.of(new IntegerParameter("A", 0, 100), new IntegerParameter("B", 0, 100));
    static final List<Map<String, Object>> SETS = List.of(Map.of("A", 5, "B", 6), Map.of("A", 8, "B", 9), Map.of("A", 72, "B", 42));

    @Test
    void setsInOrderThenExhausted() {
        Engine e = Engines.manual(SETS);
        List<Trial> trials = new ArrayList<>();
        List<Proposal> first = e.propose(new Study(SPACE, trials), 2, Fixtures.rng(1));
        assertThat(first).extracting(p -> p.point().get("A")).containsExactly(5L, 8L);
        assertThat(first).allSatisfy(p -> assertThat(p.source()).isEqualTo(Source.MANUAL));
        trials.add(Trial.pending(1, first.get(0).point()).complete(1));
        trials.add(Trial.pending(2, first.get(1).point()).failed());
        List<Proposal> second = e.propose(new Study(SPACE, trials), 2, Fixtures.rng(1));
        assertThat(second).hasSize(1);
        assertThat(second.get(0).point()).containsEntry("A", 72L).containsEntry("B", 42L);
        trials.add(Trial.pending(3, second.get(0).point()));
        assertThat(e.propose(new Study(SPACE, trials), 2, Fixtures.rng(1))).isEmpty();
    }

    @Test
    void aSetListedTwiceRunsTwice() {
        Engine e = Engines.manual(List.of(Map.of("A", 1, "B", 1), Map.of("A", 1, "B", 1)));
        List<Trial> trials = List.of(Trial.pending(1, Map.of("A", 1L, "B", 1L)));
        assertThat(e.propose(new Study(SPACE, trials), 5, Fixtures.rng(1))).hasSize(1);
    }

    @Test
    void invalidValuesNameTheSet() {
        Engine e = Engines.manual(List.of(Map.of("A", 500, "B", 1)));
        assertThatThrownBy(() -> e.propose(new Study(SPACE, List.of()), 1, Fixtures.rng(1)))
                .isInstanceOf(SpaceException.class).hasMessageContaining("parameter-sets[0].A");
        assertThatThrownBy(() -> Engines.manual(List.of())).isInstanceOf(SpaceException.class);
    }
}
