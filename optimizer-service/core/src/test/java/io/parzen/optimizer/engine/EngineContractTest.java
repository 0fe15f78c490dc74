package io.parzen.optimizer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@link Engine} contract, for every engine {@link Engines#byName} knows. */
class EngineContractTest {

    static double toy(Map<String, Object> p) {
        double s = 0;
        for (Object v : p.values()) {
            s += v instanceof Number n ? Math.abs(n.doubleValue() - 0.3) : v.hashCode() % 7;
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"optuna", "hyperopt", "random", "sobol"})
    void valuesAreValidForEveryKind(String name) {
        SearchSpace space = Fixtures.mixed();
        List<Trial> trials = Fixtures.run(Engines.byName(name, 10, 5), space, EngineContractTest::toy, 60, 5, 3);
        assertThat(trials).hasSize(60);
        for (Trial t : trials) {
            Fixtures.assertValid(space, t.point());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"optuna", "hyperopt", "random", "sobol"})
    void reproducible(String name) {
        SearchSpace space = Fixtures.mixed();
        List<Trial> a = Fixtures.run(Engines.byName(name, 10, 5), space, EngineContractTest::toy, 30, 5, 11);
        List<Trial> b = Fixtures.run(Engines.byName(name, 10, 5), space, EngineContractTest::toy, 30, 5, 11);
        List<Trial> c = Fixtures.run(Engines.byName(name, 10, 6), space, EngineContractTest::toy, 30, 5, 12);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"optuna", "hyperopt", "random", "sobol"})
    void noDuplicatesUntilExhaustedThenEmpty(String name) {
        SearchSpace space = Fixtures.small(); // 18 points
        Engine e = Engines.byName(name, 4, 1);
        RandomGenerator r = Fixtures.rng(17);
        List<Trial> trials = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        int round = 0;
        while (true) {
            List<Proposal> ps = e.propose(new Study(space, trials), 4, r);
            if (ps.isEmpty()) {
                break;
            }
            assertThat(ps.size()).isLessThanOrEqualTo(4);
            for (Proposal p : ps) {
                Fixtures.assertValid(space, p.point());
                assertThat(seen.add(p.point())).as("%s proposed %s twice", name, p.point()).isTrue();
                Trial t = Trial.pending(trials.size() + 1, p.point());
                // complete, failed, and some left pending for good
                trials.add(round % 4 == 3 ? t.failed() : round % 4 == 2 && seen.size() % 2 == 0 ? t : t.complete(toy(p.point())));
            }
            round++;
            assertThat(round).isLessThan(50);
        }
        assertThat(seen).hasSize(18);
        assertThat(e.propose(new Study(space, trials), 4, r)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"optuna", "hyperopt"})
    void pendingPointsAreNotProposedAgain(String name) {
        // a 1-D space of 6 values, 5 of them pending: the only new point is the sixth
        SearchSpace space = SearchSpace.of(new io.parzen.optimizer.space.IntegerParameter("k", 1, 6));
        List<Trial> trials = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            Trial t = Trial.pending(k, Map.of("k", (long) k));
            trials.add(k <= 2 ? t.complete(k) : t);
        }
        List<Proposal> ps = Engines.byName(name, 0).propose(new Study(space, trials), 3, Fixtures.rng(1));
        assertThat(ps).hasSize(1);
        assertThat(ps.get(0).point()).containsEntry("k", 6L);
    }
}
