package io.parzen.bench.quality;

import io.parzen.bench.problem.Problem;
import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.study.Seeds;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * An asynchronous protocol (P4): {@code batchSize} executions in flight. The first {@code batchSize} are proposed
 * together; each time the earliest running one finishes, its result is told to the study and ONE new point is
 * proposed with the others still pending, until {@code maxExecutions} were issued; then the rest finish.
 *
 * <p>Finishing order: every execution gets a duration drawn from a log-normal distribution (median 1, sigma 0.5:
 * a spread of run times like trainings of different sizes), from a stream of its own seeded by the seed, so it
 * is independent of the objective value and of the engine: every engine sees the same durations for its i-th
 * execution. Ties are broken by issue order. Proposal {@code k} (the first batch is 1) takes its random stream
 * from {@link Seeds#forBatch}{@code (seed, k)}, as optimizer-service seeds each request.
 *
 * <p>The values are recorded in the order the executions FINISH, so that best-so-far is the best after each
 * finished evaluation.
 */
final class AsynchronousRun {

    /** Median 1 (time unit), log-standard-deviation 0.5. */
    static final double DURATION_SIGMA = 0.5;
    private static final long DURATION_STREAM = 0x5DEECE66DL;

    private AsynchronousRun() {
    }

    /** A running execution: its index in issue order and when it finishes. */
    private record Running(int index, double finishesAt) {
    }

    static QualityBenchmark.Run run(Problem problem, Problem.Protocol protocol, Engine engine, long seed,
            Objective objective, String engineName) throws Exception {
        SplittableRandom durations = new SplittableRandom(seed ^ DURATION_STREAM);
        List<Trial> trials = new ArrayList<>();
        PriorityQueue<Running> running = new PriorityQueue<>((a, b) -> a.finishesAt() != b.finishesAt()
                ? Double.compare(a.finishesAt(), b.finishesAt()) : Integer.compare(a.index(), b.index()));
        double[] values = new double[protocol.maxExecutions()];
        int finished = 0;
        int proposal = 0;
        long proposeNanos = 0;
        double now = 0;
        while (finished < protocol.maxExecutions()) {
            int free = protocol.batchSize() - running.size();
            int n = Math.min(free, protocol.maxExecutions() - trials.size());
            if (n > 0) {
                proposal++;
                long t0 = System.nanoTime();
                List<Proposal> batch = engine.propose(new Study(problem.space(), trials), n,
                        Seeds.forBatch(seed, proposal));
                proposeNanos += System.nanoTime() - t0;
                QualityBenchmark.check(problem, engineName, batch, n, trials.size());
                for (Proposal p : batch) {
                    double duration = Math.exp(DURATION_SIGMA * gaussian(durations));
                    running.add(new Running(trials.size(), now + duration));
                    trials.add(Trial.pending(trials.size() + 1, p.point()));
                }
            }
            Running next = running.poll();
            now = next.finishesAt();
            Trial t = trials.get(next.index());
            double v = objective.evaluate(problem.name(), problem.metric(), t.point());
            values[finished++] = v;
            trials.set(next.index(), t.complete(problem.loss(v)));
        }
        return new QualityBenchmark.Run(values, proposeNanos);
    }

    /** A standard normal from the stream (Box-Muller; one value per two draws keeps the stream simple). */
    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble(); // (0, 1]
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
