package io.parzen.optimizer.engine.tpe;

import io.parzen.optimizer.space.Codec;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Optuna 5's multivariate Parzen estimator ({@code _ParzenEstimator}, optimizers.md §1.5–1.7): a
 * mixture of m observation kernels plus one prior kernel; each kernel is a product over dimensions.
 *
 * <ul>
 *   <li>Numeric dimensions, in transformed space (log for Log Uniform): centres are the observations;
 *       bandwidth by the neighbour rule with {@code consider_endpoints=False} (for m ≥ 2 the extreme
 *       centres use their one inner gap; for m = 1 the domain edges count); magic clip to
 *       [(H−L)/min(100, m+2), H−L]; prior kernel at (L+H)/2 with σ = H−L. Continuous dimensions are
 *       truncated normals on [low, high]; discrete ones (integers, Q.Step) are truncated normals on the
 *       widened range [L, H] = [low − step/2, high + step/2], integrated over the cell of a value.
 *       Every component is normalised on its own.</li>
 *   <li>Categorical dimensions: observation row {@code (1[c = o] + a) / (1 + C·a)} with
 *       {@code a = priorWeight / (m+1)}; the prior row is uniform.</li>
 * </ul>
 *
 * Codes: transformed values for continuous dimensions, grid indices for discrete ones, category
 * indices for categorical ones (see {@link Codec}).
 */
final class MultivariateParzen {

    /** Components far beyond this many σ from a discrete cell contribute nothing (mass below 1e-32). */
    private static final double FAR = 12.0;
    /** Beyond this many σ the normal CDF is 0 or 1 to double precision (Φ(−8.5) ≈ 1e-17). */
    private static final double NEGLIGIBLE = 8.5;
    /** Cells narrower than this many σ are integrated by the midpoint rule. */
    private static final double NARROW = 2e-3;
    /**
     * The running product of σ's is folded into the log term once it leaves [1/this, this]: far from
     * double's limits (1e±308) even after one more factor, and rarely enough to save most logs.
     */
    private static final double SIGMA_PRODUCT_LIMIT = 1e150;
    /**
     * Optuna 5's "magic clip" of the bandwidth: σ ≥ range / min(this, m + 2)
     * ({@code _calculate_numerical_distributions}, {@code consider_magic_clip=True}).
     */
    static final double MAGIC_CLIP_MAX_DIVISOR = 100.0;
    /** Terms more than this below the maximum are left out of a log-sum-exp: e⁻⁴⁰ ≈ 4e-18 is below double's ulp of 1. */
    static final double LOG_SUM_EXP_CUT = 40;

    private final Codec codec;
    private final int dims;
    private final int kernels;          // m observations + 1 prior (last)
    private final int m;
    private final double[] weights;     // normalised, length kernels
    private final double[] cumWeights;
    private final double[] base;        // ln w_k + per-kernel constants of every dimension
    private final double[][] mu;        // [d][k] transformed centres (numeric dims)
    private final double[][] sigma;     // [d][k]
    private final double[][] invSigma;  // [d][k]
    private final double[] lo;          // [d] truncation bounds (transformed; widened for discrete)
    private final double[] hi;
    private final int[][] cat;          // [d][k] observed category (categorical dims)
    private final int[][] pairs;        // [d][k] id of the kernel's (centre, sigma) pair (discrete dims)
    private final double[][] pairMu;    // [d][id]
    private final double[][] pairSigma; // [d][id]
    private double[] sigmaProduct;      // running product of continuous sigmas (one log at the end)
    private final double[] catHit;
    private final double[] catMiss;
    private final double catA;
    private final int[] contDims;
    private final int[] discDims;
    private final int[] catDims;

    /**
     * @param codes [d][m] codes of the observations, in trial order
     * @param rawWeights m observation weights (unnormalised); the prior weight is appended
     */
    MultivariateParzen(Codec codec, double[][] codes, int m, double[] rawWeights, double priorWeight) {
        this(codec, codes, m, rawWeights, priorWeight, null);
    }

