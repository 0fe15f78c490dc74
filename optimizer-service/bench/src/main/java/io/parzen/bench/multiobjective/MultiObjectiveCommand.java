package io.parzen.bench.multiobjective;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.multiobjective.Hypervolume;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
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
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parzen bench multiobjective}: hypervolume after each budget on ZDT1, ZDT2 and DTLZ2 for each
 * engine over several seeds, with two-sided Mann-Whitney U p-values between every pair of engines.
 * Each run asks the engine for {@code --batch-size} points at a time (all of a batch finish before the
 * next is asked for), seeded {@code L64X128MixRandom(seed)}, random startup as a task's default.
 */
@Command(name = "multiobjective", mixinStandardHelpOptions = true,
        description = "Hypervolume of motpe, nsga2 and random search on ZDT1, ZDT2, DTLZ2.")
public final class MultiObjectiveCommand implements Callable<Integer> {

    @Option(names = "--problems", split = ",", defaultValue = "ZDT1,ZDT2,DTLZ2", description = "problems (default: ${DEFAULT-VALUE})")
    List<MultiObjectiveProblem> problems;

    @Option(names = "--engines", split = ",", defaultValue = "motpe,nsga2,random", description = "engines (default: ${DEFAULT-VALUE})")
    List<String> engines;

    @Option(names = "--budgets", split = ",", defaultValue = "100,200", description = "evaluations at which the hypervolume is taken (default: ${DEFAULT-VALUE})")
    List<Integer> budgets;

