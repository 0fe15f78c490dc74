package io.parzen.optimizer.engine.gp;

import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Erf;

/**
 * The constraint part of Optuna's {@code ConstrainedLogEI} (ADR 0033): one GP per constraint on the complete
 * trials' constraint values, standardized; a point's score is {@code Σ_k ln P(c_k(x) ≤ 0)} (Optuna's
 * {@code LogPI} with the threshold 0 in the constraint's units), added to the objective's log EI.
 *
 * <p>Differences from Optuna, on purpose: a value that could not be evaluated ({@code +Infinity}: a missing
 * metadata key) is replaced by the largest finite value of that constraint, or 1 when none is finite (a GP
 * needs finite targets); a constraint whose values are all equal carries no information about where it holds
 * and is left out (its term would be the same at every point). The hyperparameters are a MAP fit with the
 * objective GP's priors from the default start; the constraint GPs get no fantasies of pending points.
 */
final class ConstraintModels {

    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2.0);
    /** Below this z, ln Φ(z) is taken from its asymptotic series. */
    private static final double ASYMPTOTIC_BELOW = -20;
    private static final int FIT_ITERATIONS = 60;

    private final List<Matern52Gp> gps;
    /** Per GP, the standardized threshold: (0 − mean) / std. */
    private final List<Double> thresholds;

    private ConstraintModels(List<Matern52Gp> gps, List<Double> thresholds) {
        this.gps = gps;
        this.thresholds = thresholds;
    }

    /** The models of the study's constraints; null when its complete trials carry no constraint values. */
    static ConstraintModels fit(Study study, SpaceEncoding enc) {
        List<Trial> done = study.completed().stream()
                .filter(t -> t.loss() != null && Double.isFinite(t.loss()) && t.constrained()).toList();
        if (done.size() < GpModel.MIN_RESULTS) {
            return null;
        }
        int k = done.get(0).constraints().length;
        double[][] fx = new double[done.size()][];
        for (int i = 0; i < fx.length; i++) {
            fx[i] = enc.features(enc.encode(done.get(i).point()));
        }
        List<Matern52Gp> gps = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double[] y = new double[done.size()];
            double maxFinite = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < y.length; i++) {
                double[] cs = done.get(i).constraints();
                y[i] = c < cs.length ? cs[c] : Double.POSITIVE_INFINITY;
                if (Double.isFinite(y[i])) {
                    maxFinite = Math.max(maxFinite, y[i]);
                }
            }
            double fill = Double.isFinite(maxFinite) ? maxFinite : 1.0;
            double mean = 0;
            for (int i = 0; i < y.length; i++) {
                if (!Double.isFinite(y[i])) {
                    y[i] = fill;
                }
                mean += y[i];
            }
            mean /= y.length;
            double var = 0;
            for (double v : y) {
                var += (v - mean) * (v - mean);
            }
            double std = Math.sqrt(var / y.length);
            if (!(std > 0)) {
                continue; // all equal: no information about where it holds
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = (y[i] - mean) / std;
            }
            Matern52Gp gp = new Matern52Gp(enc.groupOfFeature(), enc.parameterCount());
            gp.fit(fx, y, new double[][] {Matern52Gp.defaultTheta(enc.parameterCount())}, FIT_ITERATIONS);
            if (!gp.condition(fx, y)) {
                gp.setTheta(Matern52Gp.defaultTheta(enc.parameterCount()));
                if (!gp.condition(fx, y)) {
                    continue;
                }
            }
            gps.add(gp);
            thresholds.add(-mean / std);
        }
        return gps.isEmpty() ? null : new ConstraintModels(gps, thresholds);
    }

    /** Σ_k ln P(c_k ≤ 0) at the given feature rows. */
    double[] logFeasibility(double[][] f) {
        int m = f.length;
        double[] out = new double[m];
        double[] mu = new double[m];
        double[] var = new double[m];
        for (int k = 0; k < gps.size(); k++) {
            gps.get(k).predict(f, mu, var);
            double t = thresholds.get(k);
            for (int i = 0; i < m; i++) {
                double sigma = Math.sqrt(var[i] + LogEi.VARIANCE_FLOOR);
                out[i] += logNdtr((t - mu[i]) / sigma);
            }
        }
        return out;
    }

    /** ln Φ(z), stable for very negative z. */
    static double logNdtr(double z) {
        if (z >= ASYMPTOTIC_BELOW) {
            double cdf = 0.5 * Erf.erfc(-z / SQRT2);
            if (cdf > 0) {
                return Math.log(cdf);
            }
        }
        double iz2 = 1.0 / (z * z);
        double series = 1 - iz2 + 3 * iz2 * iz2 - 15 * iz2 * iz2 * iz2;
        return -0.5 * z * z - LN_SQRT_2PI - Math.log(-z) + Math.log(series);
    }
}
