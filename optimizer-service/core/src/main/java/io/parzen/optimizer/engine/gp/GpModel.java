package io.parzen.optimizer.engine.gp;

import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * The surrogate of a study (the role of Optuna's {@code _gp/gp.py} fit, with what Parzen adds): a
 * {@link Matern52Gp} fitted to the warped losses of the COMPLETE trials, with the output warp and the
 * noise model chosen per study, then conditioned on the data plus the kriging-believer fantasies of the
 * pending trials and of the points already chosen in this batch.
 *
 * <ul>
 *   <li>Data: the losses of COMPLETE trials with a finite loss; FAILED trials are left out (never given
 *       a value). The GP is conditioned on at most {@value #MAX_GP_DATA} observations (the
 *       {@value #KEEP_BEST} best plus a seeded random sample of the rest) and its hyperparameters are
 *       fitted on at most {@value #MAX_FIT_DATA} of them (a third best, the rest random).</li>
 *   <li>Fit: MAP by L-BFGS from the prior's mode, from all length scales at
 *       {@value #MID_START_LENGTH_SCALE} and, up to {@value #SMALL_DATA} results, from a random start,
 *       with {@value #FULL_FIT_ITERATIONS} iterations ({@value #SHORT_FIT_ITERATIONS} above).</li>
 *   <li>Output warp ({@link OutputWarp#AUTO}): plain standardization or a Box-Cox transform of the
 *       shifted losses, whichever has the larger warped-GP evidence (GP log posterior + log Jacobian).
 *       Heavy-tailed losses (Rosenbrock) pick Box-Cox (λ → 0, a log); smooth ones (Branin) keep the raw
 *       scale (measurements: {@code docs/benchmarks/gp-design.md}).</li>
 *   <li>Noise: the fitted noise against noise pinned at the floor, see {@link #preferPinned}.</li>
 *   <li>Model quality: the leave-one-out Spearman correlation on the better half, see
 *       {@link #looRankQuality}.</li>
 *   <li>Hyperparameter samples: up to {@value #MAX_SAMPLED_RESULTS} results, {@value #HYPER_SAMPLES}
 *       slice samples of the chosen GP's hyperparameters around its MAP ({@link HyperparameterSamples}),
 *       each a GP on the same data with its own fantasies ({@link #members()}); the acquisition averages
 *       over them. The MAP GP still gives the length scales of the search, the fantasies' exclusion
 *       radius and the model quality.</li>
 * </ul>
 */
final class GpModel {

    /** A GP needs two results: standardizing one value leaves nothing to fit. */
    static final int MIN_RESULTS = 2;
    /**
     * Most observations the GP is conditioned on: the posterior's O(n²) prediction cost per candidate
     * keeps a batch of 5 under a second at 300 (docs/benchmarks, proposal latency).
     */
    static final int MAX_GP_DATA = 300;
    /** The best observations always kept among the {@value #MAX_GP_DATA}: EI decides near the incumbent. */
    static final int KEEP_BEST = 100;
    /** Most observations the hyperparameters are fitted on: each L-BFGS step is an O(n³) Cholesky. */
    static final int MAX_FIT_DATA = 100;
    /** The best observations always kept in the fit subset: a third, so the good region shapes ℓ. */
    static final int FIT_KEEP_BEST = MAX_FIT_DATA / 3;
    /** Up to this many results the fit gets a third (random) start and the longer iteration budget. */
    static final int SMALL_DATA = 60;
    /** L-BFGS iterations of the fit up to {@value #SMALL_DATA} results. */
    static final int FULL_FIT_ITERATIONS = 100;
    /** L-BFGS iterations of the fit above {@value #SMALL_DATA} results (warm data, cost control). */
    static final int SHORT_FIT_ITERATIONS = 40;
    /** Length scale of every parameter at the second fit start: shorter than the prior's mode ℓ = 1. */
    static final double MID_START_LENGTH_SCALE = 0.3;
    /** The random fit start draws each length scale from [this, this + {@value #RANDOM_START_LENGTH_RANGE}). */
    static final double RANDOM_START_MIN_LENGTH = 0.05;
    /** Width of the random start's length-scale range. */
    static final double RANDOM_START_LENGTH_RANGE = 0.95;
    /** The best observed points kept as centres of the acquisition search's local candidates. */
    static final int TOP_POINTS = 5;
    /** The LOO model quality is computed on the better half of the data, but on at least this many points. */
    static final int MIN_QUALITY_POINTS = 15;
    /**
     * On an all-continuous space the fitted-noise GP replaces the interpolating one only when its LOO
     * quality is higher by more than this (a clear sign of noisy data; measured, see
     * {@code docs/benchmarks/gp-design.md}).
     */
    static final double NOISE_EVIDENCE_MARGIN = 0.25;

    private final SpaceEncoding enc;
    private final Matern52Gp gp;
    private final List<double[]> xs = new ArrayList<>();
    private final List<Double> ys = new ArrayList<>();
    private final List<double[]> fantasies = new ArrayList<>();
    private final double[][] topPoints;
    private final double[] lengthByParam;
    private double incumbent;
    private double looQuality = Double.NaN;
    private int realCount;
    /** GPs at posterior samples of the hyperparameters (same data); empty: the MAP alone scores. */
    private final List<Member> members = new ArrayList<>();

    /** One hyperparameter sample's GP, conditioned on the data and on its own believer fantasies. */
    static final class Member {
        private final Matern52Gp gp;
        private final List<Double> ys;
        private double incumbent;

        private Member(Matern52Gp gp, List<Double> ys, double incumbent) {
            this.gp = gp;
            this.ys = ys;
            this.incumbent = incumbent;
        }

        /** Kriging believer at features f: observes its own posterior mean there, which may become its incumbent. */
        private void believe(double[] f, double[][] x, int realCount) {
            double[] mu = new double[1];
            gp.predict(new double[][] {f}, mu, new double[1]);
            ys.add(mu[0]);
            incumbent = Double.isNaN(incumbent) ? incumbent : Math.min(incumbent, mu[0]);
            gp.condition(x, ys.stream().mapToDouble(Double::doubleValue).toArray(), realCount);
        }

        Matern52Gp gp() {
            return gp;
        }

        double incumbent() {
            return incumbent;
        }
    }

    /**
     * Posterior samples of the hyperparameters that the acquisition is integrated over
     * ({@link HyperparameterSamples}; Spearmint, Snoek et al. 2012, averages EI over 10 slice samples).
     * Measured against the MAP alone: {@code docs/benchmarks/gp-design.md}.
     */
    static final int HYPER_SAMPLES = 8;
    /**
     * Up to this many results the acquisition is integrated over {@value #HYPER_SAMPLES} samples; above, the
     * MAP alone scores: each sample multiplies the cost of a proposal (its own posterior and fantasies), and
     * with that much data the length scales are well determined.
     */
    static final int MAX_SAMPLED_RESULTS = 100;

    private GpModel(SpaceEncoding enc, Matern52Gp gp, double incumbent, double[][] topPoints) {
        this.enc = enc;
        this.gp = gp;
        this.incumbent = incumbent;
        this.topPoints = topPoints;
        lengthByParam = new double[enc.parameterCount()];
        for (int i = 0; i < lengthByParam.length; i++) {
            lengthByParam[i] = gp.lengthScale(i);
        }
    }

    /** The fitted model of the study's results, with its pending trials as fantasies; null with too few results. */
    static GpModel fit(Study study, SpaceEncoding enc, OutputWarp warp, RandomGenerator rng) {
        List<Trial> done = study.completed().stream()
                .filter(t -> t.loss() != null && Double.isFinite(t.loss())).toList();
        int nObs = done.size();
        if (nObs < MIN_RESULTS) {
            return null;
        }
        double[] loss = new double[nObs];
        double[][] us = new double[nObs][];
        for (int i = 0; i < nObs; i++) {
            loss[i] = done.get(i).loss();
            us[i] = enc.encode(done.get(i).point());
        }
        Integer[] byLoss = IntStream.range(0, nObs).boxed().toArray(Integer[]::new);
        Arrays.sort(byLoss, Comparator.comparingDouble(i -> loss[i]));
        int[] gpIdx = subset(byLoss, MAX_GP_DATA, KEEP_BEST, rng);
        // hyperparameters are fitted on a smaller subset (the best third plus a random sample)
        int[] fitIdx = subset(byLoss, MAX_FIT_DATA, FIT_KEEP_BEST, rng);
        int g = enc.parameterCount();
        List<double[]> starts = new ArrayList<>();
        starts.add(Matern52Gp.defaultTheta(g));
        double[] mid = Matern52Gp.defaultTheta(g);
        Arrays.fill(mid, 0, g, Math.log(MID_START_LENGTH_SCALE));
        starts.add(mid);
        if (nObs <= SMALL_DATA) {
            double[] r = Matern52Gp.defaultTheta(g);
            for (int k = 0; k < g; k++) {
                r[k] = Math.log(RANDOM_START_MIN_LENGTH + RANDOM_START_LENGTH_RANGE * rng.nextDouble());
            }
            starts.add(r);
        }
        int maxIter = nObs <= SMALL_DATA ? FULL_FIT_ITERATIONS : SHORT_FIT_ITERATIONS;
        double[][] fx = new double[fitIdx.length][];
        for (int k = 0; k < fitIdx.length; k++) {
            fx[k] = enc.features(us[fitIdx[k]]);
        }
        List<OutputWarp> options = warp == OutputWarp.AUTO
                ? List.of(OutputWarp.NONE, OutputWarp.BOXCOX) : List.of(warp);
        Matern52Gp gp = null;
        double[] yAll = null;
        double bestEvidence = Double.NEGATIVE_INFINITY;
        for (OutputWarp w : options) {
            OutputWarp.Warped warped = w.withJacobian(loss);
            double[] fy = new double[fitIdx.length];
            for (int k = 0; k < fitIdx.length; k++) {
                fy[k] = warped.z()[fitIdx[k]];
            }
            Matern52Gp candidate = new Matern52Gp(enc.groupOfFeature(), g);
            candidate.fit(fx, fy, starts.toArray(double[][]::new), maxIter);
            double evidence = -candidate.negLogPosterior(fx, fy, candidate.theta())
                    + warped.logJacobian() * fitIdx.length / nObs;
            if (gp == null || evidence > bestEvidence) {
                bestEvidence = evidence;
                gp = candidate;
                yAll = warped.z();
            }
        }

        GpModel m = assemble(enc, gp, yAll, us, gpIdx, byLoss);
        if (m == null) {
            return null;
        }
        // Noise model: the fitted noise (MAP) against noise pinned at the floor (an interpolating GP,
        // Optuna's deterministic mode), same warp, warm-started. See preferPinned.
        double[] fy = new double[fitIdx.length];
        for (int k = 0; k < fitIdx.length; k++) {
            fy[k] = yAll[fitIdx[k]];
        }
        Matern52Gp exact = new Matern52Gp(enc.groupOfFeature(), g, true);
        double[] warm = gp.theta();
        warm[g + 1] = Matern52Gp.PINNED_LOG_NOISE;
        exact.fit(fx, fy, new double[][] {warm, Matern52Gp.defaultTheta(g)}, maxIter);
        GpModel alt = assemble(enc, exact, yAll, us, gpIdx, byLoss);
        if (alt != null && preferPinned(enc.space().parameters().stream().noneMatch(p -> p.isFinite()),
                alt.looQuality, m.looQuality)) {
            m = alt;
        }
        if (nObs <= MAX_SAMPLED_RESULTS) {
            m.sampleMembers(fx, fy, rng);
        }
        // constraints (ADR 0033): the incumbent is the best FEASIBLE result (Optuna's ConstrainedLogEI);
        // NaN while none is feasible, and then only the constraints' log P(c <= 0) is maximised
        if (done.stream().anyMatch(Trial::constrained)) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < nObs; i++) {
                if (done.get(i).feasible()) {
                    best = Math.min(best, yAll[i]);
                }
            }
            m.incumbent = best == Double.POSITIVE_INFINITY ? Double.NaN : best;
            for (Member member : m.members) {
                member.incumbent = m.incumbent;
            }
        }
        // pending trials: kriging believer fantasies
        for (Trial t : study.pending()) {
            m.addFantasy(enc.encode(t.point()));
        }
        return m;
    }

    /**
     * Noise model choice. On an all-continuous space the objective is treated as deterministic (as in
     * Optuna's reference run, {@code deterministic_objective=True}) and the interpolating GP is used
     * unless the fitted-noise GP ranks held-out points clearly better (LOO quality higher by more than
     * {@value #NOISE_EVIDENCE_MARGIN}: the data look noisy). With grid or categorical parameters the
     * relaxation itself leaves misfit (flat cells, category offsets), so the GP with the better LOO
     * quality wins and ties go to the fitted noise. Measurements: {@code docs/benchmarks/gp-design.md}.
     */
    static boolean preferPinned(boolean continuousSpace, double pinnedQuality, double fittedQuality) {
        if (Double.isNaN(pinnedQuality)) {
            return false;
        }
        if (Double.isNaN(fittedQuality)) {
            return true;
        }
        return continuousSpace
                ? fittedQuality <= pinnedQuality + NOISE_EVIDENCE_MARGIN
                : pinnedQuality > fittedQuality;
    }

    /**
     * Spearman correlation of LOO predictions and targets over the better half of the data (at least
     * {@value #MIN_QUALITY_POINTS} points): the region that decides where EI samples next; the coarse
     * global trend that every model captures is left out.
     */
    static double looRankQuality(double[] loo, double[] y) {
        int n = y.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> y[i]));
        int m = Math.min(n, Math.max(MIN_QUALITY_POINTS, n / 2));
        double[] a = new double[m];
        double[] b = new double[m];
        for (int k = 0; k < m; k++) {
            a[k] = loo[order[k]];
            b[k] = y[order[k]];
        }
        return RankCorrelation.spearman(a, b);
    }

    private static GpModel assemble(SpaceEncoding enc, Matern52Gp gp, double[] yAll, double[][] us, int[] gpIdx,
            Integer[] byLoss) {
        GpModel m = new GpModel(enc, gp, Arrays.stream(yAll).min().orElse(0), top(us, byLoss, TOP_POINTS));
        for (int k : gpIdx) {
            m.xs.add(enc.features(us[k]));
            m.ys.add(yAll[k]);
        }
        m.realCount = gpIdx.length;
        if (!m.recondition()) {
            gp.setTheta(Matern52Gp.defaultTheta(gp.groups()));
            if (!m.recondition()) {
                return null;
            }
        }
        m.looQuality = looRankQuality(gp.looMeans(), gp.targets());
        return m;
    }

    private static double[][] top(double[][] us, Integer[] byLoss, int k) {
        int m = Math.min(k, byLoss.length);
        double[][] out = new double[m][];
        for (int i = 0; i < m; i++) {
            out[i] = us[byLoss[i]];
        }
        return out;
    }

    /** All indices when few; else the keepBest best plus a seeded random sample of the rest. */
    private static int[] subset(Integer[] byLoss, int max, int keepBest, RandomGenerator rng) {
        int n = byLoss.length;
        if (n <= max) {
            return IntStream.range(0, n).toArray();
        }
        int[] out = new int[max];
        for (int i = 0; i < keepBest; i++) {
            out[i] = byLoss[i];
        }
        int[] rest = new int[n - keepBest];
        for (int i = keepBest; i < n; i++) {
            rest[i - keepBest] = byLoss[i];
        }
        for (int i = 0; i < max - keepBest; i++) {
            int j = i + rng.nextInt(rest.length - i);
            int tmp = rest[i];
            rest[i] = rest[j];
            rest[j] = tmp;
            out[keepBest + i] = rest[i];
        }
        Arrays.sort(out);
        return out;
    }

    private boolean recondition() {
        double[][] x = xs.toArray(double[][]::new);
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        return gp.condition(x, y, realCount);
    }

    /**
     * The GPs of {@link HyperparameterSamples} of the hyperparameters on the fit subset, each conditioned on
     * the same data; a sample whose covariance is not positive definite is left out.
     */
    private void sampleMembers(double[][] fx, double[] fy, RandomGenerator rng) {
        Matern52Gp.FitProblem problem = gp.new FitProblem(fx, fy);
        int g = gp.groups();
        double[] grad = new double[g + 2];
        int sampled = gp.pinnedNoise() ? g + 1 : g + 2;
        List<double[]> thetas = HyperparameterSamples.sample(t -> -problem.valueAndGradient(t, grad), gp.theta(),
                sampled, HYPER_SAMPLES, rng);
        double[][] x = xs.toArray(double[][]::new);
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        for (double[] t : thetas) {
            Matern52Gp sample = gp.blank();
            sample.setTheta(t);
            if (sample.condition(x, y, realCount)) {
                members.add(new Member(sample, new ArrayList<>(ys), incumbent));
            }
        }
    }

    /** Kriging believer: observe the posterior mean at u (noise-free, hyperparameters kept). */
    void addFantasy(double[] u) {
        double[] f = enc.features(u);
        double[] mu = new double[1];
        double[] var = new double[1];
        gp.predict(new double[][] {f}, mu, var);
        xs.add(f);
        ys.add(mu[0]);
        fantasies.add(f);
        // the believed value is data: it may become the incumbent (else EI would stay at f0 − μ there)
        incumbent = Double.isNaN(incumbent) ? incumbent : Math.min(incumbent, mu[0]);
        recondition();
        if (!members.isEmpty()) {
            double[][] x = xs.toArray(double[][]::new);
            for (Member member : members) {
                member.believe(f, x, realCount);
            }
        }
    }

    /** The GPs of the hyperparameter samples the acquisition is integrated over; empty: the MAP's alone. */
    List<Member> members() {
        return members;
    }

    /** The GPs the acquisition averages over: the hyperparameter samples, or the MAP GP alone when there are none. */
    List<Member> scorers() {
        return members.isEmpty() ? List.of(new Member(gp, null, incumbent)) : members;
    }

    SpaceEncoding encoding() {
        return enc;
    }

    /** The conditioned GP (data and fantasies). */
    Matern52Gp gp() {
        return gp;
    }

    /** The lowest warped value among the observations and fantasies: EI's reference. */
    double incumbent() {
        return incumbent;
    }

    /** Feature vectors of the fantasies (pending trials and points chosen in this batch). */
    List<double[]> fantasies() {
        return fantasies;
    }

    /** The best observed points (snapped coordinates), best first. */
    double[][] topPoints() {
        return topPoints;
    }

    /** The fitted length scale of each parameter (before any fallback to the default hyperparameters). */
    double lengthScale(int parameter) {
        return lengthByParam[parameter];
    }

    /** Leave-one-out Spearman quality of the chosen GP, see {@link #looRankQuality}. */
    double looQuality() {
        return looQuality;
    }
}
