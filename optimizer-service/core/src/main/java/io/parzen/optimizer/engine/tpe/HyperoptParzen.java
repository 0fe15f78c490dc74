package io.parzen.optimizer.engine.tpe;

import io.parzen.optimizer.space.Codec;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One dimension's estimator as HyperOpt 0.2.7's {@code tpe.py} builds it (optimizers.md §3.3–3.5).
 *
 * <p>Numeric ({@code adaptive_parzen_normal}): the prior mean (low+high)/2 is inserted among the
 * sorted centres (searchsorted left) and counts as a neighbour; σ = max(left gap, right gap), the
 * extremes use their one gap; for one observation σ = prior_sigma/2; clip to
 * [prior_sigma/min(100, m+2), prior_sigma], then the prior's σ is reset to prior_sigma = high − low.
 * Weights: linear forgetting (LF = 25) on the observations in trial order, the prior weight appended,
 * normalised. The mixture is truncated <em>globally</em> to [low, high]: sampling draws a component
 * with probability ∝ w_k·mass_k (the same law as HyperOpt's rejection sampling) and then a truncated
 * normal; densities divide by p_accept = Σ w_k mass_k — except for a continuous Log Uniform, where
 * HyperOpt's {@code LGMM1_lpdf} skips p_accept (quirk kept).
 * Discrete dimensions follow {@code quniform} / {@code qloguniform}: the mass of
 * [max(v − q/2, low), min(v + q/2, high)] (log-normal CDF for the log family), so the two end values
 * have half-width cells; bounds are the parameter's own [min, max] (not widened).
 *
 * <p>Categorical ({@code ap_categorical_sampler}): p(c) ∝ Σ LF-weights of the observations of c +
 * prior_weight (one pseudo-count per category).
 */
final class HyperoptParzen {

    /** With one observation its σ is this share of the prior's σ (HyperOpt 0.2.7 {@code adaptive_parzen_normal}). */
    static final double ONE_OBSERVATION_SIGMA = 0.5;
    /** Bandwidth clip σ ≥ prior σ / min(this, m + 2) (HyperOpt 0.2.7 {@code adaptive_parzen_normal}). */
    static final double MAX_SIGMA_DIVISOR = 100.0;
    /** A component more than this many σ from a cell has no mass there (Φ(−12) ≈ 2e-33). */
    static final double FAR = 12;

    private final Codec codec;
    private final int d;
    private final Codec.Kind kind;
    private final boolean log;
    private final int k;            // components
    private final double[] w;       // normalised weights
    private final double[] mu;
    private final double[] sigma;
    private final double low;       // truncation bounds, transformed
    private final double high;
    private final double[] pickCum; // cumulative of w_k·mass_k (numeric) or p_c (categorical)
    private final double logPAccept;
    private final double[] catLogP;
    private double[] logW;          // ln w_k
    private double[] logNorm;       // ln w_k − ln σ_k − ln √(2π)
    private double[] scratch;

    HyperoptParzen(Codec codec, int d, double[] values, int m, double priorWeight, int lf) {
        this.codec = codec;
        this.d = d;
        this.kind = codec.kind(d);
        this.log = codec.isLog(d);
        double[] lfw = linearForgetting(m, lf);
        if (kind == Codec.Kind.CATEGORICAL) {
            int c = (int) codec.count(d);
            double[] counts = new double[c];
            double total = 0;
            for (int i = 0; i < m; i++) {
                counts[(int) values[i]] += lfw[i];
                total += lfw[i];
            }
            catLogP = new double[c];
            pickCum = new double[c];
            double acc = 0;
            for (int j = 0; j < c; j++) {
                double p = (counts[j] + priorWeight) / (total + c * priorWeight);
                catLogP[j] = Math.log(p);
                acc += p;
                pickCum[j] = acc;
            }
            k = 0;
            w = mu = sigma = null;
            low = high = logPAccept = 0;
            return;
        }
        catLogP = null;
        if (kind == Codec.Kind.CONTINUOUS) {
            low = codec.low(d);
            high = codec.high(d);
        } else {
            double vmin = codec.gridValue(d, 0);
            double vmax = maxValue(codec, d);
            low = log ? Math.log(vmin) : vmin;
            high = log ? Math.log(vmax) : vmax;
        }
        double priorMu = 0.5 * (low + high);
        double priorSigma = high - low;
        double[] obs = new double[m];
        for (int i = 0; i < m; i++) {
            obs[i] = kind == Codec.Kind.DISCRETE ? codec.center(d, (long) values[i]) : values[i];
        }
        int[] order = MultivariateParzen.sortOrder(obs, m);
        k = m + 1;
        mu = new double[k];
        sigma = new double[k];
        w = new double[k];
        int priorPos = 0;
        while (priorPos < m && obs[order[priorPos]] < priorMu) {
            priorPos++; // searchsorted(left)
        }
        for (int j = 0, s = 0; j < k; j++) {
            if (j == priorPos) {
                mu[j] = priorMu;
                w[j] = priorWeight;
            } else {
                int i = order[s++];
                mu[j] = obs[i];
                w[j] = lfw[i];
            }
        }
        if (m == 0) {
            sigma[0] = priorSigma;
        } else if (m == 1) {
            sigma[priorPos] = priorSigma;
            sigma[1 - priorPos] = priorSigma * ONE_OBSERVATION_SIGMA;
        } else {
            for (int j = 0; j < k; j++) {
                double left = j == 0 ? Double.NEGATIVE_INFINITY : mu[j] - mu[j - 1];
                double right = j == k - 1 ? Double.NEGATIVE_INFINITY : mu[j + 1] - mu[j];
                sigma[j] = Math.max(left, right);
            }
        }
        double minSigma = priorSigma / Math.min(MAX_SIGMA_DIVISOR, m + 2.0);
        for (int j = 0; j < k; j++) {
            sigma[j] = Math.max(minSigma, Math.min(priorSigma, sigma[j]));
        }
        sigma[priorPos] = priorSigma;
        double total = 0;
        for (double x : w) {
            total += x;
        }
        pickCum = new double[k];
        double pAccept = 0;
        for (int j = 0; j < k; j++) {
            w[j] /= total;
            pAccept += w[j] * Normal.mass((low - mu[j]) / sigma[j], (high - mu[j]) / sigma[j]);
            pickCum[j] = pAccept;
        }
        logPAccept = Math.log(pAccept);
        logW = new double[k];
        logNorm = new double[k];
        scratch = new double[k];
        for (int j = 0; j < k; j++) {
            logW[j] = Math.log(w[j]);
            logNorm[j] = logW[j] - Math.log(sigma[j]) - Normal.LN_SQRT_2PI;
        }
    }

    private static double maxValue(Codec codec, int d) {
        return codec.gridValue(d, codec.count(d) - 1);
    }

    /** HyperOpt's {@code linear_forgetting_weights(N, LF)}: ones, or a ramp 1/N..1 on the oldest N−LF. */
    static double[] linearForgetting(int n, int lf) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        if (n > lf) {
            int ramp = n - lf;
            for (int i = 0; i < ramp; i++) {
                w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
            }
        }
        return w;
    }

    /** One draw (a code). */
    double sample(RandomGenerator random) {
        double u = random.nextDouble() * pickCum[pickCum.length - 1];
        int j = 0;
        while (j < pickCum.length - 1 && pickCum[j] <= u) {
            j++;
        }
        if (kind == Codec.Kind.CATEGORICAL) {
            return j;
        }
        double z = Normal.truncatedPpf((low - mu[j]) / sigma[j], (high - mu[j]) / sigma[j], random.nextDouble());
        double x = Math.max(low, Math.min(high, mu[j] + sigma[j] * z));
        return kind == Codec.Kind.CONTINUOUS ? x : codec.nearestIndex(d, x);
    }

    /** ln density (or ln probability for finite dimensions) of a code. */
    double logPdf(double code) {
        if (kind == Codec.Kind.CATEGORICAL) {
            return catLogP[(int) code];
        }
        double[] terms = scratch;
        if (kind == Codec.Kind.CONTINUOUS) {
            for (int j = 0; j < k; j++) {
                double z = (code - mu[j]) / sigma[j];
                terms[j] = logNorm[j] - 0.5 * z * z;
            }
            double lp = MultivariateParzen.logSumExp(terms);
            // log family: the Jacobian 1/x, and no p_accept (HyperOpt's LGMM1_lpdf with q = None)
            return log ? lp - code : lp - logPAccept;
        }
        long idx = (long) code;
        double v = codec.gridValue(d, idx);
        double step = codec.step(d);
        double vmin = codec.gridValue(d, 0);
        double vmax = maxValue(codec, d);
        double lb = Math.max(v - step / 2, vmin);
        double ub = Math.min(v + step / 2, vmax);
        if (log) {
            lb = Math.log(lb);
            ub = Math.log(ub);
        }
        for (int j = 0; j < k; j++) {
            double zl = (lb - mu[j]) / sigma[j];
            double zr = (ub - mu[j]) / sigma[j];
            terms[j] = (zl > FAR || zr < -FAR) ? Double.NEGATIVE_INFINITY : logW[j] + Normal.logMass(zl, zr);
        }
        return MultivariateParzen.logSumExp(terms) - logPAccept;
    }
}