    /**
     * @param order optional: {@code order[d]} lists the observations 0..m−1 of numeric dimension d by
     *              increasing centre (ties in observation order); null to sort here
     */
    MultivariateParzen(Codec codec, double[][] codes, int m, double[] rawWeights, double priorWeight, int[][] order) {
        this.codec = codec;
        this.dims = codec.dims();
        this.m = m;
        this.kernels = m + 1;
        weights = new double[kernels];
        double total = priorWeight;
        for (int k = 0; k < m; k++) {
            weights[k] = rawWeights[k];
            total += rawWeights[k];
        }
        weights[m] = priorWeight;
        cumWeights = new double[kernels];
        double acc = 0;
        for (int k = 0; k < kernels; k++) {
            weights[k] /= total;
            acc += weights[k];
            cumWeights[k] = acc;
        }
        base = new double[kernels];
        for (int k = 0; k < kernels; k++) {
            base[k] = Math.log(weights[k]);
        }
        mu = new double[dims][];
        sigma = new double[dims][];
        invSigma = new double[dims][];
        lo = new double[dims];
        hi = new double[dims];
        cat = new int[dims][];
        pairs = new int[dims][];
        pairMu = new double[dims][];
        pairSigma = new double[dims][];
        catHit = new double[dims];
        catMiss = new double[dims];
        catA = priorWeight / kernels;
        sigmaProduct = new double[kernels];
        Arrays.fill(sigmaProduct, 1.0);
        int nc = 0, nd = 0, nk = 0;
        for (int d = 0; d < dims; d++) {
            switch (codec.kind(d)) {
                case CONTINUOUS -> nc++;
                case DISCRETE -> nd++;
                default -> nk++;
            }
        }
        contDims = new int[nc];
        discDims = new int[nd];
        catDims = new int[nk];
        nc = nd = nk = 0;
        for (int d = 0; d < dims; d++) {
            switch (codec.kind(d)) {
                case CONTINUOUS -> {
                    contDims[nc++] = d;
                    lo[d] = codec.low(d);
                    hi[d] = codec.high(d);
                    numeric(d, codes[d], true, order == null ? null : order[d]);
                }
                case DISCRETE -> {
                    discDims[nd++] = d;
                    lo[d] = codec.cellLow(d, 0);
                    hi[d] = codec.cellHigh(d, codec.count(d) - 1);
                    double[] centres = new double[m];
                    for (int k = 0; k < m; k++) {
                        centres[k] = codec.center(d, (long) codes[d][k]);
                    }
                    numeric(d, centres, false, order == null ? null : order[d]);
                }
                default -> {
                    catDims[nk++] = d;
                    int c = (int) codec.count(d);
                    int[] obs = new int[kernels];
                    for (int k = 0; k < m; k++) {
                        obs[k] = (int) codes[d][k];
                    }
                    obs[m] = -1;
                    cat[d] = obs;
                    double denom = 1 + c * catA;
                    catHit[d] = Math.log((1 + catA) / denom);
                    catMiss[d] = Math.log(catA / denom);
                    base[m] += -Math.log(c);
                }
            }
        }
        for (int k = 0; k < kernels; k++) {
            base[k] -= Math.log(sigmaProduct[k]) + contDims.length * Normal.LN_SQRT_2PI;
        }
        sigmaProduct = null;
    }

    private void numeric(int d, double[] centres, boolean continuous, int[] ord) {
        double low = lo[d];
        double high = hi[d];
        double range = high - low;
        double[] mus = new double[kernels];
        double[] sig = new double[kernels];
        System.arraycopy(centres, 0, mus, 0, m);
        int[] order = ord == null ? sortOrder(centres, m) : ord;
        bandwidths(centres, m, low, high, sig, order);
        mus[m] = 0.5 * (low + high);
        sig[m] = range;
        double[] inv = new double[kernels];
        for (int k = 0; k < kernels; k++) {
            inv[k] = 1 / sig[k];
            double a = (low - mus[k]) * inv[k];
            double b = (high - mus[k]) * inv[k];
            // a kernel far inside the bounds has mass 1 (error below 1e-17): skip the two CDFs
            double logZ = (a < -NEGLIGIBLE && b > NEGLIGIBLE) ? 0.0 : Normal.logMass(a, b);
            base[k] -= logZ;
            if (continuous) {
                sigmaProduct[k] *= sig[k];
                if (!(sigmaProduct[k] > 1 / SIGMA_PRODUCT_LIMIT && sigmaProduct[k] < SIGMA_PRODUCT_LIMIT)) {
                    base[k] -= Math.log(sigmaProduct[k]);
                    sigmaProduct[k] = 1;
                }
            }
        }
        mu[d] = mus;
        sigma[d] = sig;
        invSigma[d] = inv;
        if (!continuous) {
            uniquePairs(d, mus, sig, order);
        }
    }

