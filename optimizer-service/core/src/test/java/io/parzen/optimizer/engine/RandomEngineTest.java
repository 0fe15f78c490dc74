package io.parzen.optimizer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomEngineTest {

    @Test
    void valuesAreValidForEveryKind() {
        SearchSpace space = Fixtures.mixed();
        List<Proposal> ps = Engines.random().propose(new Study(space, List.of()), 500, Fixtures.rng(1));
        assertThat(ps).hasSize(500);
        for (Proposal p : ps) {
            Fixtures.assertValid(space, p.point());
            assertThat(p.source()).isEqualTo(Source.RANDOM);
        }
    }

    @Test
    void reproducible() {
        SearchSpace space = Fixtures.mixed();
        List<Proposal> a = Engines.random().propose(new Study(space, List.of()), 20, Fixtures.rng(7));
        List<Proposal> b = Engines.random().propose(new Study(space, List.of()), 20, Fixtures.rng(7));
        List<Proposal> c = Engines.random().propose(new Study(space, List.of()), 20, Fixtures.rng(8));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void uniformMarginals() {
        SearchSpace space = SearchSpace.of(new Uniform("x", -2, 3, null), new LogUniform("lr", -5, -1, null));
        List<Proposal> ps = Engines.random().propose(new Study(space, List.of()), 20000, Fixtures.rng(3));
        double mean = 0, var = 0, lmean = 0;
        int[] decades = new int[4];
        for (Proposal p : ps) {
            double x = (Double) p.point().get("x");
            mean += x;
            var += (x - 0.5) * (x - 0.5);
            double e = Math.log10((Double) p.point().get("lr"));
            lmean += e;
            decades[(int) Math.min(3, Math.floor(e + 5))]++;
        }
        mean /= ps.size();
        var /= ps.size();
        lmean /= ps.size();
        assertThat(mean).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.05));
        assertThat(var).isCloseTo(25.0 / 12, org.assertj.core.data.Offset.offset(0.08));
        assertThat(lmean).isCloseTo(-3, org.assertj.core.data.Offset.offset(0.05));
        for (int d : decades) {
            assertThat(d).isBetween(4600, 5400);
        }
    }

    @Test
    void gridPointsEquallyLikely() {
        // integer with step and quantized uniform: end points get the same weight as inner points
        SearchSpace space = SearchSpace.of(new IntegerParameter("bs", 16, 128, 16), new Uniform("d", 0, 0.5, 0.05),
                new Categorical("c", List.of("a", "b", "c")));
        int n = 24000;
        List<Proposal> ps = new ArrayList<>();
        // fresh studies so that the no-duplicate rule does not shape the marginals
        var r = Fixtures.rng(11);
        for (int i = 0; i < n; i++) {
            ps.addAll(Engines.random().propose(new Study(space, List.of()), 1, r));
        }
        int[] bs = new int[8];
        int[] d = new int[11];
        int[] c = new int[3];
        for (Proposal p : ps) {
            bs[(int) (((Long) p.point().get("bs") - 16) / 16)]++;
            d[(int) Math.round((Double) p.point().get("d") / 0.05)]++;
            c[List.of("a", "b", "c").indexOf(p.point().get("c"))]++;
        }
        assertThat(chiSquare(bs, n)).isLessThan(24.3);  // df 7, p = 0.001
        assertThat(chiSquare(d, n)).isLessThan(29.6);   // df 10
        assertThat(chiSquare(c, n)).isLessThan(13.8);   // df 2
    }

    static double chiSquare(int[] counts, int n) {
        double e = (double) n / counts.length;
        double s = 0;
        for (int k : counts) {
            s += (k - e) * (k - e) / e;
        }
        return s;
    }

    @Test
    void noDuplicatesUntilExhaustedThenEmpty() {
        SearchSpace space = Fixtures.small(); // 3 * 2 * 3 = 18 points
        assertThat(space.cardinality()).isEqualTo(18);
        List<Trial> trials = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        var r = Fixtures.rng(5);
        int round = 0;
        while (true) {
            List<Proposal> ps = Engines.random().propose(new Study(space, trials), 4, r);
            if (ps.isEmpty()) {
                break;
            }
            for (Proposal p : ps) {
                assertThat(seen.add(p.point())).as("duplicate %s", p.point()).isTrue();
                Trial t = Trial.pending(trials.size() + 1, p.point());
                // a mix of states: complete, failed and left pending
                trials.add(round % 3 == 0 ? t.complete(1.0) : round % 3 == 1 ? t.failed() : t);
            }
            round++;
        }
        assertThat(seen).hasSize(18);
        assertThat(Engines.random().propose(new Study(space, trials), 3, r)).isEmpty();
    }

    @Test
    void byNameRejectsUnknown() {
        assertThatThrownBy(() -> Engines.byName("nope", 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("optuna").hasMessageContaining("random");
        assertThat(Engines.byName("random", 20).name()).isEqualTo("random");
    }
}
