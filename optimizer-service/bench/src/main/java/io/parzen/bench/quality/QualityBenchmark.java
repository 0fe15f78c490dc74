package io.parzen.bench.quality;

import io.parzen.bench.problem.Problem;
import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.study.Seeds;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one engine on one problem, protocol and seed exactly as the shared protocol says: each round
 * the engine proposes a batch without seeing any result of it, all points are evaluated, then all
 * results are reported in proposal order and the next round starts. Seed {@code s} seeds the engine
 * and the random stream of each batch ({@link Seeds#forBatch}), as optimizer-service seeds a task.
 */
public final class QualityBenchmark {

    /** The raw objective values of every execution in proposal order, and the time spent proposing. */
    public record Run(double[] values, long proposeNanos) {

        public double[] bestSoFar(Problem problem) {
            double[] best = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                best[i] = i == 0 || problem.better(values[i], best[i - 1]) ? values[i] : best[i - 1];
            }
            return best;
        }
    }

    private QualityBenchmark() {
    }

    public static Run run(Problem problem, Problem.Protocol protocol, String engineName, long seed,
            Objective objective) throws Exception {
        Engine engine = Engines.byName(engineName, protocol.randomStartup(), seed);
        if (protocol.asynchronous()) {
            return AsynchronousRun.run(problem, protocol, engine, seed, objective, engineName);
        }
        List<Trial> trials = new ArrayList<>();
        double[] values = new double[protocol.maxExecutions()];
        long proposeNanos = 0;
        while (trials.size() < protocol.maxExecutions()) {
            int n = Math.min(protocol.batchSize(), protocol.maxExecutions() - trials.size());
            int batchNumber = trials.size() / protocol.batchSize() + 1;
            long t0 = System.nanoTime();
            // one random stream per batch, derived from the seed, exactly as optimizer-service does
            List<Proposal> batch = engine.propose(new Study(problem.space(), trials), n,
                    Seeds.forBatch(seed, batchNumber));
            proposeNanos += System.nanoTime() - t0;
            check(problem, engineName, batch, n, trials.size());
            int first = trials.size();
            for (Proposal p : batch) {
                trials.add(Trial.pending(trials.size() + 1, p.point()));
            }
            for (int i = first; i < trials.size(); i++) {
                Trial t = trials.get(i);
                double v = objective.evaluate(problem.name(), problem.metric(), t.point());
                values[i] = v;
                trials.set(i, t.complete(problem.loss(v)));
            }
        }
        return new Run(values, proposeNanos);
    }

    /** A batch of exactly {@code n} points, each inside the space and on its grid. */
    static void check(Problem problem, String engineName, List<Proposal> batch, int n, int issued) {
        if (batch.size() != n) {
            throw new IllegalStateException(engineName + " proposed " + batch.size() + " points, " + n
                    + " were asked for, on " + problem.name() + " after " + issued + " executions");
        }
        for (Proposal p : batch) {
            if (!problem.space().normalize(p.point()).equals(p.point())) {
                throw new IllegalStateException(engineName + " proposed a point outside the space or off its grid: "
                        + p.point() + " (normalized: " + problem.space().normalize(p.point()) + ")");
            }
        }
    }
}
