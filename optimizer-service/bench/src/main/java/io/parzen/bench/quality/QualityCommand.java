package io.parzen.bench.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.parzen.bench.problem.ClusterProtocols;
import io.parzen.bench.problem.Functions;
import io.parzen.bench.problem.Problem;
import io.parzen.bench.problem.Problems;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parzen bench quality}: every engine x problem x protocol x seed through the engine interface,
 * written as the candidate JSON that {@code shared/bench/compare.py} reads.
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = "Run the shared benchmark protocol and write the candidate JSON for compare.py.")
public final class QualityCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--problems", description = "problems file (default: ${DEFAULT-VALUE})",
            defaultValue = "../shared/bench/problems.json")
    Path problemsFile;

    @Option(names = "--engines", split = ",", description = "engines to run (default: ${DEFAULT-VALUE})",
            defaultValue = "optuna,gp,auto")
    List<String> engines;

    @Option(names = "--seeds", description = "number of seeds: F..F+N-1, F = --first-seed (default: ${DEFAULT-VALUE})",
            defaultValue = "30")
    int seeds;

    @Option(names = "--first-seed", description = "first seed (default: ${DEFAULT-VALUE}); use a held-out range, "
            + "e.g. 100, when tuning an engine", defaultValue = "0")
    long firstSeed;

    @Option(names = "--only", split = ",", description = "only these problems (default: all)")
    List<String> only;

    @Option(names = "--protocols", split = ",", description = "protocols to run: those of the problems file "
            + "(P1, P2) and the cluster ones P3 (200 in batches of 20) and P4 (100, 10 in flight, asynchronous); "
            + "default: the problems file's")
    List<String> protocols;

    @Option(names = "--objective-command", description = "evaluate by running this command template, e.g. "
            + "'python3 ../shared/bench/objective.py --problem {problem} {parameters}' (default: the Java ports)")
    String objectiveCommand;

    @Option(names = "--jobs", description = "parallel runs (default: the number of cores)")
    Integer jobs;

    @Option(names = "--out", required = true, description = "the candidate JSON file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Problem> problems = Problems.load(problemsFile).stream()
                .filter(p -> only == null || only.contains(p.name())).toList();
        if (protocols != null) {
            try {
                problems = problems.stream().map(p -> p.withProtocols(ClusterProtocols.select(p, protocols))).toList();
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
        Objective objective;
        if (objectiveCommand != null) {
            objective = new CommandObjective(objectiveCommand);
        } else {
            for (Problem p : problems) {
                if (!Functions.has(p.name())) {
                    System.err.println("no Java port of problem '" + p.name() + "': pass --objective-command");
                    return 2;
                }
            }
            objective = (problem, metric, point) -> Functions.evaluate(problem, point);
        }
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int total = problems.stream().mapToInt(p -> p.protocols().size()).sum() * engines.size() * seeds;
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        Map<String, Object> results = new LinkedHashMap<>();
        try {
            for (Problem problem : problems) {
                Map<String, Object> byProtocol = new LinkedHashMap<>();
                results.put(problem.name(), byProtocol);
                for (Problem.Protocol protocol : problem.protocols()) {
                    Map<String, Object> optimizers = new LinkedHashMap<>();
                    byProtocol.put(protocol.name(), Map.of("optimizers", optimizers));
                    for (String engine : engines) {
                        List<Future<QualityBenchmark.Run>> futures = new ArrayList<>();
                        for (int seed = 0; seed < seeds; seed++) {
                            long s = firstSeed + seed;
                            futures.add(pool.submit(() -> {
                                QualityBenchmark.Run run = QualityBenchmark.run(problem, protocol, engine, s, objective);
                                int d = done.incrementAndGet();
                                System.err.printf("\r[%d/%d] %s %s %s seed %d  (%.0f s)   ", d, total, problem.name(),
                                        protocol.name(), engine, s, (System.nanoTime() - start) / 1e9);
                                return run;
                            }));
                        }
                        List<double[]> values = new ArrayList<>();
                        List<double[]> best = new ArrayList<>();
                        double proposeSeconds = 0;
                        for (Future<QualityBenchmark.Run> f : futures) {
                            QualityBenchmark.Run run = f.get();
                            values.add(run.values());
                            best.add(run.bestSoFar(problem));
                            proposeSeconds += run.proposeNanos() / 1e9;
                        }
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("best_so_far", best);
                        entry.put("values", values);
                        entry.put("mean_propose_s_per_run", proposeSeconds / seeds);
                        optimizers.put("parzen_" + engine, entry);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.err.printf("%ndone: %d runs in %.1f s%n", total, (System.nanoTime() - start) / 1e9);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("optimizer", "parzen " + String.join(",", engines));
        meta.put("generated", Instant.now().toString());
        meta.put("seeds", seeds);
        if (firstSeed != 0) {
            meta.put("first_seed", firstSeed);
        }
        meta.put("objective", objectiveCommand == null ? "java ports (io.parzen.bench.problem.Functions)" : objectiveCommand);
        meta.put("java", System.getProperty("java.version"));
        meta.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("meta", meta);
        doc.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), doc);
        System.err.println("wrote " + out + "; compare with: python3 ../shared/bench/compare.py --candidate " + out
                + " --baseline optuna_tpe,optuna_gp");
        return 0;
    }
}
