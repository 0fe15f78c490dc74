package io.parzen.optimizer.engine.tpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class TpeInternalsTest {

    @Test
    void optunaGamma() {
        assertThat(OptunaTpeEngine.gamma(10)).isEqualTo(1);
        assertThat(OptunaTpeEngine.gamma(11)).isEqualTo(2);
        assertThat(OptunaTpeEngine.gamma(20)).isEqualTo(2);
        assertThat(OptunaTpeEngine.gamma(100)).isEqualTo(10);
        assertThat(OptunaTpeEngine.gamma(240)).isEqualTo(24);
        assertThat(OptunaTpeEngine.gamma(241)).isEqualTo(25);
        assertThat(OptunaTpeEngine.gamma(5000)).isEqualTo(25);
    }

    @Test
    void hyperoptNBelow() {
        assertThat(HyperoptTpeEngine.nBelow(20)).isEqualTo(2);
        assertThat(HyperoptTpeEngine.nBelow(100)).isEqualTo(3);
        assertThat(HyperoptTpeEngine.nBelow(400)).isEqualTo(5);
        assertThat(HyperoptTpeEngine.nBelow(9216)).isEqualTo(24);
        assertThat(HyperoptTpeEngine.nBelow(9217)).isEqualTo(25);
    }

    @Test
    void defaultWeights() {
        assertThat(OptunaTpeEngine.weights(24)).containsOnly(1.0);
        double[] w = OptunaTpeEngine.weights(30); // ramp linspace(1/30, 1, 5) then 25 ones
        assertThat(w[0]).isCloseTo(1.0 / 30, within(1e-15));
        assertThat(w[2]).isCloseTo(1.0 / 30 + (1 - 1.0 / 30) / 2, within(1e-15));
        assertThat(w[4]).isCloseTo(1.0, within(1e-15));
        for (int i = 5; i < 30; i++) {
            assertThat(w[i]).isEqualTo(1.0);
        }
        assertThat(HyperoptParzen.linearForgetting(30, 25)).containsExactly(w);
    }

    @Test
    void optunaBandwidthExample() {
        // optimizers.md §1.5: {0.1, 0.5, 0.9, 0.85} on [0, 1] → {0.4, 0.4, 0.1667, 0.35}
        double[] c = {0.1, 0.5, 0.9, 0.85};
        double[] s = new double[4];
        MultivariateParzen.bandwidths(c, 4, 0, 1, s, MultivariateParzen.sortOrder(c, 4));
        assertThat(s[0]).isCloseTo(0.4, within(1e-12));
        assertThat(s[1]).isCloseTo(0.4, within(1e-12));
        assertThat(s[2]).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(s[3]).isCloseTo(0.35, within(1e-12));
        // one observation: the domain edges count
        double[] one = new double[1];
        MultivariateParzen.bandwidths(new double[] {0.2}, 1, 0, 1, one, new int[] {0});
        assertThat(one[0]).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void normalFunctionsMatchCommonsMath() {
        NormalDistribution n = new NormalDistribution(0, 1);
        for (double z = -8; z <= 8; z += 0.37) {
            assertThat(Normal.cdf(z)).isCloseTo(n.cumulativeProbability(z), within(1e-14));
        }
        for (double p : new double[] {0.001, 0.01, 0.2, 0.5, 0.77, 0.999}) {
            assertThat(Normal.ppf(p)).isCloseTo(n.inverseCumulativeProbability(p), within(1e-9));
        }
        // far tails (commons-math's inverse is less accurate there): round trip through the CDF
        for (double p : new double[] {1e-300, 1e-100, 1e-20, 1e-12, 1e-6}) {
            assertThat(Normal.cdf(Normal.ppf(p)) / p).isCloseTo(1.0, within(1e-12));
        }
        assertThat(Normal.ppf(1 - 1e-9)).isCloseTo(-Normal.ppf(1e-9), within(1e-6));
        // tail accuracy far out: Φ(−30) ≈ 4.906e-198
        assertThat(Normal.tail(-30) / 4.906713927148187e-198).isCloseTo(1.0, within(1e-9));
        assertThat(Normal.logMass(35, 36)).isFinite();
        assertThat(Normal.logMass(-1, 1)).isCloseTo(Math.log(0.6826894921370859), within(1e-13));
    }

    @Test
    void truncatedSamplesStayInsideAndHaveTheRightMean() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        double a = -0.3, b = 2.5;
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double x = Normal.truncatedPpf(a, b, r.nextDouble());
            assertThat(x).isBetween(a, b);
            sum += x;
        }
        double phiA = Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI);
        double phiB = Math.exp(-b * b / 2) / Math.sqrt(2 * Math.PI);
        assertThat(sum / n).isCloseTo((phiA - phiB) / Normal.mass(a, b), within(0.005));
    }
}
