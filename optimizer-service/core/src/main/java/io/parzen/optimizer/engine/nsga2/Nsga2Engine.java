package io.parzen.optimizer.engine.nsga2;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.engine.support.Issued;
import io.parzen.optimizer.engine.support.RandomSampling;
import io.parzen.optimizer.multiobjective.Pareto;
import io.parzen.optimizer.space.Codec;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code nsga2}: NSGA-II (Deb, Pratap, Agarwal &amp; Meyarivan, IEEE TEC 2002) with the defaults of
 * Optuna 5's {@code NSGAIISampler} ({@code optuna/samplers/nsga2/_sampler.py}), every objective
 * minimised:
 *
 * <ul>
 *   <li><b>population</b> {@value #POPULATION} ({@code population_size=50}); generation 0 is random
 *       (Optuna samples it with the independent {@code RandomSampler});</li>
 *   <li><b>generations</b> as Optuna's {@code _calculate_generation}: a trial belongs to the newest
 *       generation, which closes once it has {@code population} complete trials. This engine is
 *       stateless, so it replays that rule over the trials in issue order (the same result when
 *       trials finish in the order they were issued; pending and failed trials belong to the
 *       generation open when they were issued);</li>
 *   <li><b>elite selection</b> ({@code _elite_population_selection_strategy.py}): the parents of
 *       generation g are the best {@code population} of (parents of g−1 ∪ complete trials of g−1) by
 *       non-domination rank, the rank that does not fit whole sorted by <b>crowding distance</b>
 *       (largest first; boundary points infinite; {@code _crowding_distance_sort});</li>
 *   <li><b>parent choice</b> ({@code _child_generation_strategy.py}, {@code _select_parent}): a binary
 *       tournament by Pareto dominance (two random members; the first if it dominates the second,
 *       else the second), two distinct parents;</li>
 *   <li><b>crossover</b> with probability {@value #CROSSOVER_PROB} ({@code crossover_prob=0.9}):
 *       Optuna's default {@code UniformCrossover(swapping_prob=0.5)} — each parameter from the second
 *       parent with probability {@value #SWAPPING_PROB}, else from the first; categorical parameters
 *       are swapped the same way. Otherwise the child copies a uniformly chosen parent;</li>
 *   <li><b>mutation</b> ({@code mutation_prob=None}): each parameter is redrawn at random with
 *       probability {@code 1 / max(1, number of parameters)}.</li>
 * </ul>
 *
 * <p>Constraints (ADR 0033, Optuna's {@code constraints_func}): elite selection ranks feasible members by
 * Pareto rank and puts the infeasible ones after them by total violation ({@link #constrainedRanks}); the
 * tournament uses Deb's constrained domination ({@link Pareto#constrainedDominates}).
 *
 * <p>A child equal to an issued point is bred again (up to {@value #BREED_TRIES} times), then a random
 * unissued point is taken ({@link Source#RANDOM}); on an exhausted space fewer points come back.
 * Failed and pruned trials and complete ones without a full loss vector are never parents. The
 * engine ignores the random-startup count: its random start is generation 0.
 */
public final class Nsga2Engine implements Engine {

    public static final int POPULATION = 50;
    public static final double CROSSOVER_PROB = 0.9;
    public static final double SWAPPING_PROB = 0.5;
    static final int BREED_TRIES = 32;

    private final int population;

    public Nsga2Engine() {
        this(POPULATION);
    }

    public Nsga2Engine(int population) {
        if (population < 2) {
            throw new IllegalArgumentException("population must be at least 2: " + population);
        }
        this.population = population;
    }

    @Override
    public String name() {
        return "nsga2";
    }

    /** One member of a population: its codes and losses. */
    /** A complete trial: its codes, loss vector and total constraint violation (0 = feasible or none, ADR 0033). */
    record Member(double[] codes, double[] losses, double violation) {
        Member(double[] codes, double[] losses) {
            this(codes, losses, 0);
        }
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
        List<Member> parents = parents(study, trialCodes);
        for (int i = 0; i < n; i++) {
            double[] chosen = null;
            Source source = Source.RANDOM;
            if (parents.size() >= 2) {
                for (int t = 0; t < BREED_TRIES && chosen == null; t++) {
                    double[] child = breed(codec, parents, random);
                    if (!issued.contains(child)) {
                        chosen = child;
                        source = Source.MODEL;
                    }
                }
            }
            if (chosen == null) {
                chosen = issued.randomUnissued(random);
                source = Source.RANDOM;
                if (chosen == null) {
                    break;
                }
            }
            issued.add(chosen);
            out.add(new Proposal(codec.decode(chosen), source));
        }
        return out;
    }

    /** The parent population of the generation a new trial belongs to (empty in generation 0). */
    List<Member> parents(Study study, List<double[]> trialCodes) {
        List<List<Member>> generations = new ArrayList<>();
        generations.add(new ArrayList<>());
        List<Trial> trials = study.trials();
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            double[] c = trialCodes.get(i);
            if (!t.hasLosses() || Codec.hasMissing(c)) {
                continue; // pending/failed: belong to the open generation, never parents
            }
            List<Member> open = generations.get(generations.size() - 1);
            open.add(new Member(c, t.losses(), t.violation()));
            if (open.size() >= population) {
                generations.add(new ArrayList<>());
            }
        }
        List<Member> parents = new ArrayList<>();
        for (int g = 0; g < generations.size() - 1; g++) {
            List<Member> pool = new ArrayList<>(parents);
            pool.addAll(generations.get(g));
            parents = elite(pool, population);
        }
        return parents;
    }

    /** Optuna's NSGA-II elite selection: whole fronts, then the first front that does not fit by crowding distance. */
    static List<Member> elite(List<Member> pool, int size) {
        int[] rank = constrainedRanks(pool);
        List<Member> out = new ArrayList<>(size);
        for (int r = 0; out.size() < size; r++) {
            List<Member> front = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                if (rank[i] == r) {
                    front.add(pool.get(i));
                }
            }
            if (front.isEmpty()) {
                break;
            }
            if (out.size() + front.size() <= size) {
                out.addAll(front);
            } else {
                List<Member> sorted = crowdingSort(front);
                out.addAll(sorted.subList(0, size - out.size()));
            }
        }
        return out;
    }

    /**
     * Non-domination ranks under Deb's constrained domination (Optuna's {@code _rank_population} with
     * {@code constraints_func}): the feasible members by Pareto ranks first, then the infeasible ones after the
     * last feasible rank, one rank per distinct total violation (smallest first). Without infeasible members
     * this is {@link Pareto#ranks}.
     */
    static int[] constrainedRanks(List<Member> pool) {
        int n = pool.size();
        List<Integer> feasible = new ArrayList<>();
        List<Integer> infeasible = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (pool.get(i).violation() > 0 ? infeasible : feasible).add(i);
        }
        if (infeasible.isEmpty()) {
            return Pareto.ranks(pool.stream().map(Member::losses).toList());
        }
        int[] rank = new int[n];
        int[] feasibleRank = Pareto.ranks(feasible.stream().map(i -> pool.get(i).losses()).toList());
        int next = 0;
        for (int k = 0; k < feasible.size(); k++) {
            rank[feasible.get(k)] = feasibleRank[k];
            if (feasibleRank[k] != Integer.MAX_VALUE) {
                next = Math.max(next, feasibleRank[k] + 1);
            }
        }
        double[] violations = infeasible.stream().mapToDouble(i -> pool.get(i).violation()).distinct().sorted()
                .toArray();
        for (int i : infeasible) {
            rank[i] = next + Arrays.binarySearch(violations, pool.get(i).violation());
        }
        return rank;
    }

    /**
     * Optuna's {@code _crowding_distance_sort}: per objective, the members sorted by it; the two ends get
     * an infinite distance, the others add {@code (next − previous) / (max − min)}; objectives with
     * zero width add nothing. Largest distance first (stable for equal distances).
     */
    static List<Member> crowdingSort(List<Member> front) {
        int n = front.size();
        double[] dist = crowdingDistances(front.stream().map(Member::losses).toList());
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> dist[i]).reversed());
        List<Member> out = new ArrayList<>(n);
        for (int i : idx) {
            out.add(front.get(i));
        }
        return out;
    }

    /** Crowding distance of every point of one front. */
    public static double[] crowdingDistances(List<double[]> losses) {
        int n = losses.size();
        double[] dist = new double[n];
        if (n == 0) {
            return dist;
        }
        int objectives = losses.get(0).length;
        Integer[] idx = new Integer[n];
        for (int m = 0; m < objectives; m++) {
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            final int mm = m;
            Arrays.sort(idx, Comparator.comparingDouble(i -> losses.get(i)[mm]));
            double lo = losses.get(idx[0])[m];
            double hi = losses.get(idx[n - 1])[m];
            double width = hi - lo;
            if (width == 0) {
                continue;
            }
            dist[idx[0]] = Double.POSITIVE_INFINITY;
            dist[idx[n - 1]] = Double.POSITIVE_INFINITY;
            for (int j = 1; j < n - 1; j++) {
                dist[idx[j]] += (losses.get(idx[j + 1])[m] - losses.get(idx[j - 1])[m]) / width;
            }
        }
        return dist;
    }

    /** One child: tournament parents, uniform crossover (or a copy), per-parameter mutation. */
    static double[] breed(Codec codec, List<Member> parents, RandomGenerator random) {
        int dims = codec.dims();
        double[] child;
        if (random.nextDouble() < CROSSOVER_PROB) {
            Member p0 = tournament(parents, null, random);
            Member p1 = tournament(parents, p0, random);
            child = new double[dims];
            for (int d = 0; d < dims; d++) {
                // Optuna: masks = rng.rand(n) >= swapping_prob; child = parents[mask, i] (mask 1 = second parent)
                child[d] = random.nextDouble() >= SWAPPING_PROB ? p1.codes()[d] : p0.codes()[d];
            }
        } else {
            child = parents.get(random.nextInt(parents.size())).codes().clone();
        }
        double mutation = 1.0 / Math.max(1.0, dims);
        for (int d = 0; d < dims; d++) {
            if (random.nextDouble() < mutation) {
                child[d] = RandomSampling.draw(codec, d, random);
            }
        }
        return child;
    }

    /** Optuna's {@code _select_parent} among the members other than {@code exclude}. */
    static Member tournament(List<Member> parents, Member exclude, RandomGenerator random) {
        List<Member> pool = exclude == null ? parents : parents.stream().filter(m -> m != exclude).toList();
        Member a = pool.get(random.nextInt(pool.size()));
        Member b = pool.get(random.nextInt(pool.size()));
        // Optuna's _select_parent: _constrained_dominates when constraints are given (Deb's rule)
        return Pareto.constrainedDominates(a.losses(), a.violation(), b.losses(), b.violation()) ? a : b;
    }
}