    /**
     * Groups the kernels of a discrete dimension by identical (centre, σ): few groups in practice,
     * because the centres take only the grid values and most duplicates share the clipped σ.
     */
    private void uniquePairs(int d, double[] mus, double[] sig, int[] ord) {
        int[] pairOf = new int[kernels];
        double[] pm = new double[kernels];
        double[] ps = new double[kernels];
        int n = 0;
        int groupStart = 0; // first pair id of the current centre
        double groupMu = Double.NaN;
        for (int j = 0; j <= m; j++) {
            int k = j < m ? ord[j] : m; // the prior kernel last
            double mu = mus[k];
            if (!(mu == groupMu) || k == m) {
                groupStart = n;
                groupMu = mu;
            }
            int id = -1;
            for (int q = groupStart; q < n; q++) {
                if (ps[q] == sig[k]) {
                    id = q;
                    break;
                }
            }
            if (id < 0) {
                id = n++;
                pm[id] = mu;
                ps[id] = sig[k];
            }
            pairOf[k] = id;
        }
        pairs[d] = pairOf;
        pairMu[d] = Arrays.copyOf(pm, n);
        pairSigma[d] = Arrays.copyOf(ps, n);
    }

    /**
     * Optuna 5's neighbour rule with consider_endpoints=False and the magic clip, written into
     * {@code out[0..m)} in the order of {@code centres}. Duplicated centres are ordered by position
     * (stable), which is one of the orders NumPy's argsort may give.
     */
    static void bandwidths(double[] centres, int m, double low, double high, double[] out, int[] order) {
        double range = high - low;
        if (m == 0) {
            return;
        }
        double minSigma = range / Math.min(MAGIC_CLIP_MAX_DIVISOR, m + 2.0);
        if (m == 1) {
            out[0] = clip(Math.max(centres[0] - low, high - centres[0]), minSigma, range);
            return;
        }
        double prev = centres[order[0]];
        double cur = prev;
        for (int j = 0; j < m; j++) {
            double next = j + 1 < m ? centres[order[j + 1]] : 0;
            double left = j == 0 ? Double.NEGATIVE_INFINITY : cur - prev;
            double right = j == m - 1 ? Double.NEGATIVE_INFINITY : next - cur;
            out[order[j]] = clip(Math.max(left, right), minSigma, range);
            prev = cur;
            cur = next;
        }
    }

    /**
     * The observations 0..m−1 ordered by increasing value, ties in observation order (one of the
     * orders NumPy's argsort may give; any consistent order will do, optimizers.md §4.8).
     */
    static int[] sortOrder(double[] values, int m) {
        double[] sorted = Arrays.copyOf(values, m);
        Arrays.sort(sorted);
        int[] used = new int[m];
        int[] order = new int[m];
        for (int k = 0; k < m; k++) {
            int first = lowerBound(sorted, values[k]);
            order[first + used[first]++] = k;
        }
        return order;
    }

    private static int lowerBound(double[] a, double v) {
        int l = 0, h = a.length;
        while (l < h) {
            int mid = (l + h) >>> 1;
            if (a[mid] < v) {
                l = mid + 1;
            } else {
                h = mid;
            }
        }
        return l;
    }

    private static double clip(double v, double min, double max) {
        return v < min ? min : Math.min(v, max);
    }

    int kernels() {
        return kernels;
    }

