package io.parzen.bench.pruning;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.pruning.Direction;
import io.parzen.optimizer.pruning.LearningCurve;
import io.parzen.optimizer.pruning.Pruner;
import io.parzen.optimizer.pruning.Pruners;
import io.parzen.optimizer.pruning.PruningStudy;
import io.parzen.optimizer.study.Seeds;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import io.parzen.optimizer.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One optimisation run with a pruner: batches proposed by an engine (seeded per batch as the service
 * does), the trials of a batch advancing in lockstep one step at a time, the pruner asked after every
 * reported step with the whole study's curves; a pruned trial goes back to the engine as
 * {@link Trial#pruned} with its last step and loss, and counts toward the budget.
 */
public final class PruningBenchmark {

    /** Steps consumed by all trials, the final best (best COMPLETE trial's last value), and how many were pruned. */
    public record Run(long steps, double best, int pruned) {
    }

    private PruningBenchmark() {
    }

    public static Run run(CurveProblem problem, String engineName, Map<String, Object> prunerSpec, long seed,
            int budget, int randomStartup, int batchSize) throws Exception {
        Engine engine = Engines.byName(engineName, randomStartup, seed);
        Pruner pruner = Pruners.of(prunerSpec);
        Direction dir = problem.direction();
        String studyName = "bench-" + problem.name() + "-" + seed;
        List<Trial> trials = new ArrayList<>();
        List<LearningCurve> curves = new ArrayList<>();
        long steps = 0;
        int pruned = 0;
        double best = Double.NaN;
        while (trials.size() < budget) {
            int n = Math.min(batchSize, budget - trials.size());
            int batchNumber = trials.size() / batchSize + 1;
            List<Proposal> batch = engine.propose(new Study(problem.space(), trials), n, Seeds.forBatch(seed, batchNumber));
            int first = trials.size();
            List<double[]> full = new ArrayList<>();
            for (Proposal p : batch) {
                int seq = trials.size() + 1;
                trials.add(Trial.pending(seq, p.point()));
                curves.add(new LearningCurve(seq, TrialState.PENDING, new TreeMap<>()));
                full.add(problem.curve(p.point(), seed));
            }
            boolean[] stopped = new boolean[batch.size()];
            for (int step = 1; step <= problem.steps(); step++) {
                for (int i = 0; i < batch.size(); i++) {
                    if (stopped[i]) {
                        continue;
                    }
                    int idx = first + i;
                    LearningCurve c = curves.get(idx).with(step, full.get(i)[step - 1]);
                    curves.set(idx, c);
                    steps++;
                    if (step < problem.steps() && pruner.shouldPrune(new PruningStudy(studyName, dir, curves), c)) {
                        stopped[i] = true;
                        pruned++;
                        curves.set(idx, c.in(TrialState.PRUNED));
                        Double last = c.lastValue();
                        trials.set(idx, trials.get(idx).pruned(c.lastStep(), last == null ? null : loss(dir, last)));
                    }
                }
            }
            for (int i = 0; i < batch.size(); i++) {
                if (stopped[i]) {
                    continue;
                }
                int idx = first + i;
                double v = full.get(i)[problem.steps() - 1];
                if (Double.isNaN(v)) {
                    curves.set(idx, curves.get(idx).in(TrialState.FAILED));
                    trials.set(idx, trials.get(idx).failed());
                    continue;
                }
                curves.set(idx, curves.get(idx).in(TrialState.COMPLETE));
                trials.set(idx, trials.get(idx).complete(loss(dir, v)));
                if (Double.isNaN(best) || (dir == Direction.MINIMIZE ? v < best : v > best)) {
                    best = v;
                }
            }
        }
        return new Run(steps, best, pruned);
    }

    static double loss(Direction d, double v) {
        return d == Direction.MINIMIZE ? v : -v;
    }
}
