package io.parzen.optimizer.engine.tpe;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.engine.support.Issued;
import io.parzen.optimizer.multiobjective.Hypervolume;
import io.parzen.optimizer.multiobjective.Pareto;
import io.parzen.optimizer.space.Codec;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import io.parzen.optimizer.study.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code motpe}: multi-objective TPE as Optuna 5's {@code TPESampler} does it when a study has several
 * directions (its default sampler for multi-objective studies since 5.0), every objective minimised
 * (the service negates maximised metrics). It shares the single-objective engine's Parzen estimator and
 * 5.0 defaults ({@link OptunaTpeEngine}: multivariate, 24 EI candidates, prior weight 1, constant liar,
 * the neighbour bandwidth rule); what differs are Optuna's multi-objective rules in
 * {@code optuna/samplers/_tpe/sampler.py}:
 *
 * <ul>
 *   <li><b>the good/bad split</b> ({@code _split_complete_trials_multi_objective}): the same
 *       {@code gamma(n) = min(ceil(0.1·n), 25)} of the n complete trials are "below"; they are taken by
 *       non-domination rank (fast non-dominated sort), whole ranks first; the rank that does not fit
 *       whole is tie-broken by the hypervolume subset selection problem ({@code _solve_hssp}: greedily
 *       the point adding the most hypervolume, Optuna's lazy greedy gives the same set) against the
 *       reference point {@code max(1.1·worst, 0.9·worst)} of that rank ({@code 0 → EPS});</li>
 *   <li><b>the weights of the good group</b> ({@code _calculate_weights_below_for_multi_objective}):
 *       each good trial's hypervolume contribution (leave-one-out among the good group's Pareto front, against
 *       {@code _get_reference_point} of the good group) divided by the largest one, at least
 *       {@code EPS = 1e-12} (dominated good trials get EPS); with one good trial its weight is 1;</li>
 *   <li><b>the bad group</b> keeps {@code default_weights} (the linear ramp beyond 25 trials), with
 *       the pending trials and the batch's earlier proposals in it (constant liar), in issue order;</li>
 *   <li>the acquisition is the same {@code ln l(x) − ln g(x)} over 24 candidates from l.</li>
 * </ul>
 *
 * <p>Constraints (ADR 0033, Optuna's {@code constraints_func}): the good group is chosen among the feasible
 * trials by the rules above; when gamma asks for more, infeasible trials join it by least total violation,
 * each with weight {@code EPS} (Optuna's {@code _calculate_weights_below_for_multi_objective} gives infeasible
 * good trials EPS and computes the contributions over the feasible ones).
 *
 * <p>Optuna does not prune multi-objective trials ({@code Trial.report} refuses them), so pruned and
 * failed trials are invisible to this model; complete trials without a loss vector (or with a NaN
 * objective) too. As in {@link OptunaTpeEngine}, the first {@code randomStartup} issued trials are
 * random (Valohai's 20 instead of Optuna's 10 complete), and no issued point is proposed again.
 */
public final class MotpeEngine implements Engine {

    /** Optuna's {@code EPS} in {@code _calculate_weights_below_for_multi_objective}. */
    public static final double EPS = 1e-12;

    private final int randomStartup;
    private final int candidates;

    public MotpeEngine(int randomStartup) {
        this(randomStartup, OptunaTpeEngine.EI_CANDIDATES);
    }

    public MotpeEngine(int randomStartup, int candidates) {
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
        return "motpe";
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

        // complete trials with a full loss vector, and pending ones, in issue order
        List<double[]> completeCodes = new ArrayList<>();
        List<double[]> completeLosses = new ArrayList<>();
        List<Integer> completeOrder = new ArrayList<>();
        List<double[]> pendingCodes = new ArrayList<>();
        List<Integer> pendingOrder = new ArrayList<>();
        List<Trial> trials = study.trials();
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            double[] c = trialCodes.get(i);
            if (Codec.hasMissing(c)) {
                continue;
            }
            if (t.hasLosses()) {
                completeCodes.add(c);
                completeLosses.add(t.losses());
                completeOrder.add(i);
            } else if (t.state() == TrialState.PENDING) {
                pendingCodes.add(c);
                pendingOrder.add(i);
            }
        }
        int nComplete = completeCodes.size();
        int nBelow = OptunaTpeEngine.gamma(nComplete);
        // constraints (ADR 0033, Optuna's _split_trials with constraints_func): the good group is taken from the
        // feasible trials first; infeasible ones fill it up, least total violation first, with weight EPS
        List<Integer> feasible = new ArrayList<>();
        List<Integer> infeasible = new ArrayList<>();
        for (int i = 0; i < nComplete; i++) {
            (trials.get(completeOrder.get(i)).violation() > 0 ? infeasible : feasible).add(i);
        }
        List<double[]> feasibleLosses = new ArrayList<>();
        feasible.forEach(i -> feasibleLosses.add(completeLosses.get(i)));
        boolean[] feasibleBelow = splitBelow(feasibleLosses, Math.min(nBelow, feasible.size()));
        boolean[] isBelow = new boolean[nComplete];
        int taken = 0;
        for (int k = 0; k < feasible.size(); k++) {
            if (feasibleBelow[k]) {
                isBelow[feasible.get(k)] = true;
                taken++;
            }
        }
        infeasible.sort((a, b) -> Double.compare(trials.get(completeOrder.get(a)).violation(),
                trials.get(completeOrder.get(b)).violation())); // stable: issue order on ties
        List<Integer> infeasibleBelow = new ArrayList<>();
        for (int k = 0; k < infeasible.size() && taken < nBelow; k++, taken++) {
            isBelow[infeasible.get(k)] = true;
            infeasibleBelow.add(infeasible.get(k));
        }
        List<double[]> belowCodes = new ArrayList<>();
        List<double[]> belowLosses = new ArrayList<>();
        List<double[]> aboveCodes = new ArrayList<>();
        List<Integer> aboveOrder = new ArrayList<>();
        for (int i = 0; i < nComplete; i++) {
            if (isBelow[i] && !infeasibleBelow.contains(i)) {
                belowCodes.add(completeCodes.get(i));
                belowLosses.add(completeLosses.get(i));
            } else if (!isBelow[i]) {
                aboveCodes.add(completeCodes.get(i));
                aboveOrder.add(completeOrder.get(i));
            }
        }
        double[] feasibleWeights = belowLosses.isEmpty() ? new double[0] : weightsBelow(belowLosses);
        for (int i : infeasibleBelow) {
            belowCodes.add(completeCodes.get(i));
        }
        double[] belowWeights = Arrays.copyOf(feasibleWeights, belowCodes.size());
        Arrays.fill(belowWeights, feasibleWeights.length, belowWeights.length, EPS);
        MultivariateParzen below = belowCodes.isEmpty() ? null
                : new MultivariateParzen(codec, columns(codec, belowCodes), belowCodes.size(),
                        belowWeights, OptunaTpeEngine.PRIOR_WEIGHT);
        // the bad group: complete-above and pending trials by issue order; batch proposals after them
        List<double[]> above = mergeByOrder(aboveCodes, aboveOrder, pendingCodes, pendingOrder);

        double[][] cand = new double[codec.dims()][candidates];
        double[] ll = new double[candidates];
        double[] lg = new double[candidates];
        int issuedBefore = study.issued();
        for (int i = 0; i < n; i++) {
            double[] chosen = null;
            Source source = Source.RANDOM;
            if (issuedBefore + i >= randomStartup && below != null) {
                int m = above.size();
                MultivariateParzen g = new MultivariateParzen(codec, columns(codec, above), m,
                        OptunaTpeEngine.weights(m), OptunaTpeEngine.PRIOR_WEIGHT);
                below.sample(random, candidates, cand);
                below.logPdf(cand, candidates, ll);
                g.logPdf(cand, candidates, lg);
                chosen = OptunaTpeEngine.best(cand, ll, lg, issued);
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
            above.add(chosen);
            out.add(new Proposal(codec.decode(chosen), source));
        }
        return out;
    }

    /**
     * Optuna's {@code _split_complete_trials_multi_objective}: which of the loss vectors are in the
     * good group of size {@code nBelow} — whole non-domination ranks first, then the rank that does not
     * fit by greedy hypervolume subset selection.
     */
    public static boolean[] splitBelow(List<double[]> losses, int nBelow) {
        int n = losses.size();
        boolean[] below = new boolean[n];
        if (nBelow <= 0) {
            return below;
        }
        if (nBelow >= n) {
            Arrays.fill(below, true);
            return below;
        }
        int[] rank = Pareto.ranks(losses);
        int taken = 0;
        for (int r = 0; taken < nBelow; r++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (rank[i] == r) {
                    members.add(i);
                }
            }
            if (members.isEmpty()) {
                break; // cannot happen for finite losses: ranks are consecutive
            }
            if (taken + members.size() <= nBelow) {
                for (int i : members) {
                    below[i] = true;
                }
                taken += members.size();
            } else {
                List<double[]> rankLosses = new ArrayList<>();
                for (int i : members) {
                    rankLosses.add(losses.get(i));
                }
                for (int k : greedyHssp(rankLosses, nBelow - taken, Hypervolume.derivedReference(rankLosses))) {
                    below[members.get(k)] = true;
                }
                taken = nBelow;
            }
        }
        return below;
    }

    /**
     * Greedy hypervolume subset selection ({@code optuna/_hypervolume/hssp.py} {@code _solve_hssp}): {@code k}
     * indices of {@code points}. As Optuna: the distinct loss vectors in lexicographic order (the first
     * occurrence of each) are the candidates; each step takes the candidate whose addition increases the
     * hypervolume of the chosen set most, the first in that order on ties (Optuna's 2-D rectangle update
     * and its lazy greedy in more dimensions choose the same set); when there are fewer distinct vectors
     * than {@code k}, all of them plus the first duplicates in input order.
     */
    public static int[] greedyHssp(List<double[]> points, int k, double[] reference) {
        int n = points.size();
        k = Math.min(k, n);
        if (k == n) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Arrays.compare(points.get(a), points.get(b));
            return c != 0 ? c : Integer.compare(a, b);
        });
        List<Integer> unique = new ArrayList<>();
        boolean[] isUnique = new boolean[n];
        for (int j = 0; j < n; j++) {
            if (j == 0 || !Arrays.equals(points.get(order[j]), points.get(order[j - 1]))) {
                unique.add(order[j]);
                isUnique[order[j]] = true;
            }
        }
        if (unique.size() < k) {
            List<Integer> out = new ArrayList<>(unique);
            for (int i = 0; i < n && out.size() < k; i++) {
                if (!isUnique[i]) {
                    out.add(i);
                }
            }
            return out.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        int[] chosen = new int[k];
        boolean[] used = new boolean[unique.size()];
        List<double[]> set = new ArrayList<>();
        double hv = 0;
        for (int s = 0; s < k; s++) {
            int bi = -1;
            double bGain = Double.NEGATIVE_INFINITY;
            for (int u = 0; u < unique.size(); u++) {
                if (used[u]) {
                    continue;
                }
                set.add(points.get(unique.get(u)));
                double gain = Hypervolume.of(set, reference) - hv;
                set.remove(set.size() - 1);
                if (gain > bGain) {
                    bGain = gain;
                    bi = u;
                }
            }
            used[bi] = true;
            chosen[s] = unique.get(bi);
            set.add(points.get(unique.get(bi)));
            hv = Hypervolume.of(set, reference);
        }
        return chosen;
    }

    /** Optuna's {@code _calculate_weights_below_for_multi_objective} (every trial feasible). */
    public static double[] weightsBelow(List<double[]> belowLosses) {
        int n = belowLosses.size();
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        if (n <= 1) {
            return w;
        }
        double[] ref = Hypervolume.derivedReference(belowLosses);
        // leave-one-out over the Pareto front of the good group only (dominated members stay out of it)
        int[] front = Pareto.front(belowLosses, null);
        List<double[]> frontLosses = new ArrayList<>(front.length);
        for (int i : front) {
            frontLosses.add(belowLosses.get(i));
        }
        double[] frontContributions = Hypervolume.contributions(frontLosses, ref);
        double[] contributions = new double[n];
        double max = 0;
        for (int k = 0; k < front.length; k++) {
            contributions[front[k]] = frontContributions[k];
            max = Math.max(max, frontContributions[k]);
        }
        if (Double.isInfinite(max) || Double.isNaN(max)) {
            return w;
        }
        for (int i = 0; i < n; i++) {
            w[i] = Math.max(contributions[i] / Math.max(max, EPS), EPS);
        }
        return w;
    }

    private static List<double[]> mergeByOrder(List<double[]> a, List<Integer> ao, List<double[]> b, List<Integer> bo) {
        List<double[]> out = new ArrayList<>(a.size() + b.size() + 16);
        int i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size() || (i < a.size() && ao.get(i) < bo.get(j))) {
                out.add(a.get(i++));
            } else {
                out.add(b.get(j++));
            }
        }
        return out;
    }

    private static double[][] columns(Codec codec, List<double[]> rows) {
        double[][] cols = new double[codec.dims()][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            double[] c = rows.get(r);
            for (int d = 0; d < c.length; d++) {
                cols[d][r] = c[d];
            }
        }
        return cols;
    }
}
