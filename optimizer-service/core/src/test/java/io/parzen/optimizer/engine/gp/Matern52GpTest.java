package io.parzen.optimizer.engine.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Matern52GpTest {

    private static double[][] data(int n, int d, SplittableRandom r) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextDouble();
            }
        }
        return x;
    }

    @Test
    void analyticGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] x = data(25, 3, r);
        double[] y = new double[25];
        for (int i = 0; i < 25; i++) {
            y[i] = Math.sin(5 * x[i][0]) + x[i][1] * x[i][1] + 0.1 * r.nextDouble();
        }
        y = OutputWarp.standardize(y);
        Matern52Gp gp = new Matern52Gp(new int[] {0, 1, 2}, 3);
        double[] t = {Math.log(0.3), Math.log(0.7), Math.log(1.5), Math.log(0.8), Math.log(1e-3)};
        Matern52Gp.FitProblem prob = gp.new FitProblem(x, y);
        double[] g = new double[t.length];
        double f = prob.valueAndGradient(t, g);
        assertThat(f).isFinite();
        for (int k = 0; k < t.length; k++) {
            double h = 1e-5;
            double[] tp = t.clone();
            double[] tm = t.clone();
            tp[k] += h;
            tm[k] -= h;
            double fd = (prob.valueAndGradient(tp, new double[t.length]) - prob.valueAndGradient(tm, new double[t.length])) / (2 * h);
            assertThat(g[k]).as("d/dθ%d", k).isCloseTo(fd, within(1e-4 * Math.max(1, Math.abs(fd))));
        }
    }

    @Test
    void fitImprovesPosteriorAndInterpolates() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] x = data(30, 2, r);
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            y[i] = Math.sin(6 * x[i][0]);   // x2 irrelevant
        }
        y = OutputWarp.standardize(y);
        Matern52Gp gp = new Matern52Gp(new int[] {0, 1}, 2);
        double before = gp.negLogPosterior(x, y, gp.theta());
        gp.fit(x, y, new double[][] {Matern52Gp.defaultTheta(2)}, 100);
        double after = gp.negLogPosterior(x, y, gp.theta());
        assertThat(after).isLessThan(before);
        assertThat(gp.lengthScale(1)).isGreaterThan(gp.lengthScale(0));
        assertThat(gp.condition(x, y)).isTrue();
        double[] mu = new double[1];
        double[] var = new double[1];
        gp.predict(new double[][] {x[0]}, mu, var);
        assertThat(mu[0]).isCloseTo(y[0], within(0.05));
        assertThat(var[0]).isLessThan(0.01);
    }

    @Test
    void logEiIsFiniteMonotoneAndMatchesDirectFormula() {
        // direct EI where it is accurate
        double mu = 0.3;
        double var = 0.04;
        double f0 = 0.1;
        double s = Math.sqrt(var);
        double z = (f0 - mu) / s;
        org.apache.commons.math3.distribution.NormalDistribution nd = new org.apache.commons.math3.distribution.NormalDistribution();
        double ei = s * (z * nd.cumulativeProbability(z) + nd.density(z));
        assertThat(LogEi.logEi(mu, var, f0)).isCloseTo(Math.log(ei), within(1e-6));
        double prev = Double.NEGATIVE_INFINITY;
        for (double zz = -60; zz <= 5; zz += 0.25) {
            double v = LogEi.logH(zz);
            assertThat(v).isFinite().isGreaterThan(prev);
            prev = v;
        }
        // continuity at the switch point
        assertThat(LogEi.logH(-25.0000001)).isCloseTo(LogEi.logH(-24.9999999), within(1e-4));
    }
}
