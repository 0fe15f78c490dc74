package io.parzen.optimizer.engine.gp;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Zero-mean GP with an ARD Matérn-5/2 kernel on standardized targets:
 * {@code k(x,x') = s·M(D)}, {@code D = Σ_f λ_g(f) (x_f − x'_f)²}, {@code λ_g = 1/ℓ_g²},
 * {@code M(D) = (1 + √(5D) + 5D/3)·exp(−√(5D))}, plus {@code noise·I}.
 *
 * <p>The model unit of the GP (the role of Optuna's {@code _gp/gp.py} and {@code _gp/prior.py}):
 * kernel, hyperparameter fit and posterior. Hyperparameters θ = (ln ℓ_1..ℓ_G, ln s, ln(noise −
 * NOISE_FLOOR)) are fitted by maximizing log marginal likelihood + log prior (MAP) with L-BFGS and the
 * analytic gradient {@code ½ tr((αα^T − C^{-1}) ∂C/∂θ)}. Priors (Optuna 5 {@code _gp/prior.py}
 * {@code default_log_prior}):
 * <ul>
 *   <li>length scales: the penalty {@code −(0.1/λ + 0.1·λ)} per λ = 1/ℓ² (peak at ℓ = 1), which keeps
 *       ℓ from collapsing onto ripples (measured against BoTorch's prior:
 *       {@code docs/benchmarks/gp-design.md});</li>
 *   <li>signal variance s: Gamma(2, 1);</li>
 *   <li>noise: Gamma(1.1, 30) above a floor of 1e-6 (the non-deterministic prior; the floor, Optuna's
 *       {@code DEFAULT_MINIMUM_NOISE_VAR}, keeps the Cholesky factor well conditioned for deterministic
 *       objectives). Whether the noise is fitted or pinned at the floor is {@link GpModel}'s choice.</li>
 * </ul>
 */
final class Matern52Gp {

    /** Smallest noise variance (Optuna 5 {@code _gp/prior.py} {@code DEFAULT_MINIMUM_NOISE_VAR}). */
    static final double NOISE_FLOOR = 1e-6;
    /** ln(noise − floor) of a GP whose noise is pinned at the floor: e⁻⁵⁰ ≈ 2e-22 vanishes next to the floor. */
    static final double PINNED_LOG_NOISE = -50;
    /** Shortest length scale: 1 % of the unit cube, below which the GP would only fit single points. */
    static final double MIN_LOG_LS = Math.log(0.01);
    /** Longest length scale: 100 unit cubes, a parameter that no longer matters. */
    static final double MAX_LOG_LS = Math.log(100.0);
    /** The fit may wander this far (in ln ℓ) outside [MIN_LOG_LS, MAX_LOG_LS] before a point is rejected; ℓ is clamped after. */
    static final double LOG_LS_SLACK = 2;
    /** Bounds of ln s in the fit: the targets are standardized, so s far outside [e⁻¹⁰, e⁵] is a failed fit. */
    static final double MIN_LOG_SIGNAL = -10;
    static final double MAX_LOG_SIGNAL = 5;
    /** Bounds of ln(noise − floor) in the fit: at most e³ ≈ 20 times the standardized variance. */
    static final double MIN_LOG_NOISE = -60;
    static final double MAX_LOG_NOISE = 3;
    /** Noise variance above the floor at the default start (a nearly interpolating GP). */
    static final double DEFAULT_NOISE = 1e-4;
    /** Length-scale prior: {@code −(c/λ + c·λ)} per λ = 1/ℓ², c = this (Optuna 5 {@code _gp/prior.py}). */
    static final double LENGTH_SCALE_PENALTY = 0.1;
    /** Signal-variance prior Gamma(concentration, rate) (Optuna 5 {@code _gp/prior.py}). */
    static final double SIGNAL_PRIOR_CONCENTRATION = 2;
    static final double SIGNAL_PRIOR_RATE = 1;
    /**
     * Noise prior Gamma(1.1, 30) (Optuna 5 {@code _gp/prior.py}): log density (concentration − 1)·ln x −
     * rate·x; the weight of ln x is written out because 1.1 − 1 is not 0.1 in double precision.
     */
    static final double NOISE_PRIOR_LOG_WEIGHT = 0.1;
    static final double NOISE_PRIOR_RATE = 30;
    /** Gradient tolerance of the hyperparameter fit (max-norm, in ln-parameter units). */
    static final double FIT_GRADIENT_TOLERANCE = 1e-4;
    /** Diagonal jitter when the Cholesky factorization fails: first this, then ×{@value #JITTER_GROWTH} … */
    static final double FIRST_JITTER = 1e-8;
    static final double JITTER_GROWTH = 10;
    /** … up to below this; larger jitter would change the model rather than rescue the factorization. */
    static final double MAX_JITTER = 1e-1;
    private static final double SQRT5 = Math.sqrt(5.0);
    private static final double LN_2PI = Math.log(2 * Math.PI);

    private final int groups;
    private final int[] groupOfFeature;
    private final int dim;

    // data
    private double[][] x;
    private double[] y;
    private int n;

    // hyperparameters
    private final double[] theta;

    // posterior state
    private DMatrixRMaj lInv;   // inverse of the lower Cholesky factor
    private double[] alpha;     // C^{-1} y

    private final boolean pinnedNoise;

    Matern52Gp(int[] groupOfFeature, int groups) {
        this(groupOfFeature, groups, false);
    }

    /** With {@code pinnedNoise} the noise stays at the floor (an interpolating GP for deterministic objectives). */
    Matern52Gp(int[] groupOfFeature, int groups, boolean pinnedNoise) {
        this.pinnedNoise = pinnedNoise;
        this.groupOfFeature = groupOfFeature.clone();
        this.groups = groups;
        this.dim = groupOfFeature.length;
        this.theta = defaultTheta(groups);
        if (pinnedNoise) {
            theta[groups + 1] = PINNED_LOG_NOISE;
        }
    }

    static double[] defaultTheta(int groups) {
        double[] t = new double[groups + 2];
        Arrays.fill(t, 0, groups, priorMode(groups));
        t[groups] = 0.0;                           // s = 1
        t[groups + 1] = Math.log(DEFAULT_NOISE);   // small noise
        return t;
    }

    /** ln of the mode of the length-scale prior: ℓ = 1. */
    static double priorMode(int groups) {
        return 0.0;
    }

    int groups() {
        return groups;
    }

    /** Whether the noise stays at the floor. */
    boolean pinnedNoise() {
        return pinnedNoise;
    }

    /** The same kernel (features, groups, noise model) with default hyperparameters and no data. */
    Matern52Gp blank() {
        return new Matern52Gp(groupOfFeature, groups, pinnedNoise);
    }

    double[] theta() {
        return theta.clone();
    }

    void setTheta(double[] t) {
        System.arraycopy(t, 0, theta, 0, theta.length);
    }

    double signal() {
        return Math.exp(theta[groups]);
    }

    double noise() {
        return NOISE_FLOOR + Math.exp(theta[groups + 1]);
    }

    double lengthScale(int g) {
        return Math.exp(theta[g]);
    }

    int size() {
        return n;
    }

    double[] targets() {
        return y;
    }

    // ------------------------------------------------------------------ kernel

    /** Squared distance in length-scale units, D(a, b) = Σ (a_f − b_f)²/ℓ_g(f)². */
    double scaledSqDist(double[] a, double[] b) {
        return sqDist(a, b, lambdas(theta));
    }

    static double matern(double d) {
        if (d <= 0) {
            return 1.0;
        }
        double r = SQRT5 * Math.sqrt(d);
        return (1.0 + r + r * r / 3.0) * Math.exp(-r);
    }

    /** dM/dD. */
    static double maternDeriv(double d) {
        double r = SQRT5 * Math.sqrt(Math.max(d, 0));
        return -(5.0 / 6.0) * (1.0 + r) * Math.exp(-r);
    }

    private double[] lambdas(double[] t) {
        double[] lam = new double[dim];
        for (int f = 0; f < dim; f++) {
            double ls = Math.exp(clampLs(t[groupOfFeature[f]]));
            lam[f] = 1.0 / (ls * ls);
        }
        return lam;
    }

    private static double clampLs(double v) {
        return Math.min(MAX_LOG_LS, Math.max(MIN_LOG_LS, v));
    }

    private static double sqDist(double[] a, double[] b, double[] lam) {
        double d = 0;
        for (int f = 0; f < lam.length; f++) {
            double e = a[f] - b[f];
            d += lam[f] * e * e;
        }
        return d;
    }

    // ------------------------------------------------------------------ fitting

    /**
     * MAP fit of the hyperparameters on (xs, ys) from the given start points; keeps the best.
     * Does not set the posterior data (call {@link #condition}).
     */
    void fit(double[][] xs, double[] ys, double[][] starts, int maxIter) {
        FitProblem prob = new FitProblem(xs, ys);
        double best = Double.POSITIVE_INFINITY;
        double[] bestT = theta.clone();
        for (double[] s0 : starts) {
            double[] t = s0.clone();
            if (pinnedNoise) {
                t[groups + 1] = PINNED_LOG_NOISE;
            }
            double v;
            try {
                v = Lbfgs.minimize(prob, t, maxIter, FIT_GRADIENT_TOLERANCE);
            } catch (RuntimeException e) {
                continue;
            }
            if (Double.isFinite(v) && v < best) {
                best = v;
                bestT = t;
            }
        }
        for (int g = 0; g < groups; g++) {
            bestT[g] = clampLs(bestT[g]);
        }
        setTheta(bestT);
    }

    /** Negative log posterior of θ (up to a constant) on the data, or +inf if not positive definite. */
    double negLogPosterior(double[][] xs, double[] ys, double[] t) {
        return new FitProblem(xs, ys).valueAndGradient(t, new double[t.length]);
    }

    final class FitProblem implements Lbfgs.Objective {
        private final int m;
        private final double[] ys;
        /** Per group, packed squared distances of the lower triangle (i > j). */
        private final double[][] sq;

        FitProblem(double[][] xs, double[] ys) {
            this.m = xs.length;
            this.ys = ys;
            int pairs = m * (m - 1) / 2;
            sq = new double[groups][pairs];
            int p = 0;
            for (int i = 1; i < m; i++) {
                for (int j = 0; j < i; j++) {
                    for (int f = 0; f < dim; f++) {
                        double e = xs[i][f] - xs[j][f];
                        sq[groupOfFeature[f]][p] += e * e;
                    }
                    p++;
                }
            }
        }

        @Override
        public double valueAndGradient(double[] t, double[] grad) {
            Arrays.fill(grad, 0);
            for (int g = 0; g < groups; g++) {
                if (t[g] < MIN_LOG_LS - LOG_LS_SLACK || t[g] > MAX_LOG_LS + LOG_LS_SLACK || !Double.isFinite(t[g])) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            if (t[groups] > MAX_LOG_SIGNAL || t[groups] < MIN_LOG_SIGNAL || t[groups + 1] > MAX_LOG_NOISE
                    || t[groups + 1] < MIN_LOG_NOISE || !Double.isFinite(t[groups + 1])) {
                return Double.POSITIVE_INFINITY;
            }
            double s = Math.exp(t[groups]);
            double en = Math.exp(t[groups + 1]);
            double noise = NOISE_FLOOR + en;
            double[] lam = new double[groups];
            for (int g = 0; g < groups; g++) {
                lam[g] = Math.exp(-2 * t[g]);
            }
            int pairs = m * (m - 1) / 2;
            double[] dPacked = new double[pairs];
            DMatrixRMaj c = new DMatrixRMaj(m, m);
            double[] cd = c.data;
            int p = 0;
            for (int i = 1; i < m; i++) {
                for (int j = 0; j < i; j++) {
                    double d = 0;
                    for (int g = 0; g < groups; g++) {
                        d += lam[g] * sq[g][p];
                    }
                    dPacked[p] = d;
                    double k = s * matern(d);
                    cd[i * m + j] = k;
                    cd[j * m + i] = k;
                    p++;
                }
            }
            for (int i = 0; i < m; i++) {
                cd[i * m + i] = s + noise;
            }
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m, true);
            if (!chol.decompose(c)) {
                return Double.POSITIVE_INFINITY;
            }
            DMatrixRMaj l = chol.getT(null);
            double logDet = 0;
            for (int i = 0; i < m; i++) {
                double v = l.data[i * m + i];
                if (!(v > 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                logDet += 2 * Math.log(v);
            }
            double[] li = l.data.clone();
            TriangularSolver_DDRM.invertLower(li, m);
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    li[i * m + j] = 0;
                }
            }
            DMatrixRMaj linv = DMatrixRMaj.wrap(m, m, li);
            DMatrixRMaj cinv = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransA(linv, linv, cinv);
            double[] a = new double[m];
            double quad = 0;
            for (int i = 0; i < m; i++) {
                double acc = 0;
                int row = i * m;
                for (int j = 0; j < m; j++) {
                    acc += cinv.data[row + j] * ys[j];
                }
                a[i] = acc;
                quad += ys[i] * acc;
            }
            double nll = 0.5 * quad + 0.5 * logDet + 0.5 * m * LN_2PI;

            // gradient of nll = -½ tr(A dC), A = αα^T − C^{-1}; use symmetric off-diagonal pairs (×2)
            double[] gl = new double[groups];
            double gs = 0;
            p = 0;
            for (int i = 1; i < m; i++) {
                int row = i * m;
                for (int j = 0; j < i; j++) {
                    double aij = a[i] * a[j] - cinv.data[row + j];
                    double d = dPacked[p];
                    double kij = s * matern(d);
                    gs += aij * kij;
                    double dm = s * maternDeriv(d) * aij;
                    for (int g = 0; g < groups; g++) {
                        // dD/dlnℓ_g = −2 λ_g sq_g
                        gl[g] += dm * (-2.0 * lam[g] * sq[g][p]);
                    }
                    p++;
                }
            }
            double trA = 0;
            for (int i = 0; i < m; i++) {
                trA += a[i] * a[i] - cinv.data[i * m + i];
            }
            for (int g = 0; g < groups; g++) {
                grad[g] = -gl[g];                      // -½ · 2 · Σ_{i>j}
            }
            grad[groups] = -(gs + 0.5 * trA * s);    // diag of dC/dln s is s
            grad[groups + 1] = -0.5 * trA * en;

            // priors (negated log densities): Optuna's penalty −(c/λ + c·λ) on λ = 1/ℓ²; dλ/dln ℓ = −2λ
            for (int g = 0; g < groups; g++) {
                double lg = lam[g];
                nll += LENGTH_SCALE_PENALTY / lg + LENGTH_SCALE_PENALTY * lg;
                grad[g] += 2 * LENGTH_SCALE_PENALTY / lg - 2 * LENGTH_SCALE_PENALTY * lg;
            }
            // Gamma(2, 1) on s: log p = (2 − 1)·ln s − 1·s
            nll -= (SIGNAL_PRIOR_CONCENTRATION - 1) * t[groups] - SIGNAL_PRIOR_RATE * s;
            grad[groups] -= (SIGNAL_PRIOR_CONCENTRATION - 1) - SIGNAL_PRIOR_RATE * s;
            // Gamma(1.1, 30) on noise: log p = 0.1·ln noise − 30·noise
            if (pinnedNoise) {
                grad[groups + 1] = 0;
            } else {
                nll -= NOISE_PRIOR_LOG_WEIGHT * Math.log(noise) - NOISE_PRIOR_RATE * noise;
                grad[groups + 1] -= (NOISE_PRIOR_LOG_WEIGHT / noise - NOISE_PRIOR_RATE) * en;
            }
            return nll;
        }
    }

    // ------------------------------------------------------------------ posterior

    /** Conditions the GP on the data with the current hyperparameters. Returns false if not positive definite. */
    boolean condition(double[][] xs, double[] ys) {
        return condition(xs, ys, xs.length);
    }

    /**
     * As {@link #condition(double[][], double[])}, but rows from {@code realCount} on are fantasies
     * (kriging believer) observed without noise, so that they remove the variance at their point.
     */
    boolean condition(double[][] xs, double[] ys, int realCount) {
        this.x = xs;
        this.y = ys;
        this.n = xs.length;
        double[] lam = lambdas(theta);
        double s = signal();
        double noise = noise();
        for (double jitter = 0; jitter < MAX_JITTER; jitter = jitter == 0 ? FIRST_JITTER : jitter * JITTER_GROWTH) {
            DMatrixRMaj c = new DMatrixRMaj(n, n);
            double[] cd = c.data;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double k = s * matern(sqDist(xs[i], xs[j], lam));
                    cd[i * n + j] = k;
                    cd[j * n + i] = k;
                }
                cd[i * n + i] = s + (i < realCount ? noise : NOISE_FLOOR) + jitter;
            }
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
            if (!chol.decompose(c)) {
                continue;
            }
            DMatrixRMaj l = chol.getT(null);
            double[] li = l.data;
            TriangularSolver_DDRM.invertLower(li, n);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    li[i * n + j] = 0;
                }
            }
            boolean finite = true;
            for (double v : li) {
                if (!Double.isFinite(v)) {
                    finite = false;
                    break;
                }
            }
            if (!finite) {
                continue;
            }
            lInv = l;
            // α = L^{-T} L^{-1} y
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                double acc = 0;
                for (int j = 0; j <= i; j++) {
                    acc += li[i * n + j] * ys[j];
                }
                w[i] = acc;
            }
            alpha = new double[n];
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int i = j; i < n; i++) {
                    acc += li[i * n + j] * w[i];
                }
                alpha[j] = acc;
            }
            return true;
        }
        return false;
    }

    /** Posterior mean and latent variance at the given feature vectors (rows). */
    void predict(double[][] xs, double[] mean, double[] variance) {
        int m = xs.length;
        double[] lam = lambdas(theta);
        double s = signal();
        DMatrixRMaj k = new DMatrixRMaj(m, n);
        double[] kd = k.data;
        for (int c = 0; c < m; c++) {
            double mu = 0;
            int row = c * n;
            for (int i = 0; i < n; i++) {
                double v = s * matern(sqDist(xs[c], x[i], lam));
                kd[row + i] = v;
                mu += v * alpha[i];
            }
            mean[c] = mu;
        }
        // latent variance s - |L^{-1} k_c|^2; L^{-1} is lower triangular, so row i of L^{-1} k_c only
        // needs k_c[0..i]: half the work of a general product, same sums in the same order
        double[] li = lInv.data;
        for (int c = 0; c < m; c++) {
            int row = c * n;
            double acc = 0;
            for (int i = 0; i < n; i++) {
                double e = 0;
                int lrow = i * n;
                for (int j = 0; j <= i; j++) {
                    e += li[lrow + j] * kd[row + j];
                }
                acc += e * e;
            }
            variance[c] = Math.max(0.0, s - acc);
        }
    }

    /**
     * Leave-one-out predictive means of the conditioned data (closed form:
     * {@code μ_{-i} = y_i − [C^{-1}y]_i / [C^{-1}]_ii}).
     */
    double[] looMeans() {
        double[] out = new double[n];
        double[] li = lInv.data;
        for (int i = 0; i < n; i++) {
            // [C^{-1}]_ii = Σ_k (L^{-1}_{ki})²
            double cii = 0;
            for (int kk = i; kk < n; kk++) {
                double v = li[kk * n + i];
                cii += v * v;
            }
            out[i] = y[i] - alpha[i] / cii;
        }
        return out;
    }
}
