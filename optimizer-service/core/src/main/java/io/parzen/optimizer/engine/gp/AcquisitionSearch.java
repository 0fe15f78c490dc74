package io.parzen.optimizer.engine.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Maximizes the acquisition over VALID points of a mixed space (the role of Optuna's
 * {@code _gp/optim_mixed.py}, by a derivative-free search): {@link SpaceEncoding#snap} is applied to
 * every candidate before it is scored.
 *
 * <ol>
 *   <li>Candidates: {@value #SOBOL_CANDIDATES} randomly shifted Sobol points plus
 *       {@value #LOCAL_CANDIDATES} perturbations (step {@value #LOCAL_CANDIDATE_STEP}) of each of the
 *       model's best observed points; a small finite space (≤ {@value #ENUMERATE_LIMIT} points) is
 *       enumerated instead, and its best free point is the answer.</li>
 *   <li>Stochastic pattern search from the {@value #SEARCH_STARTS} best candidates and the incumbent:
 *       {@value #NEIGHBOURS} neighbours per step (length-scale-scaled Gaussian steps; neighbouring grid
 *       cells for discrete and resampled categories for categorical parameters); a better neighbour
 *       is taken and the step grows by {@value #STEP_GROWTH} (at most {@value #MAX_STEP}), else it
 *       shrinks by {@value #STEP_SHRINK}; a start ends after {@value #MAX_STEPS} steps,
 *       {@value #MAX_FAILURES} failures in a row or below step {@value #MIN_STEP}.</li>
 * </ol>
 * The draws of the random source are part of the engine's reproducibility contract: their order is fixed.
 */
final class AcquisitionSearch {

    /** Quasi-random global candidates: 2¹⁰ covers a 6-D cube densely enough for a smooth surrogate. */
    static final int SOBOL_CANDIDATES = 1024;
    /** The Sobol sequence starts at a random index in [1, 1 + this): another net every proposal. */
    static final int SOBOL_MAX_SKIP = 1 << 16;
    /** Finite spaces up to this many points are enumerated: scoring all of them costs less than the search. */
    static final int ENUMERATE_LIMIT = 4096;
    /** Perturbations of each best observed point among the candidates (exploitation near the incumbents). */
    static final int LOCAL_CANDIDATES = 40;
    /** Step of those perturbations, in length scales (capped at the unit cube). */
    static final double LOCAL_CANDIDATE_STEP = 0.1;
    /** The best candidates the pattern search starts from (the incumbent is one more start). */
    static final int SEARCH_STARTS = 4;
    /** First step of the pattern search, in length scales. */
    static final double INITIAL_STEP = 0.1;
    /** Neighbours scored per step of the pattern search. */
    static final int NEIGHBOURS = 16;
    /** Growth of the step after a better neighbour was found. */
    static final double STEP_GROWTH = 1.5;
    /** Largest step: half the unit cube per length scale. */
    static final double MAX_STEP = 0.5;
    /** Shrinking of the step after no neighbour was better. */
    static final double STEP_SHRINK = 0.5;
    /** The pattern search stops below this step (the candidates no longer differ in a useful way). */
    static final double MIN_STEP = 1e-4;
    /** Most steps of one pattern search. */
    static final int MAX_STEPS = 30;
    /** Failed steps in a row that end one pattern search. */
    static final int MAX_FAILURES = 6;
    /** Expected number of parameters a perturbation moves (each moves with probability this/p). */
    static final double MOVES_PER_PERTURBATION = 2.0;
    /** Length scales above this count as this in a step: a flat direction still gets moved in. */
    static final double MAX_STEP_LENGTH_SCALE = 1.0;

    private final SpaceEncoding enc;
    private final GpModel model;
    private final LogEi acquisition;
    private final TakenPoints taken;
    private final RandomGenerator rng;

    AcquisitionSearch(GpModel model, LogEi acquisition, TakenPoints taken, RandomGenerator rng) {
        this.enc = model.encoding();
        this.model = model;
        this.acquisition = acquisition;
        this.taken = taken;
        this.rng = rng;
    }

    /** The valid point of highest acquisition (snapped), or null when every candidate is excluded. */
    double[] maximize() {
        int p = enc.parameterCount();
        List<double[]> pool = new ArrayList<>();
        boolean enumerated = enc.space().isFinite() && enc.space().cardinality() <= ENUMERATE_LIMIT;
        if (enumerated) {
            pool.addAll(taken.free(ENUMERATE_LIMIT));
        } else {
            SobolSequenceGenerator sobol = new SobolSequenceGenerator(p);
            double[] shift = new double[p];
            for (int i = 0; i < p; i++) {
                shift[i] = rng.nextDouble();
            }
            sobol.skipTo(1 + rng.nextInt(SOBOL_MAX_SKIP));
            for (int k = 0; k < SOBOL_CANDIDATES; k++) {
                double[] v = sobol.nextVector();
                double[] u = new double[p];
                for (int i = 0; i < p; i++) {
                    double w = v[i] + shift[i];
                    u[i] = w - Math.floor(w);
                }
                pool.add(enc.snap(u));
            }
            for (double[] b : model.topPoints()) {
                for (int k = 0; k < LOCAL_CANDIDATES; k++) {
                    pool.add(perturb(b, LOCAL_CANDIDATE_STEP));
                }
            }
        }
        if (pool.isEmpty()) {
            return null;
        }
        double[] sc = acquisition.score(pool);
        Integer[] order = IntStream.range(0, pool.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(sc[b], sc[a]));
        double[] best = pool.get(order[0]);
        double bestScore = sc[order[0]];
        if (!enumerated) {
            List<double[]> starts = new ArrayList<>();
            for (int k = 0; k < Math.min(SEARCH_STARTS, order.length); k++) {
                if (sc[order[k]] > Double.NEGATIVE_INFINITY) {
                    starts.add(pool.get(order[k]));
                }
            }
            starts.add(model.topPoints()[0]);
            for (double[] s0 : starts) {
                double[] cur = s0.clone();
                double curScore = acquisition.score(List.of(cur))[0];
                double step = INITIAL_STEP;
                int fails = 0;
                for (int it = 0; it < MAX_STEPS && step > MIN_STEP && fails < MAX_FAILURES; it++) {
                    List<double[]> trial = new ArrayList<>(NEIGHBOURS);
                    for (int k = 0; k < NEIGHBOURS; k++) {
                        trial.add(perturb(cur, step));
                    }
                    double[] ts = acquisition.score(trial);
                    int arg = 0;
                    for (int k = 1; k < ts.length; k++) {
                        if (ts[k] > ts[arg]) {
                            arg = k;
                        }
                    }
                    if (ts[arg] > curScore) {
                        cur = trial.get(arg);
                        curScore = ts[arg];
                        step = Math.min(MAX_STEP, step * STEP_GROWTH);
                        fails = 0;
                    } else {
                        step *= STEP_SHRINK;
                        fails++;
                    }
                }
                if (curScore > bestScore) {
                    bestScore = curScore;
                    best = cur;
                }
            }
        }
        return bestScore == Double.NEGATIVE_INFINITY ? null : best;
    }

    /** A valid neighbour: each parameter moves with probability ~2/p (at least one moves). */
    private double[] perturb(double[] u, double step) {
        int p = u.length;
        double[] out = u.clone();
        double prob = Math.min(1.0, MOVES_PER_PERTURBATION / p);
        int forced = rng.nextInt(p);
        for (int i = 0; i < p; i++) {
            if (i != forced && rng.nextDouble() >= prob) {
                continue;
            }
            long levels = enc.levels(i);
            double length = Math.min(MAX_STEP_LENGTH_SCALE, model.lengthScale(i));
            if (enc.isCategorical(i)) {
                int k = rng.nextInt((int) levels);
                out[i] = enc.gridPoint(i, k);
            } else if (levels > 0 && !enc.isLogGrid(i)) {
                long idx = enc.index(i, u[i]);
                long delta = Math.round(rng.nextGaussian() * step * length * levels);
                if (delta == 0) {
                    delta = rng.nextBoolean() ? 1 : -1;
                }
                long k = Math.max(0, Math.min(levels - 1, idx + delta));
                out[i] = enc.gridPoint(i, k);
            } else {
                double v = u[i] + rng.nextGaussian() * step * length;
                out[i] = enc.snap1(i, v);
            }
        }
        return out;
    }
}
