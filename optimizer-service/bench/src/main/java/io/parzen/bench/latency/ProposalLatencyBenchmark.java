package io.parzen.bench.latency;

import io.parzen.bench.problem.Functions;
import io.parzen.bench.problem.Problem;
import io.parzen.bench.problem.Problems;
import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to propose a batch of 5 points after {@code observations} completed trials (random points of
 * the problem, evaluated with the Java ports). Divide by 5 for the time per suggestion.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProposalLatencyBenchmark {

    /** The batch size the issue asks about. */
    public static final int BATCH = 5;

    @Param({"optuna", "hyperopt", "gp"})
    public String engine;

    @Param({"hartmann6", "mlp_surrogate"})
    public String problem;

    @Param({"100", "300", "1000", "3000"})
    public int observations;

    private Engine model;
    private Study study;
    private long seed;

    @Setup
    public void setUp() throws Exception {
        Path file = Path.of(System.getProperty("parzen.bench.problems", "../shared/bench/problems.json"));
        Problem p = Problems.load(file).stream().filter(x -> x.name().equals(problem)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no problem " + problem + " in " + file));
        Engine random = Engines.random();
        SplittableRandom rng = new SplittableRandom(42);
        List<Trial> trials = new ArrayList<>();
        while (trials.size() < observations) {
            for (Proposal proposal : random.propose(new Study(p.space(), trials), 100, rng)) {
                if (trials.size() == observations) {
                    break;
                }
                double v = Functions.evaluate(problem, proposal.point());
                trials.add(Trial.pending(trials.size() + 1, proposal.point()).complete(p.loss(v)));
            }
        }
        study = new Study(p.space(), trials);
        model = Engines.byName(engine, 20, 42);
    }

    @Benchmark
    public List<Proposal> proposeBatch() {
        return model.propose(study, BATCH, new SplittableRandom(seed++));
    }
}
