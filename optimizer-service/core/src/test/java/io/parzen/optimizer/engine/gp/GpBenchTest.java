package io.parzen.optimizer.engine.gp;

import io.parzen.optimizer.engine.Engine;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Manual benchmark (not part of the normal build): GP_BENCH=1 [GP_PROBLEMS=branin,hartmann6]
 * [GP_SEEDS=10] [GP_WARP=BOXCOX] [GP_PROTOCOL=P1|P2]. Prints median [IQR] of the final best.
 */
@EnabledIfEnvironmentVariable(named = "GP_BENCH", matches = "1")
class GpBenchTest {

    @Test
    void bench() {
        String problems = System.getenv().getOrDefault("GP_PROBLEMS", "branin,hartmann6,ackley5,rosenbrock4,mlp_surrogate");
        int seeds = Integer.parseInt(System.getenv().getOrDefault("GP_SEEDS", "10"));
        String protocol = System.getenv().getOrDefault("GP_PROTOCOL", "P1");
        int budget = protocol.equals("P2") ? 100 : 50;
        int batch = protocol.equals("P2") ? 10 : 5;
        String engines = System.getenv().getOrDefault("GP_ENGINES", "gp");
        String json = System.getenv("GP_JSON");
        StringBuilder out = new StringBuilder();
        for (String e : engines.split(",")) {
            Engine engine = BenchEngines.byName(e);
            for (BenchProblems.Problem p : BenchProblems.ALL) {
                if (!Arrays.asList(problems.split(",")).contains(p.name())) {
                    continue;
                }
                long t0 = System.nanoTime();
                double sign = p.name().equals("mlp_surrogate") ? -1 : 1;
                double[] f = new double[seeds];
                StringBuilder curves = new StringBuilder();
                for (int s = 0; s < seeds; s++) {
                    double[] c = BenchProblems.run(engine, p, s, budget, batch);
                    f[s] = c[budget - 1];
                    curves.append(s == 0 ? "" : ",").append('[');
                    for (int k = 0; k < c.length; k++) {
                        curves.append(k == 0 ? "" : ",").append(sign * c[k]);
                    }
                    curves.append(']');
                }
                if (out.length() > 0) {
                    out.append(",\n");
                }
                out.append("\"").append(p.name()).append("\": {\"").append(protocol).append("\": {\"optimizers\": {\"")
                        .append(e).append("\": {\"best_so_far\": [").append(curves).append("]}}}}");
                double sec = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "BENCH %-8s %-14s %s seeds=%d median=%.5g [%.5g, %.5g] (%.1fs)%n",
                        e, p.name(), protocol, seeds, sign * BenchProblems.median(f),
                        sign * BenchProblems.quantile(f, sign > 0 ? 0.25 : 0.75),
                        sign * BenchProblems.quantile(f, sign > 0 ? 0.75 : 0.25), sec);
            }
        }
        if (json != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(json),
                        "{\"meta\": {\"optimizer\": \"" + engines + "\"},\n\"results\": {" + out + "}}\n");
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
    }
}
