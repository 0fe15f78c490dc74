package io.parzen.bench.warmstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.parzen.bench.problem.Functions;
import io.parzen.bench.problem.Problem;
import io.parzen.bench.problem.Problems;
import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import io.parzen.optimizer.warmstart.PriorObservation;
import io.parzen.optimizer.warmstart.WarmStart;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parzen bench warmstart}: the best of a new task's first executions with and without the
 * observations of an earlier task (docs/decisions/0034). For every problem of the problems file and every
 * relation between the earlier and the new task:
 * <ul>
 *   <li>{@code same}: the earlier task ran the same function (a rerun, e.g. with more budget);</li>
 *   <li>{@code shifted}: the new function is the earlier one moved by 5% of every continuous range (the
 *       realistic case: a new data set, a changed model);</li>
 *   <li>{@code mirrored}: the new function is the earlier one mirrored in every numeric dimension
 *       ({@code x -> min + max - x}): a prior task whose good region is where the new task's is bad.</li>
 * </ul>
 * The earlier task is {@code --prior} executions of {@code optuna} (the first {@code --prior-startup} random,
 * batches of {@code --batch-size}) on the earlier function; the new task then runs {@code --budget} executions
 * in batches of {@code --batch-size} with {@code --random-startup}, warm (the prior observations first, so the
 * start-up shrinks to {@code max(0, randomStartup - prior)}) or cold. The best is over the new task's own
 * executions only. Seeds {@code L64X128MixRandom(seed)} (new task) and {@code (seed + 1_000_003)} (earlier task).
 */
@Command(name = "warmstart", mixinStandardHelpOptions = true,
        description = "Best of a new task's executions warm-started from an earlier task's observations, against a cold start.")
public final class WarmStartCommand implements Callable<Integer> {

    @Option(names = "--problems", description = "problems file (default: ${DEFAULT-VALUE})",
            defaultValue = "../shared/bench/problems.json")
    Path problemsFile;

    @Option(names = "--only", split = ",", description = "only these problems (default: all)")
    List<String> only;

    @Option(names = "--relations", split = ",", defaultValue = "same,shifted,mirrored",
            description = "relations of the earlier task to the new one (default: ${DEFAULT-VALUE})")
    List<String> relations;

    @Option(names = "--engines", split = ",", defaultValue = "gp,optuna", description = "engines of the new task (default: ${DEFAULT-VALUE})")
    List<String> engines;

    @Option(names = "--prior", defaultValue = "30", description = "observations of the earlier task (default: ${DEFAULT-VALUE})")
    int prior;

    @Option(names = "--prior-startup", defaultValue = "10", description = "random executions of the earlier task (default: ${DEFAULT-VALUE})")
    int priorStartup;

    @Option(names = "--budget", defaultValue = "20", description = "executions of the new task (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--batch-size", defaultValue = "5", description = "executions per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--random-startup", defaultValue = "10", description = "random start-up of the new task (default: ${DEFAULT-VALUE})")
    int randomStartup;

