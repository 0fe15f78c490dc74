package io.parzen.optimizer.engine.gp;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Runs {@link GpBenchTest#bench()} from the command line, or "timing ENGINE N..." for ms per proposal. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("timing")) {
            Engine engine = BenchEngines.byName(args[1]);
            for (int a = 2; a < args.length; a++) {
                int n = Integer.parseInt(args[a]);
                for (BenchProblems.Problem pr : List.of(BenchProblems.HARTMANN6, BenchProblems.MLP)) {
                    SplittableRandom rng = new SplittableRandom(n);
                    List<Trial> trials = new ArrayList<>();
                    for (Proposal p : new GpEngine(Integer.MAX_VALUE).propose(new Study(pr.space(), List.of()), n, rng)) {
                        trials.add(Trial.pending(trials.size() + 1, p.point()).complete(pr.loss().applyAsDouble(p.point())));
                    }
                    engine.propose(new Study(pr.space(), trials), 1, new SplittableRandom(1));
                    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                    long c0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    List<Proposal> ps = engine.propose(new Study(pr.space(), trials), 5, new SplittableRandom(2));
                    double ms = (System.nanoTime() - t0) / 1e6;
                    double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                    System.out.printf(Locale.ROOT, "TIMING %s %s n=%d batch 5: wall %.0f ms, cpu %.0f ms, cpu %.0f ms/proposal%n",
                            args[1], pr.name(), n, ms, cpu, cpu / ps.size());
                }
            }
            return;
        }
        new GpBenchTest().bench();
    }
}
