package io.parzen.optimizer.multiobjective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParetoHypervolumeTest {

    static double[] p(double... v) {
        return v;
    }

    @Test
    void dominance() {
        assertThat(Pareto.dominates(p(1, 2), p(2, 2))).isTrue();
        assertThat(Pareto.dominates(p(1, 2), p(1, 2))).isFalse();
        assertThat(Pareto.dominates(p(1, 3), p(2, 2))).isFalse();
        assertThat(Pareto.dominates(p(2, 2), p(1, 3))).isFalse();
        assertThatThrownBy(() -> Pareto.dominates(p(1), p(1, 2))).hasMessageContaining("different lengths");
    }

    @Test
    void constrainedDominanceFeasibleFirstThenSmallerViolation() {
        assertThat(Pareto.constrainedDominates(p(9, 9), 0, p(0, 0), 0.1)).isTrue();
        assertThat(Pareto.constrainedDominates(p(0, 0), 0.1, p(9, 9), 0)).isFalse();
        assertThat(Pareto.constrainedDominates(p(9, 9), 0.1, p(0, 0), 0.2)).isTrue();
        assertThat(Pareto.constrainedDominates(p(1, 1), 0, p(2, 2), 0)).isTrue();
    }

    @Test
    void ranksAndFront() {
        List<double[]> pts = List.of(p(1, 5), p(2, 2), p(5, 1), p(3, 3), p(4, 4), p(2, 2), p(Double.NaN, 0));
        assertThat(Pareto.ranks(pts)).containsExactly(0, 0, 0, 1, 2, 0, Integer.MAX_VALUE);
        assertThat(Pareto.front(pts, null)).containsExactly(0, 1, 2, 5);
        // an infeasible point is never on the front, even when it dominates
        boolean[] feasible = {true, false, true, true, true, false, true};
        assertThat(Pareto.front(pts, feasible)).containsExactly(0, 2, 3);
    }

    @Test
    void knownVolumes() {
        assertThat(Hypervolume.of(List.of(p(1, 3), p(2, 2), p(3, 1)), p(4, 4))).isEqualTo(6.0);
        assertThat(Hypervolume.of(List.of(p(0, 0, 0)), p(1, 1, 1))).isEqualTo(1.0);
        assertThat(Hypervolume.of(List.of(p(0, 0.5, 0.5), p(0.5, 0, 0)), p(1, 1, 1))).isCloseTo(0.625, within(1e-15));
        // outside or on the reference box: nothing
        assertThat(Hypervolume.of(List.of(p(4, 0), p(5, 5)), p(4, 4))).isZero();
        assertThat(Hypervolume.of(List.of(), p(1, 1))).isZero();
        // 1 objective: the distance of the best point
        assertThat(Hypervolume.of(List.of(p(0.3), p(0.7)), p(1))).isCloseTo(0.7, within(1e-15));
        // dominated points and duplicates change nothing
        assertThat(Hypervolume.of(List.of(p(1, 3), p(2, 2), p(3, 1), p(3, 3), p(2, 2)), p(4, 4))).isEqualTo(6.0);
    }

    /** Inclusion-exclusion over every subset: the volume of a union of boxes, an independent oracle. */
    static double inclusionExclusion(List<double[]> pts, double[] ref) {
        int n = pts.size();
        int d = ref.length;
        double total = 0;
        for (int mask = 1; mask < (1 << n); mask++) {
            double[] corner = new double[d];
            java.util.Arrays.fill(corner, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    for (int k = 0; k < d; k++) {
                        corner[k] = Math.max(corner[k], pts.get(i)[k]);
                    }
                }
            }
            double vol = 1;
            for (int k = 0; k < d; k++) {
                vol *= Math.max(0, ref[k] - corner[k]);
            }
            total += (Integer.bitCount(mask) % 2 == 1 ? 1 : -1) * vol;
        }
        return total;
    }

    @ParameterizedTest(name = "{0} objectives: HSO = inclusion-exclusion on random sets")
    @ValueSource(ints = {2, 3, 4})
    void matchesInclusionExclusion(int d) {
        SplittableRandom r = new SplittableRandom(d);
        for (int rep = 0; rep < 40; rep++) {
            int n = 1 + r.nextInt(9);
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double[] x = new double[d];
                for (int k = 0; k < d; k++) {
                    x[k] = r.nextDouble() * 1.2; // some beyond the reference
                }
                pts.add(x);
            }
            double[] ref = new double[d];
            java.util.Arrays.fill(ref, 1.0);
            assertThat(Hypervolume.of(pts, ref)).as("rep %d", rep).isCloseTo(inclusionExclusion(pts, ref), within(1e-12));
        }
    }

    @Test
    void derivedReferenceIsTenPercentBeyondTheWorstAsOptuna() {
        double[] ref = Hypervolume.derivedReference(List.of(p(1, -2, 0), p(3, -5, 0)));
        assertThat(ref[0]).isCloseTo(3.3, within(1e-12));
        assertThat(ref[1]).isCloseTo(-1.8, within(1e-12));
        assertThat(ref[2]).isEqualTo(Hypervolume.EPS);
    }

    @Test
    void contributions() {
        double[] c = Hypervolume.contributions(List.of(p(1, 3), p(2, 2), p(3, 1), p(3, 3)), p(4, 4));
        assertThat(c).containsExactly(1.0, 1.0, 1.0, 0.0);
    }
}
