package io.parzen.optimizer.engine.tpe;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.engine.support.Issued;
import io.parzen.optimizer.space.Codec;
import io.parzen.optimizer.study.Study;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * TPE as Optuna 5's {@code TPESampler} does it with its 5.0 defaults (optimizers.md §1), for a single
 * objective that is minimised:
 *
 * <ul>
 *   <li><b>multivariate</b> (5.0 default {@code multivariate=True}): one joint Parzen estimator over the
 *       whole space, one kernel index shared by all dimensions ({@link MultivariateParzen});</li>
 *   <li><b>gamma</b> {@code min(ceil(0.1·n), 25)} with n = the number of complete trials
 *       ({@code default_gamma});</li>
 *   <li><b>weights</b> {@code default_weights}: all ones below 25 observations, else a linear ramp
 *       from 1/m to 1 on the oldest m−25 and ones on the newest 25; <b>prior weight</b> 1.0;</li>
 *   <li><b>bandwidth</b>: the 5.0 neighbour rule, {@code consider_endpoints=False}, magic clip
 *       ({@code consider_magic_clip=True});</li>
 *   <li><b>24 EI candidates</b> ({@code n_ei_candidates}) drawn from l(x); the first maximum of
 *       ln l(x) − ln g(x) wins;</li>
 *   <li><b>constant liar</b> (5.0 default {@code constant_liar=True}): pending trials — and the points
 *       proposed earlier in the same batch — are added to the "above" group g without a numeric lie
 *       and without changing gamma's n, so a batch spreads out;</li>
 *   <li><b>pruned trials</b> count in gamma's n and join the below group after the complete ones when
 *       gamma asks for more, ranked by their last step (furthest first) then last loss
 *       ({@code _split_trials}, {@code _split_pruned_trials}, {@code _get_pruned_trial_score}); the
 *       others are in the above group;</li>
 *   <li><b>constraints</b> (ADR 0033, Optuna's {@code constraints_func}): infeasible trials (a positive
 *       constraint value) join the below group only after every feasible complete and pruned trial, the least
 *       total violation first ({@link #split});</li>
 *   <li><b>failed trials</b> are invisible to the model, as in Optuna (FAIL trials are ignored); they
 *       still count as issued, so they are neither re-proposed nor counted out of the startup.</li>
 * </ul>
 *
 * <p>Differences from Optuna, on purpose: the first {@code randomStartup} <em>issued</em> trials
 * (complete, pending and failed; default 20, Valohai's seeding rule) are random instead of Optuna's 10
 * COMPLETE trials; the model is also skipped (random) while no trial is complete. No point already
 * issued is proposed again on finite spaces: if the best candidate was issued the next best one is
 * taken, then a random unissued point ({@link Source#RANDOM}); on an exhausted space fewer points are
 * returned. Parameters keep the space's declaration order (Optuna sorts by name, which only changes
 * the order of random draws).
 */
public final class OptunaTpeEngine implements Engine {

    /** Optuna's {@code n_ei_candidates}. */
    public static final int EI_CANDIDATES = 24;
    /** Optuna's {@code prior_weight}. */
    public static final double PRIOR_WEIGHT = 1.0;
    /** Share of the complete trials in the good group (Optuna 5 {@code default_gamma}: {@code ceil(0.1·n)}). */
    public static final double GAMMA = 0.1;
    /** Most trials in the good group (Optuna 5 {@code default_gamma}: {@code min(…, 25)}). */
    public static final int MAX_GOOD = 25;
    /** The newest this many trials have weight 1, the older ones a linear ramp (Optuna 5 {@code default_weights}). */
    public static final int FULL_WEIGHT_TRIALS = 25;

    private final int randomStartup;
    private final int candidates;

    public OptunaTpeEngine(int randomStartup) {
        this(randomStartup, EI_CANDIDATES);
    }

    public OptunaTpeEngine(int randomStartup, int candidates) {
        if (randomStartup < 0) {
            throw new IllegalArgumentException("randomStartup must not be negative: " + randomStartup);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be positive: " + candidates);
        }
        this.randomStartup = randomStartup;
        this.candidates = candidates;
    }

    @Override
    public String name() {
        return "optuna";
    }

    /** Optuna's {@code default_gamma}: {@code min(ceil(0.1 n), 25)}. */
    public static int gamma(int n) {
        return Math.min((int) Math.ceil(GAMMA * n), MAX_GOOD);
    }

    /** Optuna's {@code default_weights}. */
    public static double[] weights(int m) {
        double[] w = new double[m];
        if (m < FULL_WEIGHT_TRIALS) {
            Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = m - FULL_WEIGHT_TRIALS;
        for (int i = 0; i < ramp; i++) {
            // numpy.linspace(1/m, 1, ramp)
            w[i] = ramp == 1 ? 1.0 / m : 1.0 / m + (1 - 1.0 / m) * i / (ramp - 1);
        }
        Arrays.fill(w, ramp, m, 1.0);
        return w;
    }

    @Override
    public List<Proposal> propose(Study study, int n, RandomGenerator random) {
        Codec codec = new Codec(study.space());
        List<Proposal> out = new ArrayList<>(Math.max(0, n));
        if (n <= 0) {
            return out;
        }
        List<double[]> trialCodes = Issued.encodeAll(codec, study);
        Issued issued = new Issued(codec, trialCodes);
        History h = new History(codec, study, trialCodes, n);
        int issuedBefore = study.issued();

        // the below group depends only on complete and pruned trials: built once per call
        Split split = split(h);
        int nBelow = split.below.length;
        int[] belowRows = split.below;
        int[] aboveComplete = split.above;
        MultivariateParzen below = nBelow == 0 ? null
                : new MultivariateParzen(codec, h.columns(belowRows, nBelow), nBelow, weights(nBelow), PRIOR_WEIGHT);

        int[][] completeOrder = sortedColumns(codec, h, aboveComplete);
        double[][] cand = new double[codec.dims()][candidates];
        double[] ll = new double[candidates];
        double[] lg = new double[candidates];
        for (int i = 0; i < n; i++) {
            double[] chosen = null;
            Source source = Source.RANDOM;
            if (issuedBefore + i >= randomStartup && below != null) {
                MultivariateParzen above = aboveEstimator(h, codec, aboveComplete, completeOrder);
                below.sample(random, candidates, cand);
                below.logPdf(cand, candidates, ll);
                above.logPdf(cand, candidates, lg);
                chosen = best(cand, ll, lg, issued);
                source = Source.MODEL;
            }
            if (chosen == null) {
                chosen = issued.randomUnissued(random);
                source = Source.RANDOM;
                if (chosen == null) {
                    break; // exhausted
                }
            }
            issued.add(chosen);
            h.addPending(chosen);
            out.add(new Proposal(codec.decode(chosen), source));
        }
        return out;
    }

    /** Rows of the below group and of the settled (complete or pruned) part of the above group, each in issue order. */
    record Split(int[] below, int[] above) {
    }

    /**
     * Optuna's {@code _split_trials} (with {@code constraints_func} when trials carry constraint values, ADR 0033):
     * n = complete + pruned trials (feasible or not), {@code gamma(n)} below; the best feasible complete trials
     * first, then, if gamma asks for more, the feasible pruned trials in {@code _get_pruned_trial_score} order
     * (furthest step, then lowest last loss), then the infeasible trials by their total violation
     * ({@code _get_infeasible_trial_score}, the sum of the positive constraint values; ties in issue order)
     * — so an infeasible trial is only "good" when too few feasible ones exist, and the least violating first.
     * Without pruned or infeasible trials this is the best {@code min(gamma(n), n)} complete trials, as before.
     */
    static Split split(History h) {
        int nComplete = h.complete.length;
        int nPruned = h.pruned.length;
        int wanted = gamma(nComplete + nPruned);
        int[] byLoss = h.completeByLoss();
        java.util.TreeSet<Integer> below = new java.util.TreeSet<>();
        java.util.TreeSet<Integer> above = new java.util.TreeSet<>();
        List<Integer> infeasibleRows = new ArrayList<>();
        List<Double> infeasibleScores = new ArrayList<>();
        int taken = 0;
        for (int i = 0; i < nComplete; i++) {
            int k = byLoss[i];
            if (h.completeViolation[k] > 0) {
                infeasibleRows.add(h.complete[k]);
                infeasibleScores.add(h.completeViolation[k]);
            } else if (taken < wanted) {
                below.add(h.complete[k]);
                taken++;
            } else {
                above.add(h.complete[k]);
            }
        }
        Integer[] byScore = h.prunedByScore();
        for (int i = 0; i < nPruned; i++) {
            int k = byScore[i];
            if (h.prunedViolation[k] > 0) {
                infeasibleRows.add(h.pruned[k]);
                infeasibleScores.add(h.prunedViolation[k]);
            } else if (taken < wanted) {
                below.add(h.pruned[k]);
                taken++;
            } else {
                above.add(h.pruned[k]);
            }
        }
        Integer[] byViolation = new Integer[infeasibleRows.size()];
        for (int i = 0; i < byViolation.length; i++) {
            byViolation[i] = i;
        }
        // stable: by violation, then issue order (Optuna sorts the trials, numbered in issue order)
        Arrays.sort(byViolation, (a, b) -> {
            int c = Double.compare(infeasibleScores.get(a), infeasibleScores.get(b));
            return c != 0 ? c : Integer.compare(infeasibleRows.get(a), infeasibleRows.get(b));
        });
        for (Integer i : byViolation) {
            (taken < wanted ? below : above).add(infeasibleRows.get(i));
            if (below.contains(infeasibleRows.get(i))) {
                taken++;
            }
        }
        return new Split(below.stream().mapToInt(Integer::intValue).toArray(),
                above.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Per numeric dimension, the given rows ordered by code (= by transformed centre). */
    static int[][] sortedColumns(Codec codec, History h, int[] rows) {
        int[][] order = new int[codec.dims()][];
        double[] vals = new double[rows.length];
        for (int d = 0; d < codec.dims(); d++) {
            if (codec.kind(d) == Codec.Kind.CATEGORICAL) {
                continue;
            }
            for (int i = 0; i < rows.length; i++) {
                vals[i] = h.codes[d][rows[i]];
            }
            order[d] = MultivariateParzen.sortOrder(vals, rows.length);
        }
        return order;
    }

    /**
     * The above group: complete trials not below plus pending ones, in issue order. The per-dimension
     * order of the complete part is computed once per call and merged with the pending points here.
     */
    static MultivariateParzen aboveEstimator(History h, Codec codec, int[] aboveComplete, int[][] completeOrder) {
        int ac = aboveComplete.length;
        int pc = h.pendingCount;
        int m = ac + pc;
        int[] rows = new int[m];
        int[] posC = new int[ac];
        int[] posP = new int[pc];
        // merge two increasing row lists, so the weight ramp sees issue order
        int a = 0, p = 0, k = 0;
        while (a < ac || p < pc) {
            if (p >= pc || (a < ac && aboveComplete[a] < h.pending[p])) {
                posC[a] = k;
                rows[k++] = aboveComplete[a++];
            } else {
                posP[p] = k;
                rows[k++] = h.pending[p++];
            }
        }
        double[][] cols = h.columns(rows, m);
        int[][] order = new int[codec.dims()][];
        double[] pv = new double[pc];
        for (int d = 0; d < codec.dims(); d++) {
            if (completeOrder[d] == null) {
                continue;
            }
            double[] col = cols[d];
            for (int j = 0; j < pc; j++) {
                pv[j] = col[posP[j]];
            }
            int[] pOrder = MultivariateParzen.sortOrder(pv, pc);
            int[] cOrder = completeOrder[d];
            int[] out = new int[m];
            int i = 0, j = 0, o = 0;
            while (i < ac || j < pc) {
                boolean takeC;
                if (j >= pc) {
                    takeC = true;
                } else if (i >= ac) {
                    takeC = false;
                } else {
                    int ci = posC[cOrder[i]];
                    int pj = posP[pOrder[j]];
                    takeC = col[ci] < col[pj] || (col[ci] == col[pj] && ci < pj);
                }
                out[o++] = takeC ? posC[cOrder[i++]] : posP[pOrder[j++]];
            }
            order[d] = out;
        }
        return new MultivariateParzen(codec, cols, m, weights(m), PRIOR_WEIGHT, order);
    }

    /** The unissued candidate with the highest acquisition (the first on ties), or null. */
    static double[] best(double[][] cand, double[] ll, double[] lg, Issued issued) {
        int n = ll.length;
        int dims = cand.length;
        double[] acq = new double[n];
        for (int i = 0; i < n; i++) {
            double v = ll[i] - lg[i];
            acq[i] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        }
        boolean[] tried = new boolean[n];
        double[] c = new double[dims];
        for (int round = 0; round < n; round++) {
            int bi = -1;
            for (int i = 0; i < n; i++) {
                if (!tried[i] && (bi < 0 || acq[i] > acq[bi])) {
                    bi = i;
                }
            }
            tried[bi] = true;
            for (int d = 0; d < dims; d++) {
                c[d] = cand[d][bi];
            }
            if (!issued.contains(c)) {
                return c.clone();
            }
        }
        return null;
    }
}
