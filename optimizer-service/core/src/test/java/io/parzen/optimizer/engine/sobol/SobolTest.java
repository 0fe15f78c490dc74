package io.parzen.optimizer.engine.sobol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Fixtures;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SobolTest {

    @Test
    void unscrambledMatchesTheReferenceSequence() {
        // the first points of the Joe–Kuo Sobol sequence (as scipy.stats.qmc.Sobol(scramble=False))
        Sobol s = new Sobol(3);
        double[][] expected = {{0, 0, 0}, {0.5, 0.5, 0.5}, {0.75, 0.25, 0.25}, {0.25, 0.75, 0.75},
                {0.375, 0.375, 0.625}, {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875}, {0.125, 0.625, 0.375}};
        for (int i = 0; i < expected.length; i++) {
            assertThat(s.point(i)).containsExactly(expected[i], within(0.0));
        }
        // dimension 53 exists and its first 2^k points are a permutation of the dyadic grid
        Sobol big = new Sobol(53);
        boolean[] seen = new boolean[64];
        for (int i = 0; i < 64; i++) {
            seen[(int) (big.point(i)[52] * 64)] = true;
        }
        for (boolean b : seen) {
            assertThat(b).isTrue();
        }
    }

    @Test
    void scrambledKeepsStratification() {
        Sobol s = new Sobol(10, 42L);
        for (int d = 0; d < 10; d++) {
            int[] cells = new int[32];
            for (int i = 0; i < 32; i++) {
                cells[(int) (s.point(i)[d] * 32)]++;
            }
            assertThat(cells).containsOnly(1);
        }
        // 2-D projection of the first two dimensions: 64 points, one per 8×8 cell
        int[] cells = new int[64];
        for (int i = 0; i < 64; i++) {
            double[] p = s.point(i);
            cells[(int) (p[0] * 8) * 8 + (int) (p[1] * 8)]++;
        }
        assertThat(cells).containsOnly(1);
        assertThat(new Sobol(10, 43L).point(3)).isNotEqualTo(s.point(3));
    }

    @Test
    void engineContinuesTheSequenceAcrossBatches() {
        SearchSpace space = SearchSpace.of(new Uniform("x", 0, 1, null));
        var e = Engines.byName("sobol", 0, 7);
        List<Trial> trials = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (Proposal p : e.propose(new Study(space, trials), 4, Fixtures.rng(round))) {
                trials.add(Trial.pending(trials.size() + 1, p.point()).complete(0));
            }
        }
        int[] cells = new int[16];
        for (Trial t : trials) {
            cells[(int) ((Double) t.point().get("x") * 16)]++;
        }
        assertThat(cells).containsOnly(1);
    }
}
