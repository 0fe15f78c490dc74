package io.parzen.bench.pruning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parzen bench pruning}: total steps consumed and final best with and without each pruner, on
 * crossing synthetic learning curves and on the example MLP, over several seeds; two-sided
 * Mann-Whitney U test of each pruner's final bests against no pruning.
 */
@Command(name = "pruning", mixinStandardHelpOptions = true,
        description = "Steps saved and final best of each pruner vs none (crossing curves, example MLP).")
public final class PruningCommand implements Callable<Integer> {

    @Option(names = "--problems", split = ",", defaultValue = "crossing,mlp",
            description = "crossing (synthetic), mlp (examples/mlp/train.py, real training) (default: ${DEFAULT-VALUE})")
    List<String> problems;

    @Option(names = "--pruners", split = ",", defaultValue = "none,median,percentile,successive_halving,hyperband",
            description = "pruners, type[/param=value...], e.g. median/nWarmupSteps=10; unnamed parameters keep "
                    + "Optuna's defaults, percentile 25; the first is the baseline (default: ${DEFAULT-VALUE})")
    List<String> pruners;

    @Option(names = "--engine", defaultValue = "optuna", description = "engine (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--seeds", defaultValue = "10", description = "seeds 0..N-1 (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--budget", defaultValue = "60", description = "executions per run, pruned ones included (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--mlp-budget", defaultValue = "30", description = "executions per MLP run (default: ${DEFAULT-VALUE})")
    int mlpBudget;

    @Option(names = "--random-startup", defaultValue = "10", description = "random executions first (default: ${DEFAULT-VALUE})")
    int randomStartup;

    @Option(names = "--batch-size", defaultValue = "1", description = "executions per batch, run in lockstep (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--mlp-epochs", defaultValue = "20", description = "epochs of the MLP (default: ${DEFAULT-VALUE})")
    int mlpEpochs;

    @Option(names = "--mlp-script", defaultValue = "examples/mlp/train.py", description = "train.py (default: ${DEFAULT-VALUE})")
    Path mlpScript;

    @Option(names = "--jobs", description = "parallel runs (default: the number of cores)")
    Integer jobs;

    @Option(names = "--out", required = true, description = "the JSON file to write (raw runs and summary)")
    Path out;

    @Override
    public Integer call() throws Exception {
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Map<String, Object> results = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder();
        long start = System.nanoTime();
        try {
            for (String name : problems) {
                CurveProblem problem = switch (name) {
                    case "crossing" -> new CrossingCurves();
                    case "mlp" -> new MlpCurves(mlpScript.toAbsolutePath(), mlpEpochs);
                    default -> throw new IllegalArgumentException("unknown problem '" + name + "'; allowed: crossing, mlp");
                };
                int runBudget = name.equals("mlp") ? mlpBudget : budget;
                Map<String, List<Future<PruningBenchmark.Run>>> futures = new LinkedHashMap<>();
                for (String type : pruners) {
                    Map<String, Object> spec = spec(type);
                    List<Future<PruningBenchmark.Run>> fs = new ArrayList<>();
                    for (int s = 0; s < seeds; s++) {
                        long seed = s;
                        fs.add(pool.submit(() -> PruningBenchmark.run(problem, engine, spec, seed, runBudget,
                                randomStartup, batchSize)));
                    }
                    futures.put(type, fs);
                }
                Map<String, Object> byPruner = new LinkedHashMap<>();
                double[] baseBest = null;
                double baseSteps = 0;
                table.append(String.format("%n%s (%s, %d executions, %d steps each, %d random first, batch %d, %d seeds)%n",
                        name, problem.direction().name().toLowerCase(), runBudget, problem.steps(), randomStartup, batchSize, seeds));
                table.append(String.format("%-44s %10s %8s %10s %12s %12s %9s%n", "pruner", "mean steps", "saved", "pruned/run",
                        "median best", "mean best", "p (MWU)"));
                for (Map.Entry<String, List<Future<PruningBenchmark.Run>>> e : futures.entrySet()) {
                    List<PruningBenchmark.Run> runs = new ArrayList<>();
                    for (Future<PruningBenchmark.Run> f : e.getValue()) {
                        runs.add(f.get());
                    }
                    double[] best = runs.stream().mapToDouble(PruningBenchmark.Run::best).toArray();
                    double meanSteps = runs.stream().mapToLong(PruningBenchmark.Run::steps).average().orElse(0);
                    double prunedPerRun = runs.stream().mapToInt(PruningBenchmark.Run::pruned).average().orElse(0);
                    if (baseBest == null) {
                        baseBest = best;
                        baseSteps = meanSteps;
                    }
                    double saved = 1 - meanSteps / baseSteps;
                    double p = e.getKey().equals(pruners.get(0)) ? 1.0 : new MannWhitneyUTest().mannWhitneyUTest(baseBest, best);
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("pruner", spec(e.getKey()));
                    entry.put("steps", runs.stream().mapToLong(PruningBenchmark.Run::steps).toArray());
                    entry.put("best", best);
                    entry.put("pruned", runs.stream().mapToInt(PruningBenchmark.Run::pruned).toArray());
                    entry.put("mean_steps", meanSteps);
                    entry.put("steps_saved_vs_first", saved);
                    entry.put("median_best", median(best));
                    entry.put("mean_best", Arrays.stream(best).average().orElse(Double.NaN));
                    entry.put("mann_whitney_p_vs_first", p);
                    byPruner.put(e.getKey(), entry);
                    table.append(String.format("%-44s %10.1f %7.1f%% %10.1f %12.4f %12.4f %9.3f%n", e.getKey(), meanSteps,
                            100 * saved, prunedPerRun, median(best), Arrays.stream(best).average().orElse(Double.NaN), p));
                }
                results.put(name, Map.of("direction", problem.direction().name().toLowerCase(), "budget", runBudget,
                        "steps_per_execution", problem.steps(), "pruners", byPruner));
                System.err.printf("%s done (%.0f s)%n", name, (System.nanoTime() - start) / 1e9);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("command", "./parzen bench pruning " + String.join(" ", List.of("--problems", String.join(",", problems),
                "--seeds", String.valueOf(seeds), "--budget", String.valueOf(budget), "--mlp-budget", String.valueOf(mlpBudget),
                "--random-startup", String.valueOf(randomStartup), "--batch-size", String.valueOf(batchSize))));
        meta.put("engine", engine);
        meta.put("generated", Instant.now().toString());
        meta.put("seeds", seeds);
        meta.put("java", System.getProperty("java.version"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("meta", meta);
        doc.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), doc);
        System.out.print(table);
        System.err.println("wrote " + out);
        return 0;
    }

    /**
     * The pruner object of {@code type[/param=value...]}, e.g. {@code median/nWarmupSteps=10}; other
     * parameters keep Optuna's defaults (percentile: 25 unless given).
     */
    static Map<String, Object> spec(String text) {
        String[] parts = text.split("/");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", parts[0]);
        if (parts[0].equals("percentile")) {
            spec.put("percentile", 25.0);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("pruner parameter '" + parts[i] + "' in '" + text + "' is not name=value");
            }
            spec.put(kv[0], kv[1].matches("-?\\d+") ? (Object) Long.parseLong(kv[1])
                    : kv[1].matches("-?[\\d.]+") ? (Object) Double.parseDouble(kv[1]) : kv[1]);
        }
        return spec;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
