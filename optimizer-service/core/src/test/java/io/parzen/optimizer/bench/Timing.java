package io.parzen.optimizer.bench;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** ms per suggestion for a batch of 5 after n random observations: {@code Timing optuna 1000,3000}. */
public final class Timing {
    public static void main(String[] args) {
        String engine = args[0];
        for (String ns : args[1].split(",")) {
            int n = Integer.parseInt(ns);
            for (BenchProblems.Problem pr : BenchProblems.all()) {
                if (!pr.name().equals("mlp_surrogate") && !pr.name().equals("hartmann6")) {
                    continue;
                }
                RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(1);
                List<Trial> trials = new ArrayList<>();
                for (Proposal p : Engines.random().propose(new Study(pr.space(), trials), n, r)) {
                    trials.add(Trial.pending(trials.size() + 1, p.point()).complete(pr.loss(p.point())));
                }
                Study study = new Study(pr.space(), trials);
                Engine e = Engines.byName(engine, 20);
                int reps = Math.max(20, 20000 / n);
                for (int i = 0; i < reps; i++) {
                    e.propose(study, 5, r); // warm-up
                }
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < reps; i++) {
                    e.propose(study, 5, r);
                }
                double ms = (mx.getCurrentThreadCpuTime() - t0) / 1e6 / reps / 5;
                System.out.printf("%s n=%d %s: %.3f ms CPU per suggestion%n", engine, n, pr.name(), ms);
            }
        }
    }
}