    /**
     * Draws n candidates from the mixture into {@code out[d][0..n)} (codes), in Optuna's order: the
     * active kernels, then each categorical dimension, then each numeric dimension.
     */
    void sample(RandomGenerator random, int n, double[][] out) {
        int[] active = new int[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int k = 0;
            while (k < kernels - 1 && cumWeights[k] <= u) {
                k++;
            }
            active[i] = k;
        }
        for (int d : catDims) {
            int c = (int) codec.count(d);
            double denom = 1 + c * catA;
            for (int i = 0; i < n; i++) {
                double u = random.nextDouble();
                int k = active[i];
                int obs = cat[d][k];
                int choice;
                if (obs < 0) {
                    choice = Math.min(c - 1, (int) (u * c));
                } else {
                    double target = u * denom;
                    double cum = 0;
                    choice = c - 1;
                    for (int j = 0; j < c; j++) {
                        cum += (j == obs ? 1 + catA : catA);
                        if (target < cum) {
                            choice = j;
                            break;
                        }
                    }
                }
                out[d][i] = choice;
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            int[] list = pass == 0 ? contDims : discDims;
            for (int d : list) {
                for (int i = 0; i < n; i++) {
                    double u = random.nextDouble();
                    int k = active[i];
                    double s = sigma[d][k];
                    double c = mu[d][k];
                    double z = Normal.truncatedPpf((lo[d] - c) / s, (hi[d] - c) / s, u);
                    double x = c + s * z;
                    if (pass == 0) {
                        out[d][i] = Math.max(lo[d], Math.min(hi[d], x));
                    } else {
                        out[d][i] = codec.nearestIndex(d, x);
                    }
                }
            }
        }
    }

    /** ln density (mixture) at each of n candidates given as codes {@code x[d][i]}; into {@code out}. */
    void logPdf(double[][] x, int n, double[] out) {
        double[] acc = new double[kernels];
        // discrete dims: cache per distinct grid index the per-kernel log mass
        double[][][] discCache = new double[dims][][];
        long[][] discKeys = new long[dims][];
        int[] discCount = new int[dims];
        for (int d : discDims) {
            discCache[d] = new double[n][];
            discKeys[d] = new long[n];
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(base, 0, acc, 0, kernels);
            for (int d : contDims) {
                double v = x[d][i];
                double[] mus = mu[d];
                double[] inv = invSigma[d];
                if (v < lo[d] || v > hi[d]) {
                    Arrays.fill(acc, Double.NEGATIVE_INFINITY);
                    continue;
                }
                for (int k = 0; k < kernels; k++) {
                    double z = (v - mus[k]) * inv[k];
                    acc[k] -= 0.5 * z * z;
                }
            }
            for (int d : discDims) {
                long idx = (long) x[d][i];
                double[] masses = null;
                for (int j = 0; j < discCount[d]; j++) {
                    if (discKeys[d][j] == idx) {
                        masses = discCache[d][j];
                        break;
                    }
                }
                if (masses == null) {
                    masses = discreteLogMass(d, idx);
                    discKeys[d][discCount[d]] = idx;
                    discCache[d][discCount[d]++] = masses;
                }
                for (int k = 0; k < kernels; k++) {
                    acc[k] += masses[k];
                }
            }
            for (int d : catDims) {
                int v = (int) x[d][i];
                int[] obs = cat[d];
                double hit = catHit[d];
                double miss = catMiss[d];
                for (int k = 0; k < m; k++) {
                    acc[k] += obs[k] == v ? hit : miss;
                }
            }
            out[i] = logSumExp(acc);
        }
    }

    private double[] discreteLogMass(int d, long idx) {
        double l = codec.cellLow(d, idx);
        double r = codec.cellHigh(d, idx);
        double[] pm = pairMu[d];
        double[] ps = pairSigma[d];
        double[] perPair = new double[pm.length];
        for (int j = 0; j < pm.length; j++) {
            double zl = (l - pm[j]) / ps[j];
            double zr = (r - pm[j]) / ps[j];
            double width = zr - zl;
            if (zl > FAR || zr < -FAR) {
                perPair[j] = Double.NEGATIVE_INFINITY;
            } else if (width < NARROW) {
                // a cell much narrower than the kernel (fine grids): midpoint rule, relative error
                // below width²·(z²+1)/24 ≈ 1e-6, and no CDF to evaluate
                double zm = 0.5 * (zl + zr);
                perPair[j] = -0.5 * zm * zm - Normal.LN_SQRT_2PI + Math.log(width);
            } else {
                perPair[j] = Normal.logMass(zl, zr);
            }
        }
        int[] pairOf = pairs[d];
        double[] res = new double[kernels];
        for (int k = 0; k < kernels; k++) {
            res[k] = perPair[pairOf[k]];
        }
        return res;
    }

    static double logSumExp(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            if (v > max) {
                max = v;
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double cut = max - LOG_SUM_EXP_CUT;
        double s = 0;
        for (double v : a) {
            if (v > cut) {
                s += Math.exp(v - max);
            }
        }
        return max + Math.log(s);
    }
}
