package io.parzen.optimizer.engine.gp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.special.Erf;

/** Numerically stable log expected improvement and output warps. */
final class GpMath {

    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2.0);

    private GpMath() {
    }

    /**
     * ln h(z), h(z) = z·Φ(z) + φ(z) (EI of a standard normal above z units). Direct for z ≥ −25,
     * asymptotic expansion below (h(z) ≈ φ(z)/z²·(1 − 3/z² + 15/z⁴ − 105/z⁶ + 945/z⁸)), as in
     * Ament et al. 2023 / Optuna's {@code standard_logei}: finite and smooth far from the incumbent.
     */
    static double logH(double z) {
        if (z >= -25) {
            double cdf = 0.5 * Erf.erfc(-z / SQRT2);
            double pdf = Math.exp(-0.5 * z * z - LN_SQRT_2PI);
            double h = z * cdf + pdf;
            if (h > 0) {
                return Math.log(h);
            }
        }
        double iz2 = 1.0 / (z * z);
        double series = 1 - 3 * iz2 + 15 * iz2 * iz2 - 105 * iz2 * iz2 * iz2 + 945 * iz2 * iz2 * iz2 * iz2;
        return -0.5 * z * z - LN_SQRT_2PI + Math.log(iz2) + Math.log(series);
    }

    /** log EI for MINIMIZATION below the incumbent f0, at posterior mean mu and variance var. */
    static double logEi(double mu, double var, double f0) {
        double sigma = Math.sqrt(var + 1e-12);
        double z = (f0 - mu) / sigma;
        return logH(z) + Math.log(sigma);
    }

    /** Output warps (applied before standardizing). */
    enum Warp {
        /** Plain standardization (Optuna GPSampler). */
        NONE,
        /**
         * Box-Cox on the shifted values {@code y − min + c}, {@code c = 0.1·(median − min)} (or a tiny floor),
         * λ ∈ [0, 1] by the i.i.d. Gaussian profile likelihood (HEBO uses a fitted power transform):
         * squashes heavy bad tails (Rosenbrock: λ → 0, a log) and stays linear for well-behaved losses.
         */
        BOXCOX,
        /** Gaussian copula: Φ⁻¹((rank − ½)/n), ties averaged (TuRBO challenge baseline). */
        COPULA,
        /**
         * NONE or BOXCOX, whichever gives the larger warped-GP evidence: MAP log posterior of the fitted GP
         * on z plus the log Jacobian of y → z (a warped GP's likelihood of the raw y, Snelson et al. 2004).
         */
        AUTO
    }

    /** Warped, standardized targets and the log Jacobian Σ ln|dz_i/dy_i| of the whole map y → z. */
    record Warped(double[] z, double logJacobian) {
    }

    /** Warped and standardized targets (lower = better is kept). */
    static double[] warp(double[] y, Warp mode) {
        return warpWithJacobian(y, mode).z();
    }

    static Warped warpWithJacobian(double[] y, Warp mode) {
        int n = y.length;
        double[] t;
        double logJac = 0;
        switch (mode) {
            case BOXCOX -> {
                double[] sorted = y.clone();
                Arrays.sort(sorted);
                double min = sorted[0];
                double median = sorted[n / 2];
                double range = sorted[n - 1] - min;
                if (!(range > 0)) {
                    t = y.clone();
                    break;
                }
                double c = Math.max(0.1 * (median - min), 1e-6 * range);
                double[] x = new double[n];
                double sumLog = 0;
                for (int i = 0; i < n; i++) {
                    x[i] = (y[i] - min + c) / range;   // scale-free
                    sumLog += Math.log(x[i]);
                }
                double bestLl = Double.NEGATIVE_INFINITY;
                double bestLambda = 1;
                for (int k = 0; k <= 20; k++) {
                    double lambda = k / 20.0;
                    double ll = -0.5 * n * Math.log(Math.max(variance(transform(x, lambda)), 1e-300)) + (lambda - 1) * sumLog;
                    if (ll > bestLl) {
                        bestLl = ll;
                        bestLambda = lambda;
                    }
                }
                t = transform(x, bestLambda);
                logJac = (bestLambda - 1) * sumLog - n * Math.log(range);
            }
            case COPULA -> t = copula(y);
            default -> t = y.clone();
        }
        double sd = Math.sqrt(variance(t));
        if (sd > 1e-12) {
            logJac -= n * Math.log(sd);
        }
        return new Warped(standardize(t), logJac);
    }

    static double[] standardize(double[] z) {
        int n = z.length;
        double mean = Arrays.stream(z).average().orElse(0);
        double sd = Math.sqrt(variance(z));
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = sd > 1e-12 ? (z[i] - mean) / sd : 0.0;
        }
        return out;
    }

    private static double variance(double[] t) {
        double mean = Arrays.stream(t).average().orElse(0);
        double var = 0;
        for (double v : t) {
            var += (v - mean) * (v - mean);
        }
        return var / Math.max(1, t.length);
    }

    private static double[] transform(double[] x, double lambda) {
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = lambda == 0 ? Math.log(x[i]) : (Math.pow(x[i], lambda) - 1) / lambda;
        }
        return t;
    }

    static double[] copula(double[] y) {
        int n = y.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> y[i]));
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && y[order[j + 1]] == y[order[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = r;
            }
            i = j + 1;
        }
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = SQRT2 * Erf.erfInv(2 * ((rank[k] - 0.5) / n) - 1);
        }
        return out;
    }

    /** Spearman rank correlation. */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = Arrays.stream(ra).average().orElse(0);
        double mb = Arrays.stream(rb).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0.0;
    }

    private static double[] ranks(double[] y) {
        int n = y.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> y[i]));
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && y[order[j + 1]] == y[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                rank[order[k]] = (i + j) / 2.0;
            }
            i = j + 1;
        }
        return rank;
    }
}