    @Option(names = "--seeds", defaultValue = "30", description = "seeds FIRST..FIRST+N-1 (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "0", description = "first seed (default: ${DEFAULT-VALUE})")
    long firstSeed;

    @Option(names = "--jobs", description = "parallel runs (default: the number of cores)")
    Integer jobs;

    @Option(names = "--out", required = true, description = "the JSON file to write (every run's best and the summary)")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Problem> problems = Problems.load(problemsFile).stream()
                .filter(p -> only == null || only.contains(p.name())).filter(p -> Functions.has(p.name())).toList();
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // futures[problem][relation][engine] -> per seed {warm best, cold best}
            Map<String, Map<String, Map<String, List<Future<double[]>>>>> futures = new LinkedHashMap<>();
            for (Problem problem : problems) {
                Map<String, Map<String, List<Future<double[]>>>> byRelation = new LinkedHashMap<>();
                for (String relation : relations) {
                    Map<String, List<Future<double[]>>> byEngine = new LinkedHashMap<>();
                    for (String engine : engines) {
                        List<Future<double[]>> runs = new ArrayList<>();
                        for (long s = firstSeed; s < firstSeed + seeds; s++) {
                            long seed = s;
                            runs.add(pool.submit(() -> pair(problem, relation, engine, seed)));
                        }
                        byEngine.put(engine, runs);
                    }
                    byRelation.put(relation, byEngine);
                }
                futures.put(problem.name(), byRelation);
            }
            Map<String, Object> results = new LinkedHashMap<>();
            StringBuilder table = new StringBuilder();
            table.append("| problem | earlier task | engine | warm median best (IQR) | cold median best (IQR) | p (Mann-Whitney) | verdict |\n");
            table.append("|---|---|---|---|---|---|---|\n");
            for (Problem problem : problems) {
                Map<String, Object> perProblem = new LinkedHashMap<>();
                for (String relation : relations) {
                    Map<String, Object> perRelation = new LinkedHashMap<>();
                    for (String engine : engines) {
                        double[] warm = new double[seeds];
                        double[] cold = new double[seeds];
                        List<Future<double[]>> runs = futures.get(problem.name()).get(relation).get(engine);
                        for (int s = 0; s < seeds; s++) {
                            double[] r = runs.get(s).get();
                            warm[s] = r[0];
                            cold[s] = r[1];
                        }
                        double p = new MannWhitneyUTest().mannWhitneyUTest(warm, cold);
                        double mw = quantile(warm, 0.5);
                        double mc = quantile(cold, 0.5);
                        String verdict = p >= 0.05 ? "no difference" : problem.better(mw, mc) ? "warm better" : "cold better";
                        Map<String, Object> cell = new LinkedHashMap<>();
                        cell.put("warm", Map.of("best", warm, "median", mw, "q25", quantile(warm, 0.25), "q75", quantile(warm, 0.75)));
                        cell.put("cold", Map.of("best", cold, "median", mc, "q25", quantile(cold, 0.25), "q75", quantile(cold, 0.75)));
                        cell.put("p", p);
                        cell.put("verdict", verdict);
                        perRelation.put(engine, cell);
                        table.append("| ").append(problem.name()).append(" | ").append(relation).append(" | ").append(engine)
                                .append(" | ").append(fmt(mw)).append(" (").append(fmt(quantile(warm, 0.25))).append("–")
                                .append(fmt(quantile(warm, 0.75))).append(") | ").append(fmt(mc)).append(" (")
                                .append(fmt(quantile(cold, 0.25))).append("–").append(fmt(quantile(cold, 0.75))).append(") | ")
                                .append(String.format(Locale.ROOT, "%.2g", p)).append(" | ").append(verdict).append(" |\n");
                    }
                    perProblem.put(relation, perRelation);
                }
                perProblem.put("direction", problem.direction());
                results.put(problem.name(), perProblem);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("benchmark", "warmstart");
            doc.put("date", Instant.now().toString());
            doc.put("seeds", firstSeed + ".." + (firstSeed + seeds - 1));
            doc.put("prior", prior);
            doc.put("priorStartup", priorStartup);
            doc.put("budget", budget);
            doc.put("batchSize", batchSize);
            doc.put("randomStartup", randomStartup);
            doc.put("seconds", seconds);
            doc.put("results", results);
            doc.put("table", table.toString());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), doc);
            System.out.print(table);
            System.out.printf(Locale.ROOT, "%d paired runs in %.0f s; written to %s%n",
                    problems.size() * relations.size() * engines.size() * seeds, seconds, out);
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One seed: {best of the warm new task, best of the cold new task}, in the problem's units. */
    double[] pair(Problem problem, String relation, String engine, long seed) {
        SearchSpace space = problem.space();
        ToDoubleFunction<Map<String, Object>> newTask = newFunction(problem, relation);
        ToDoubleFunction<Map<String, Object>> earlier = p -> Functions.evaluate(problem.name(), p);
        List<Trial> priorTrials = run(Engines.byName("optuna", priorStartup, seed + 1_000_003L, 1), space, List.of(),
                earlier, problem, prior, seed + 1_000_003L);
        List<PriorObservation> observations = priorTrials.stream()
                .map(t -> new PriorObservation("earlier", t.point(), t.loss())).toList();
        List<PriorObservation> warmStart = WarmStart.map(space, observations, space).kept();
        Engine e = Engines.byName(engine, randomStartup, seed, 1);
        double warm = best(problem, run(e, space, warmStart, newTask, problem, budget, seed));
        double cold = best(problem, run(e, space, List.of(), newTask, problem, budget, seed));
        return new double[] {warm, cold};
    }

