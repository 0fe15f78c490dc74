package io.parzen.optimizer.engine.gp;

import java.util.List;
import org.apache.commons.math3.special.Erf;

/**
 * The acquisition function (the role of Optuna's {@code _gp/acqf.py}): log expected improvement below
 * the incumbent of a {@link GpModel}, computed stably far from it (Ament et al. 2023), and −∞ where a
 * point may not be proposed: taken points and points next to a fantasy (a pending or already chosen
 * point of the batch). When the model carries hyperparameter samples ({@link GpModel#members()}), the score
 * is the integrated acquisition ln((1/K) Σ_k EI_k), each EI_k below its own GP's incumbent (Snoek et al.
 * 2012, eq. 4 with EI).
 *
 * <p>An instance reads the model as it is when it scores: build one per proposal, after the fantasies
 * of the earlier proposals were added.
 */
final class LogEi {

    /**
     * Below this z the closed form z·Φ(z) + φ(z) cancels to 0 in double precision and the asymptotic
     * series takes over; the two agree to 1e-4 in ln at the switch (Optuna's {@code standard_logei}
     * switches in the same region).
     */
    static final double ASYMPTOTIC_BELOW = -25;
    /** Added to the posterior variance before the square root: σ stays positive where a fantasy pinned it to 0. */
    static final double VARIANCE_FLOOR = 1e-12;
    /**
     * Candidates closer than this many length scales to a fantasy are excluded: the kriging believer
     * removes the variance there, but a mean sloping below the believed value can keep a sliver of EI
     * right next to it, and such a point would duplicate a running evaluation.
     */
    static final double MIN_PENDING_DIST = 0.05;

    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2.0);

    private final SpaceEncoding enc;
    private final GpModel model;
    private final TakenPoints taken;
    private final ConstraintModels constraints;

    LogEi(GpModel model, TakenPoints taken) {
        this(model, taken, null);
    }

    /**
     * With constraint models (ADR 0033), Optuna's {@code ConstrainedLogEI}: log EI below the best feasible
     * result plus {@code Σ ln P(c_k ≤ 0)}; while no result is feasible (incumbent NaN) only the latter.
     */
    LogEi(GpModel model, TakenPoints taken, ConstraintModels constraints) {
        this.enc = model.encoding();
        this.model = model;
        this.taken = taken;
        this.constraints = constraints;
    }

    /** Log EI of snapped points; −∞ for taken ones and for those next to a fantasy. */
    double[] score(List<double[]> us) {
        int m = us.size();
        double[][] f = new double[m][];
        for (int i = 0; i < m; i++) {
            f[i] = enc.features(us.get(i));
        }
        double[] mu = new double[m];
        double[] var = new double[m];
        // ln of the mean EI over the scoring GPs: the hyperparameter samples, or the MAP alone (then exactly its log EI)
        List<GpModel.Member> scorers = model.scorers();
        double[][] perScorer = new double[scorers.size()][m];
        for (int k = 0; k < scorers.size(); k++) {
            GpModel.Member scorer = scorers.get(k);
            scorer.gp().predict(f, mu, var);
            for (int i = 0; i < m; i++) {
                perScorer[k][i] = Double.isNaN(scorer.incumbent()) ? 0 : logEi(mu[i], var[i], scorer.incumbent());
            }
        }
        double lnK = Math.log(scorers.size());
        double[] logEi = new double[m];
        for (int i = 0; i < m; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : perScorer) {
                max = Math.max(max, row[i]);
            }
            double sum = 0;
            for (double[] row : perScorer) {
                sum += Math.exp(row[i] - max);
            }
            logEi[i] = max + Math.log(sum) - lnK;
        }
        double[] out = new double[m];
        double[] feasibility = constraints == null ? null : constraints.logFeasibility(f);
        for (int i = 0; i < m; i++) {
            double ei = logEi[i];
            out[i] = taken.contains(us.get(i)) || nearFantasy(f[i])
                    ? Double.NEGATIVE_INFINITY : feasibility == null ? ei : ei + feasibility[i];
        }
        return out;
    }

    /** True within {@value #MIN_PENDING_DIST} length scales of a pending or already chosen point. */
    private boolean nearFantasy(double[] f) {
        double min = MIN_PENDING_DIST * MIN_PENDING_DIST;
        Matern52Gp gp = model.gp();
        for (double[] q : model.fantasies()) {
            if (gp.scaledSqDist(f, q) < min) {
                return true;
            }
        }
        return false;
    }

    /**
     * ln h(z), h(z) = z·Φ(z) + φ(z) (EI of a standard normal above z units). Direct for
     * z ≥ {@value #ASYMPTOTIC_BELOW}, asymptotic expansion below (h(z) ≈ φ(z)/z²·(1 − 3/z² + 15/z⁴ −
     * 105/z⁶ + 945/z⁸), the odd double factorials of the Mills-ratio series), as in Ament et al. 2023 /
     * Optuna's {@code standard_logei}: finite and smooth far from the incumbent.
     */
    static double logH(double z) {
        if (z >= ASYMPTOTIC_BELOW) {
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
        double sigma = Math.sqrt(var + VARIANCE_FLOOR);
        double z = (f0 - mu) / sigma;
        return logH(z) + Math.log(sigma);
    }
}
