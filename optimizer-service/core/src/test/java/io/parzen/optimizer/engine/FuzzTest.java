package io.parzen.optimizer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Random spaces, random trial states and batch sizes: every engine keeps the contract. */
class FuzzTest {

    static SearchSpace randomSpace(RandomGenerator r) {
        int dims = 1 + r.nextInt(5);
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < dims; i++) {
            String n = "p" + i;
            switch (r.nextInt(7)) {
                case 0 -> ps.add(new Uniform(n, -r.nextDouble() * 10, 1 + r.nextDouble() * 10, null));
                case 1 -> ps.add(new Uniform(n, 0, 1, 0.25));
                case 2 -> ps.add(new LogUniform(n, -4 - r.nextInt(3), r.nextInt(3), null));
                case 3 -> ps.add(new LogUniform(n, -2, 0, 0.1));
                case 4 -> ps.add(new IntegerParameter(n, -r.nextInt(5), 1 + r.nextInt(6), 1 + r.nextInt(2)));
                case 5 -> ps.add(new Categorical(n, List.<Object>of("a")));
                default -> ps.add(new Categorical(n, List.<Object>of("x", 2, true, 4.5).subList(0, 2 + r.nextInt(3))));
            }
        }
        return new SearchSpace(ps);
    }

    @Test
    void everyEngineKeepsTheContractOnRandomSpaces() {
        RandomGenerator meta = Fixtures.rng(2024);
        for (int round = 0; round < 40; round++) {
            SearchSpace space = randomSpace(meta);
            for (String name : List.of("optuna", "hyperopt", "random", "sobol")) {
                Engine e = Engines.byName(name, meta.nextInt(8), meta.nextLong());
                RandomGenerator r = Fixtures.rng(meta.nextLong());
                List<Trial> trials = new ArrayList<>();
                Set<Map<String, Object>> seen = new HashSet<>();
                long card = space.cardinality();
                for (int step = 0; step < 25; step++) {
                    int n = 1 + r.nextInt(6);
                    List<Proposal> ps = e.propose(new Study(space, trials), n, r);
                    assertThat(ps.size()).isLessThanOrEqualTo(n);
                    if (ps.size() < n) {
                        assertThat(seen.size() + ps.size()).as("%s stopped early on %s", name, space).isEqualTo(card);
                    }
                    for (Proposal p : ps) {
                        Fixtures.assertValid(space, p.point());
                        assertThat(seen.add(p.point())).as("%s repeated %s on %s", name, p.point(), space).isTrue();
                        Trial t = Trial.pending(trials.size() + 1, p.point());
                        int s = r.nextInt(10);
                        trials.add(s < 7 ? t.complete(r.nextDouble() * (r.nextInt(20) == 0 ? Double.POSITIVE_INFINITY : 1)) : s < 9 ? t.failed() : t);
                    }
                    if (ps.isEmpty()) {
                        break;
                    }
                }
            }
        }
    }
}