    /** {@code n} executions in batches, the engine seeing the priors first; the trials of this run only. */
    List<Trial> run(Engine engine, SearchSpace space, List<PriorObservation> priors,
            ToDoubleFunction<Map<String, Object>> f, Problem problem, int n, long seed) {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        List<Trial> trials = new ArrayList<>();
        while (trials.size() < n) {
            Study study = WarmStart.withPriors(new Study(space, trials), priors);
            List<Proposal> ps = engine.propose(study, Math.min(batchSize, n - trials.size()), random);
            if (ps.isEmpty()) {
                break;
            }
            for (Proposal p : ps) {
                double value = f.applyAsDouble(p.point());
                trials.add(Trial.pending(trials.size() + 1, p.point()).complete(problem.loss(value)));
            }
        }
        return trials;
    }

    private static double best(Problem problem, List<Trial> trials) {
        double bestLoss = trials.stream().mapToDouble(Trial::loss).min().orElse(Double.NaN);
        return problem.minimize() ? bestLoss : -bestLoss;
    }

    /** The new task's function for a relation to the earlier one (see the class comment). */
    static ToDoubleFunction<Map<String, Object>> newFunction(Problem problem, String relation) {
        return switch (relation) {
            case "same" -> p -> Functions.evaluate(problem.name(), p);
            case "shifted" -> p -> Functions.evaluate(problem.name(), moved(problem.space(), p, false));
            case "mirrored" -> p -> Functions.evaluate(problem.name(), moved(problem.space(), p, true));
            default -> throw new IllegalArgumentException("unknown relation '" + relation + "'; allowed: same, shifted, mirrored");
        };
    }

    /**
     * The point the earlier function is evaluated at: shifted (every continuous value minus 5% of its range,
     * clamped; the new optimum lies 5% further up) or mirrored ({@code min + max - x} for every numeric value).
     */
    static Map<String, Object> moved(SearchSpace space, Map<String, Object> point, boolean mirror) {
        Map<String, Object> out = new LinkedHashMap<>(point);
        for (Parameter p : space.parameters()) {
            Object v = point.get(p.name());
            if (p instanceof Uniform u) {
                double x = ((Number) v).doubleValue();
                double y = mirror ? u.min() + u.max() - x
                        : u.qStep() == null ? Math.max(u.min(), x - 0.05 * (u.max() - u.min())) : x;
                out.put(p.name(), y);
            } else if (p instanceof LogUniform l) {
                double e = Math.log10(((Number) v).doubleValue());
                double y = mirror ? l.minExponent() + l.maxExponent() - e
                        : l.qStep() == null ? Math.max(l.minExponent(), e - 0.05 * (l.maxExponent() - l.minExponent())) : e;
                out.put(p.name(), Math.pow(10, y));
            } else if (p instanceof IntegerParameter i && mirror) {
                out.put(p.name(), i.min() + i.max() - ((Number) v).longValue());
            }
        }
        return out;
    }

    static double quantile(double[] xs, double q) {
        double[] s = xs.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    }
}
