package io.parzen.optimizer.engine.tpe;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.engine.support.Issued;
import io.parzen.optimizer.space.Codec;
import io.parzen.optimizer.study.Study;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * TPE as HyperOpt 0.2.7's {@code tpe.suggest} does it (optimizers.md §3), minimising the loss:
 *
 * <ul>
 *   <li><b>independent</b> adaptive Parzen estimators, one per parameter ({@link HyperoptParzen});
 *       each parameter's value is chosen on its own;</li>
 *   <li><b>gamma</b> 0.25: {@code n_below = min(ceil(0.25·√N), 25)}, N = complete + pending trials
 *       (pending ones count, as in HyperOpt);</li>
 *   <li><b>linear forgetting</b> LF = 25 ({@code DEFAULT_LF}), <b>prior weight</b> 1.0,
 *       <b>24 EI candidates</b> ({@code n_EI_candidates}) per parameter, argmax (first) of
 *       ln l − ln g;</li>
 *   <li><b>pending trials</b> — and the points proposed earlier in the same batch — are what HyperOpt
 *       makes of trials without a result: losses of +∞, i.e. always in the "above" group g (a constant
 *       liar with the worst value) and counted in N;</li>
 *   <li><b>failed trials</b> are dropped from the model, as HyperOpt drops ERROR trials (our FAILED
 *       are crashed or metric-less executions; no loss is made up for them);</li>
 *   <li>the first {@code randomStartup} issued trials (default 20 = HyperOpt's {@code n_startup_jobs},
 *       counting pending and failed trials as HyperOpt counts its docs) are random; so is any proposal
 *       while no trial is complete.</li>
 * </ul>
 *
 * <p>Differences on purpose: Integer parameters are modelled like {@code quniform} (ordinal) rather
 * than {@code randint} (categorical); quantization is anchored at the parameter's min (Valohai's
 * Q.Step) rather than at 0; the "below" group only takes complete trials. No issued point is proposed
 * again: when the combination of the per-parameter winners was issued, the next best combinations
 * (by total score, best-first over the 24 ranked candidates of each parameter) are tried, then a
 * random unissued point ({@link Source#RANDOM}).
 */
public final class HyperoptTpeEngine implements Engine {

    /** Candidates drawn per parameter (HyperOpt 0.2.7 {@code tpe._default_n_EI_candidates}). */
    public static final int EI_CANDIDATES = 24;
    /** Weight of the prior component (HyperOpt 0.2.7 {@code tpe._default_prior_weight}). */
    public static final double PRIOR_WEIGHT = 1.0;
    /** {@code n_below = ceil(gamma·√N)} (HyperOpt 0.2.7 {@code tpe._default_gamma}). */
    public static final double GAMMA = 0.25;
    /** Linear forgetting: the newest LF observations have full weight (HyperOpt 0.2.7 {@code tpe._default_linear_forgetting}). */
    public static final int LF = 25;
    /** Combinations of ranked candidates tried before a random point when the best ones were issued: a bounded search. */
    private static final int MAX_COMBINATIONS = 512;
    /**
     * Total score a candidate of −∞ contributes: very bad but finite, so combinations that contain one
     * still rank among themselves by their other parameters.
     */
    private static final double EXCLUDED_SCORE = -1e300;

    private final int randomStartup;

    public HyperoptTpeEngine(int randomStartup) {
        if (randomStartup < 0) {
            throw new IllegalArgumentException("randomStartup must not be negative: " + randomStartup);
        }
        this.randomStartup = randomStartup;
    }

    @Override
    public String name() {
        return "hyperopt";
    }

    /** HyperOpt's {@code n_below}: {@code min(ceil(gamma·√N), LF)}. */
    public static int nBelow(int n) {
        return Math.min((int) Math.ceil(GAMMA * Math.sqrt(n)), LF);
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
        int nComplete = h.complete.length;
        int[] byLoss = h.completeByLoss();
        int dims = codec.dims();
        for (int i = 0; i < n; i++) {
            double[] chosen = null;
            Source source = Source.RANDOM;
            if (study.issued() + i >= randomStartup && nComplete > 0) {
                int bigN = nComplete + h.pendingCount;
                int nb = Math.min(nBelow(bigN), nComplete);
                boolean[] isBelow = new boolean[nComplete];
                for (int j = 0; j < nb; j++) {
                    isBelow[byLoss[j]] = true;
                }
                int[] belowRows = new int[nb];
                int[] aboveRows = new int[bigN - nb];
                int b = 0, a = 0;
                int p = 0;
                for (int j = 0; j < nComplete; j++) {
                    int row = h.complete[j];
                    while (p < h.pendingCount && h.pending[p] < row) {
                        aboveRows[a++] = h.pending[p++];
                    }
                    if (isBelow[j]) {
                        belowRows[b++] = row;
                    } else {
                        aboveRows[a++] = row;
                    }
                }
                while (p < h.pendingCount) {
                    aboveRows[a++] = h.pending[p++];
                }
                double[][] below = h.columns(belowRows, nb);
                double[][] above = h.columns(aboveRows, aboveRows.length);
                double[][] cand = new double[dims][EI_CANDIDATES];
                double[][] score = new double[dims][EI_CANDIDATES];
                for (int d = 0; d < dims; d++) {
                    HyperoptParzen l = new HyperoptParzen(codec, d, below[d], nb, PRIOR_WEIGHT, LF);
                    HyperoptParzen g = new HyperoptParzen(codec, d, above[d], aboveRows.length, PRIOR_WEIGHT, LF);
                    for (int c = 0; c < EI_CANDIDATES; c++) {
                        cand[d][c] = l.sample(random);
                    }
                    for (int c = 0; c < EI_CANDIDATES; c++) {
                        int same = -1;
                        for (int q = 0; q < c && codec.kind(d) != Codec.Kind.CONTINUOUS; q++) {
                            if (cand[d][q] == cand[d][c]) {
                                same = q;
                                break;
                            }
                        }
                        if (same >= 0) {
                            score[d][c] = score[d][same]; // a repeated discrete value: same score
                            continue;
                        }
                        double s = l.logPdf(cand[d][c]) - g.logPdf(cand[d][c]);
                        score[d][c] = Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
                    }
                }
                chosen = bestCombination(cand, score, issued);
                source = Source.MODEL;
            }
            if (chosen == null) {
                chosen = issued.randomUnissued(random);
                source = Source.RANDOM;
                if (chosen == null) {
                    break;
                }
            }
            issued.add(chosen);
            h.addPending(chosen);
            out.add(new Proposal(codec.decode(chosen), source));
        }
        return out;
    }

    /**
     * The per-dimension winners (first maximum), or — when that point was issued — the next
     * combinations in decreasing total score; null when none of the first {@value #MAX_COMBINATIONS}
     * is new.
     */
    static double[] bestCombination(double[][] cand, double[][] score, Issued issued) {
        int dims = cand.length;
        int n = cand[0].length;
        int[][] ranked = new int[dims][];
        for (int d = 0; d < dims; d++) {
            Integer[] idx = new Integer[n];
            for (int c = 0; c < n; c++) {
                idx[c] = c;
            }
            final double[] s = score[d];
            java.util.Arrays.sort(idx, (x, y) -> {
                int cmp = Double.compare(s[y], s[x]);
                return cmp != 0 ? cmp : Integer.compare(x, y);
            });
            ranked[d] = new int[n];
            for (int c = 0; c < n; c++) {
                ranked[d][c] = idx[c];
            }
        }
        record Node(int[] ranks, double total) {
        }
        PriorityQueue<Node> queue = new PriorityQueue<>((x, y) -> Double.compare(y.total(), x.total()));
        Set<String> seen = new HashSet<>();
        int[] start = new int[dims];
        queue.add(new Node(start, total(start, ranked, score)));
        seen.add(java.util.Arrays.toString(start));
        double[] point = new double[dims];
        for (int pops = 0; pops < MAX_COMBINATIONS && !queue.isEmpty(); pops++) {
            Node node = queue.poll();
            for (int d = 0; d < dims; d++) {
                point[d] = cand[d][ranked[d][node.ranks()[d]]];
            }
            if (!issued.contains(point)) {
                return point.clone();
            }
            for (int d = 0; d < dims; d++) {
                if (node.ranks()[d] + 1 < n) {
                    int[] next = node.ranks().clone();
                    next[d]++;
                    if (seen.add(java.util.Arrays.toString(next))) {
                        queue.add(new Node(next, total(next, ranked, score)));
                    }
                }
            }
        }
        return null;
    }

    private static double total(int[] ranks, int[][] ranked, double[][] score) {
        double t = 0;
        for (int d = 0; d < ranks.length; d++) {
            double s = score[d][ranked[d][ranks[d]]];
            t += s == Double.NEGATIVE_INFINITY ? EXCLUDED_SCORE : s;
        }
        return t;
    }
}
