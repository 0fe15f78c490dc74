package io.parzen.optimizer.engine.gp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.special.Erf;

/**
 * Output warps of the losses before the GP sees them (lower = better is kept), always followed by
 * standardization; and the log Jacobian of the whole map, which turns the GP's evidence on the warped
 * values into a likelihood of the raw losses so that warps can be compared.
 */
enum OutputWarp {
    /** Plain standardization (Optuna GPSampler). */
    NONE,
    /**
     * Box-Cox on the shifted values {@code y − min + c}, {@code c = }{@value #BOX_COX_SHIFT}{@code ·(median − min)}
     * (or a tiny floor), λ ∈ [0, 1] by the i.i.d. Gaussian profile likelihood (HEBO uses a fitted power
     * transform): squashes heavy bad tails (Rosenbrock: λ → 0, a log) and stays linear for well-behaved losses.
     */
    BOXCOX,
    /** Gaussian copula: Φ⁻¹((rank − ½)/n), ties averaged (TuRBO challenge baseline). */
    COPULA,
    /**
     * NONE or BOXCOX, whichever gives the larger warped-GP evidence: MAP log posterior of the fitted GP
     * on z plus the log Jacobian of y → z (a warped GP's likelihood of the raw y, Snelson et al. 2004).
     */
    AUTO;

    /**
     * Box-Cox shift, as a fraction of median − min: keeps the best loss off the log's pole while a
     * heavy tail still dominates the range (HEBO's power transform shifts by a similar small offset).
     */
    static final double BOX_COX_SHIFT = 0.1;
    /** Smallest Box-Cox shift, as a fraction of the range, for when half the losses equal the minimum. */
    static final double BOX_COX_MIN_SHIFT = 1e-6;
    /** λ is chosen on the grid 0, 1/K, …, 1 with K = this: fine enough for a profile likelihood, cheap. */
    static final int BOX_COX_LAMBDA_STEPS = 20;
    /** Floor of the variance inside the profile likelihood's log (a constant transform would give −∞). */
    static final double MIN_PROFILE_VARIANCE = 1e-300;
    /** Standard deviation below which values count as constant: they standardize to 0, with no Jacobian term. */
    static final double MIN_STANDARD_DEVIATION = 1e-12;

    /** Warped, standardized targets and the log Jacobian Σ ln|dz_i/dy_i| of the whole map y → z. */
    record Warped(double[] z, double logJacobian) {
    }

    /** Warped and standardized targets (lower = better is kept). */
    double[] apply(double[] y) {
        return withJacobian(y).z();
    }

    Warped withJacobian(double[] y) {
        int n = y.length;
        double[] t;
        double logJac = 0;
        switch (this) {
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
                double c = Math.max(BOX_COX_SHIFT * (median - min), BOX_COX_MIN_SHIFT * range);
                double[] x = new double[n];
                double sumLog = 0;
                for (int i = 0; i < n; i++) {
                    x[i] = (y[i] - min + c) / range;   // scale-free
                    sumLog += Math.log(x[i]);
                }
                double bestLl = Double.NEGATIVE_INFINITY;
                double bestLambda = 1;
                for (int k = 0; k <= BOX_COX_LAMBDA_STEPS; k++) {
                    double lambda = k / (double) BOX_COX_LAMBDA_STEPS;
                    double ll = -0.5 * n * Math.log(Math.max(variance(boxCox(x, lambda)), MIN_PROFILE_VARIANCE))
                            + (lambda - 1) * sumLog;
                    if (ll > bestLl) {
                        bestLl = ll;
                        bestLambda = lambda;
                    }
                }
                t = boxCox(x, bestLambda);
                logJac = (bestLambda - 1) * sumLog - n * Math.log(range);
            }
            case COPULA -> t = copula(y);
            default -> t = y.clone();
        }
        double sd = Math.sqrt(variance(t));
        if (sd > MIN_STANDARD_DEVIATION) {
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
            out[i] = sd > MIN_STANDARD_DEVIATION ? (z[i] - mean) / sd : 0.0;
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

    private static double[] boxCox(double[] x, double lambda) {
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
            out[k] = Math.sqrt(2.0) * Erf.erfInv(2 * ((rank[k] - 0.5) / n) - 1);
        }
        return out;
    }
}
