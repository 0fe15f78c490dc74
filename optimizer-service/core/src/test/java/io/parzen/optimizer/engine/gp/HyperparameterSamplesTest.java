package io.parzen.optimizer.engine.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HyperparameterSamplesTest {

    private static double mean(List<double[]> s, int k) {
        return s.stream().mapToDouble(t -> t[k]).average().orElseThrow();
    }

    private static double sd(List<double[]> s, int k) {
        double m = mean(s, k);
        return Math.sqrt(s.stream().mapToDouble(t -> (t[k] - m) * (t[k] - m)).sum() / (s.size() - 1));
    }

    @Test
    void samplesAGaussianWithItsMeanAndSpread() {
        // N(1, 0.5²) × N(−2, 2²), the chain started away from the mode; 2,000 thinned draws: the standard
        // error of a mean is about σ/√(2000/τ) with τ a few sweeps, well inside the tolerances below
        double[] mu = {1, -2};
        double[] sigma = {0.5, 2};
        List<double[]> s = HyperparameterSamples.sample(t -> {
            double lp = 0;
            for (int k = 0; k < 2; k++) {
                double z = (t[k] - mu[k]) / sigma[k];
                lp -= 0.5 * z * z;
            }
            return lp;
        }, new double[] {0, 0}, 2, 2000, new SplittableRandom(11));
        assertThat(s).hasSize(2000);
        assertThat(mean(s, 0)).isCloseTo(1, within(0.1));
        assertThat(mean(s, 1)).isCloseTo(-2, within(0.4));
        assertThat(sd(s, 0)).isCloseTo(0.5, within(0.06));
        assertThat(sd(s, 1)).isCloseTo(2, within(0.25));
    }

    @Test
    void staysInsideTheSupportAndLeavesUnsampledCoordinatesAlone() {
        // uniform on [0, 1] in the first coordinate, −∞ outside; the second coordinate is not sampled
        List<double[]> s = HyperparameterSamples.sample(t -> t[0] < 0 || t[0] > 1 ? Double.NEGATIVE_INFINITY : 0,
                new double[] {0.5, 7}, 1, 1000, new SplittableRandom(3));
        assertThat(s).allSatisfy(t -> {
            assertThat(t[0]).isBetween(0.0, 1.0);
            assertThat(t[1]).isEqualTo(7);
        });
        assertThat(mean(s, 0)).isCloseTo(0.5, within(0.05));
        assertThat(sd(s, 0)).isCloseTo(Math.sqrt(1.0 / 12), within(0.03));
    }

    @Test
    void noSamplesFromAStartOutsideTheSupport() {
        assertThat(HyperparameterSamples.sample(t -> Double.NEGATIVE_INFINITY, new double[] {0}, 1, 5,
                new SplittableRandom(1))).isEmpty();
    }

    @Test
    void theDataDecideHowFarTheLengthScalesSpread() {
        // y depends on x0 only: ℓ1 (irrelevant) is longer than ℓ0, and the samples spread around the MAP
        SplittableRandom r = new SplittableRandom(5);
        int n = 30;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextDouble();
            x[i][1] = r.nextDouble();
            y[i] = Math.sin(6 * x[i][0]);
        }
        y = OutputWarp.standardize(y);
        Matern52Gp gp = new Matern52Gp(new int[] {0, 1}, 2, true);
        gp.fit(x, y, new double[][] {Matern52Gp.defaultTheta(2)}, 100);
        Matern52Gp.FitProblem problem = gp.new FitProblem(x, y);
        double[] grad = new double[4];
        List<double[]> s = HyperparameterSamples.sample(t -> -problem.valueAndGradient(t, grad), gp.theta(), 3, 200,
                new SplittableRandom(8));
        assertThat(s).hasSize(200);
        assertThat(mean(s, 1)).isGreaterThan(mean(s, 0) + 1);
        assertThat(mean(s, 0)).isCloseTo(gp.theta()[0], within(0.3));
        assertThat(sd(s, 0)).isBetween(0.05, 0.5);
        assertThat(s.stream().mapToDouble(t -> t[3])).containsOnly(gp.theta()[3]);
    }
}