    @Option(names = "--seeds", defaultValue = "30", description = "seeds FIRST..FIRST+N-1 (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "0", description = "first seed (default: ${DEFAULT-VALUE})")
    long firstSeed;

    @Option(names = "--random-startup", defaultValue = "20", description = "random executions first (default: ${DEFAULT-VALUE}, Valohai's)")
    int randomStartup;

    @Option(names = "--batch-size", defaultValue = "1", description = "points per propose call (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--jobs", description = "parallel runs (default: the number of cores)")
    Integer jobs;

    @Option(names = "--out", required = true, description = "the JSON file to write (every run's hypervolumes and the summary)")
    Path out;

    @Override
    public Integer call() throws Exception {
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        int maxBudget = budgets.stream().mapToInt(Integer::intValue).max().orElseThrow();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // hv[problem][engine][seed][budget]
        Map<MultiObjectiveProblem, Map<String, List<Future<double[]>>>> futures = new LinkedHashMap<>();
        try {
            for (MultiObjectiveProblem problem : problems) {
                Map<String, List<Future<double[]>>> byEngine = new LinkedHashMap<>();
                for (String engine : engines) {
                    List<Future<double[]>> runs = new ArrayList<>();
                    for (long s = firstSeed; s < firstSeed + seeds; s++) {
                        long seed = s;
                        runs.add(pool.submit(() -> run(problem, engine, seed, maxBudget)));
                    }
                    byEngine.put(engine, runs);
                }
                futures.put(problem, byEngine);
            }
            Map<String, Object> results = new LinkedHashMap<>();
            StringBuilder table = new StringBuilder();
            table.append("| problem | evaluations | true front HV |");
            for (String e : engines) {
                table.append(' ').append(e).append(" median HV (IQR) |");
            }
            List<String[]> pairs = new ArrayList<>();
            for (int i = 0; i < engines.size(); i++) {
                for (int j = i + 1; j < engines.size(); j++) {
                    pairs.add(new String[] {engines.get(i), engines.get(j)});
                    table.append(" p ").append(engines.get(i)).append(" vs ").append(engines.get(j)).append(" |");
                }
            }
            table.append('\n').append("|---|---|---|").append("---|".repeat(engines.size() + pairs.size())).append('\n');
            for (var pe : futures.entrySet()) {
                MultiObjectiveProblem problem = pe.getKey();
                Map<String, Object> perProblem = new LinkedHashMap<>();
                Map<String, double[][]> hv = new LinkedHashMap<>();
                for (var ee : pe.getValue().entrySet()) {
                    double[][] h = new double[budgets.size()][seeds];
                    for (int s = 0; s < seeds; s++) {
                        double[] r = ee.getValue().get(s).get();
                        for (int b = 0; b < budgets.size(); b++) {
                            h[b][s] = r[b];
                        }
                    }
                    hv.put(ee.getKey(), h);
                }
                for (int b = 0; b < budgets.size(); b++) {
                    Map<String, Object> cell = new LinkedHashMap<>();
                    table.append("| ").append(problem).append(" | ").append(budgets.get(b)).append(" | ")
                            .append(fmt(problem.frontHypervolume())).append(" |");
                    for (String e : engines) {
                        double[] x = hv.get(e)[b];
                        cell.put(e, Map.of("hypervolume", x, "median", quantile(x, 0.5), "q25", quantile(x, 0.25), "q75", quantile(x, 0.75)));
                        table.append(' ').append(fmt(quantile(x, 0.5))).append(" (").append(fmt(quantile(x, 0.25)))
                                .append("–").append(fmt(quantile(x, 0.75))).append(") |");
                    }
                    Map<String, Object> ps = new LinkedHashMap<>();
                    for (String[] p : pairs) {
                        double pv = new MannWhitneyUTest().mannWhitneyUTest(hv.get(p[0])[b], hv.get(p[1])[b]);
                        String winner = quantile(hv.get(p[0])[b], 0.5) >= quantile(hv.get(p[1])[b], 0.5) ? p[0] : p[1];
                        ps.put(p[0] + " vs " + p[1], Map.of("p", pv, "higherMedian", winner));
                        table.append(' ').append(String.format(Locale.ROOT, "%.2g", pv))
                                .append(pv < 0.05 ? " (" + winner + ")" : " (tie)").append(" |");
                    }
                    cell.put("mannWhitney", ps);
                    table.append('\n');
                    perProblem.put(String.valueOf(budgets.get(b)), cell);
                }
                perProblem.put("frontHypervolume", problem.frontHypervolume());
                perProblem.put("referencePoint", problem.reference);
                results.put(problem.name(), perProblem);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("benchmark", "multiobjective");
            doc.put("date", Instant.now().toString());
            doc.put("seeds", firstSeed + ".." + (firstSeed + seeds - 1));
            doc.put("randomStartup", randomStartup);
            doc.put("batchSize", batchSize);
            doc.put("seconds", seconds);
            doc.put("results", results);
            doc.put("table", table.toString());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), doc);
            System.out.print(table);
            System.out.printf(Locale.ROOT, "%d runs in %.0f s; written to %s%n", problems.size() * engines.size() * seeds, seconds, out);
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One run to the largest budget; the hypervolume of all evaluations so far at each budget. */
    double[] run(MultiObjectiveProblem problem, String engineName, long seed, int maxBudget) {
        Engine engine = Engines.byName(engineName, randomStartup, seed, problem.reference.length);
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        var space = problem.space();
        List<Trial> trials = new ArrayList<>();
        double[] out = new double[budgets.size()];
        while (trials.size() < maxBudget) {
            List<Proposal> ps = engine.propose(new Study(space, trials), Math.min(batchSize, maxBudget - trials.size()), random);
            if (ps.isEmpty()) {
                break;
            }
            for (Proposal p : ps) {
                trials.add(Trial.pending(trials.size() + 1, p.point()).complete(problem.evaluate(p.point())));
            }
            for (int b = 0; b < budgets.size(); b++) {
                int budget = budgets.get(b);
                if (trials.size() >= budget && trials.size() - ps.size() < budget) {
                    out[b] = Hypervolume.of(trials.subList(0, budget).stream().map(Trial::losses).toList(), problem.reference);
                }
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
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
