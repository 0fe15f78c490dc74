package io.parzen.optimizer.engine;

import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Shared spaces, a driver that runs the benchmark protocol, and value checks. */
public final class Fixtures {

    private Fixtures() {
    }

    public static RandomGenerator rng(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** Every parameter kind. */
    public static SearchSpace mixed() {
        return SearchSpace.of(
                new Uniform("u", -2, 3, null),
                new Uniform("uq", 0, 0.5, 0.05),
                new LogUniform("lr", -5, -1, null),
                new LogUniform("lq", -3, 0, 0.01),
                new IntegerParameter("n", 2, 10),
                new IntegerParameter("bs", 16, 128, 16),
                new Categorical("act", List.of("relu", "tanh", "sigmoid")));
    }

    public static SearchSpace small() {
        return SearchSpace.of(new IntegerParameter("a", 0, 2), new Categorical("b", List.of("x", "y")),
                new Uniform("c", 0, 1, 0.5));
    }

    public static void assertValid(SearchSpace space, Map<String, Object> point) {
        if (!point.keySet().equals(new java.util.LinkedHashSet<>(space.parameters().stream().map(Parameter::name).toList()))) {
            throw new AssertionError("wrong keys " + point.keySet());
        }
        for (Parameter p : space.parameters()) {
            Object v = point.get(p.name());
            Object norm = p.normalize(v);
            if (p instanceof IntegerParameter && !(v instanceof Long)) {
                throw new AssertionError(p.name() + " not a Long: " + v);
            }
            if ((p instanceof Uniform || p instanceof LogUniform) && !(v instanceof Double)) {
                throw new AssertionError(p.name() + " not a Double: " + v);
            }
            if (!norm.equals(v)) {
                throw new AssertionError(p.name() + " not normalized: " + v + " vs " + norm);
            }
            if (p instanceof Uniform u && ((Double) v < u.min() || (Double) v > u.max())) {
                throw new AssertionError(p.name() + " out of bounds " + v);
            }
            if (p instanceof LogUniform u && ((Double) v < u.low() || (Double) v > u.high())) {
                throw new AssertionError(p.name() + " out of bounds " + v);
            }
        }
    }

    /**
     * Runs the benchmark protocol: rounds of {@code batch} proposals, each evaluated and reported after
     * the round. Returns the trials.
     */
    public static List<Trial> run(Engine engine, SearchSpace space, ToDoubleFunction<Map<String, Object>> f,
                                  int budget, int batch, long seed) {
        RandomGenerator r = rng(seed);
        List<Trial> trials = new ArrayList<>();
        while (trials.size() < budget) {
            int k = Math.min(batch, budget - trials.size());
            List<Proposal> ps = engine.propose(new Study(space, trials), k, r);
            if (ps.isEmpty()) {
                break;
            }
            List<Trial> round = new ArrayList<>();
            for (Proposal p : ps) {
                round.add(Trial.pending(trials.size() + round.size() + 1, p.point()));
            }
            for (Trial t : round) {
                trials.add(t.complete(f.applyAsDouble(t.point())));
            }
        }
        return trials;
    }

    public static double best(List<Trial> trials) {
        return trials.stream().mapToDouble(Trial::loss).min().orElse(Double.NaN);
    }

    public static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
