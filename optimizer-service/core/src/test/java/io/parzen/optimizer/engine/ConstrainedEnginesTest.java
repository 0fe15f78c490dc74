package io.parzen.optimizer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.optimizer.engine.gp.GpEngine;
import io.parzen.optimizer.engine.nsga2.Nsga2Engine;
import io.parzen.optimizer.engine.tpe.MotpeEngine;
import io.parzen.optimizer.engine.tpe.OptunaTpeEngine;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import io.parzen.optimizer.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Constraints in the engines (ADR 0033), seeded: on a 2-D problem whose unconstrained optimum (1, 1) is infeasible
 * (constraint x + y ≤ 1), the constrained engines put clearly more of their model proposals into the feasible
 * half than the same engines without the constraint values, in most seeds; and Optuna's split rules on small
 * cases.
 */
class ConstrainedEnginesTest {

    static final SearchSpace SPACE = SearchSpace.of(new Uniform("x", 0, 1, null), new Uniform("y", 0, 1, null));
    static final int STARTUP = 10;

    static double x(Map<String, Object> p) {
        return (Double) p.get("x");
    }

    static double y(Map<String, Object> p) {
        return (Double) p.get("y");
    }

    static double violation(Map<String, Object> p) {
        return x(p) + y(p) - 1;
    }

    /** Runs the engine in batches; single objective (x−1)² + (y−1)², or two objectives; constraints when asked. */
    static List<Trial> run(Engine e, boolean multiObjective, boolean constrained, int evals, int batch, long seed) {
        RandomGenerator r = Fixtures.rng(seed);
        List<Trial> trials = new ArrayList<>();
        while (trials.size() < evals) {
            List<Proposal> ps = e.propose(new Study(SPACE, trials), Math.min(batch, evals - trials.size()), r);
            int first = trials.size();
            for (Proposal p : ps) {
                trials.add(Trial.pending(trials.size() + 1, p.point()));
            }
            for (int i = first; i < trials.size(); i++) {
                Map<String, Object> p = trials.get(i).point();
                Trial done = multiObjective
                        ? trials.get(i).complete(new double[] {sq(x(p) - 1) + sq(y(p) - 1), sq(x(p) - 0.7) + sq(y(p) - 1)})
                        : trials.get(i).complete(sq(x(p) - 1) + sq(y(p) - 1));
                trials.set(i, constrained ? done.withConstraints(new double[] {violation(p)}) : done);
            }
        }
        return trials;
    }

    static double sq(double v) {
        return v * v;
    }

    /** Share of the trials after {@code from} that are feasible. */
    static double feasibleShare(List<Trial> trials, int from) {
        long feasible = trials.stream().skip(from).filter(t -> violation(t.point()) <= 0).count();
        return (double) feasible / (trials.size() - from);
    }

    record Comparison(double constrained, double unconstrained, int wins, int seeds) {
    }

    static Comparison compare(Supplier<Engine> engine, boolean mo, int evals, int batch, int from, int seeds) {
        double c = 0;
        double u = 0;
        int wins = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            double sc = feasibleShare(run(engine.get(), mo, true, evals, batch, seed), from);
            double su = feasibleShare(run(engine.get(), mo, false, evals, batch, seed), from);
            c += sc / seeds;
            u += su / seeds;
            wins += sc > su ? 1 : 0;
        }
        System.out.printf("constrained-engines %s: feasible share constrained %.3f, unconstrained %.3f, wins %d/%d%n",
                engine.get().name(), c, u, wins, seeds);
        return new Comparison(c, u, wins, seeds);
    }

    /*
     * Seeded figures (this test's own runs; share of feasible trials after the random start, mean over seeds,
     * constrained vs the same engine without constraint values; random search: 0.5):
     *   optuna 10 seeds × 40 trials: 0.603 vs 0.113 (10/10 seeds)   gp 6 × 25: 0.589 vs 0.133 (6/6)
     *   motpe 10 × 40: 0.580 vs 0.173 (10/10)   nsga2 (population 20) 5 × 100, from trial 60: 0.585 vs 0.265 (5/5)
     *   auto 4 × 25: 0.567 vs 0.133 (4/4)
     * The thresholds below sit well inside these gaps; a seeded run is deterministic, so they do not flake.
     */

    @Test
    void constrainedTpePutsMoreProposalsInTheFeasibleRegion() {
        Comparison r = compare(() -> new OptunaTpeEngine(STARTUP), false, 40, 1, STARTUP, 10);
        assertThat(r.constrained()).isGreaterThan(r.unconstrained() + 0.2);
        assertThat(r.wins()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void constrainedGpPutsMoreProposalsInTheFeasibleRegion() {
        Comparison r = compare(() -> new GpEngine(STARTUP), false, 25, 1, STARTUP, 6);
        assertThat(r.constrained()).isGreaterThan(r.unconstrained() + 0.2);
        assertThat(r.wins()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void autoPassesTheConstraintsToItsEngines() {
        Comparison r = compare(() -> Engines.byName("auto", STARTUP), false, 25, 1, STARTUP, 4);
        assertThat(r.constrained()).isGreaterThan(r.unconstrained() + 0.2);
        assertThat(r.wins()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void hyperoptAndTheModelFreeEnginesIgnoreConstraints() {
        for (String name : List.of("hyperopt", "random", "sobol")) {
            List<Trial> with = run(Engines.byName(name, STARTUP), false, true, 20, 1, 5);
            List<Trial> without = run(Engines.byName(name, STARTUP), false, false, 20, 1, 5);
            assertThat(with.stream().map(Trial::point).toList()).as(name)
                    .isEqualTo(without.stream().map(Trial::point).toList());
        }
    }

    @Test
    void constrainedMotpePutsMoreProposalsInTheFeasibleRegion() {
        Comparison r = compare(() -> new MotpeEngine(STARTUP), true, 40, 1, STARTUP, 10);
        assertThat(r.constrained()).isGreaterThan(r.unconstrained() + 0.2);
        assertThat(r.wins()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void constrainedNsga2PutsMoreChildrenInTheFeasibleRegion() {
        Comparison r = compare(() -> new Nsga2Engine(20), true, 100, 10, 60, 5);
        assertThat(r.constrained()).isGreaterThan(r.unconstrained() + 0.2);
        assertThat(r.wins()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void trialsWithoutConstraintValuesAreFeasibleAndViolationsSumThePositiveValues() {
        Trial t = Trial.pending(1, Map.of("x", 0.5, "y", 0.5)).complete(1.0);
        assertThat(t.violation()).isZero();
        assertThat(t.feasible()).isTrue();
        Trial c = t.withConstraints(new double[] {-1, 0.5, 2});
        assertThat(c.violation()).isEqualTo(2.5);
        assertThat(c.feasible()).isFalse();
        assertThat(t.withConstraints(new double[] {-1, Double.POSITIVE_INFINITY}).violation()).isInfinite();
        assertThat(t.withConstraints(new double[] {0, -3}).feasible()).isTrue();
        assertThat(c.state()).isEqualTo(TrialState.COMPLETE);
    }

    @Test
    void theSameStudyWithoutConstraintValuesGivesTheSameProposalsAsBefore() {
        // an engine that reads constraints must not change anything for a study without them
        List<Trial> plain = run(new OptunaTpeEngine(STARTUP), false, false, 25, 1, 3);
        List<Trial> again = run(new OptunaTpeEngine(STARTUP), false, false, 25, 1, 3);
        assertThat(again.stream().map(Trial::point).toList()).isEqualTo(plain.stream().map(Trial::point).toList());
        List<Trial> constrained = run(new OptunaTpeEngine(STARTUP), false, true, 25, 1, 3);
        assertThat(constrained.subList(0, STARTUP).stream().map(Trial::point).toList())
                .isEqualTo(plain.subList(0, STARTUP).stream().map(Trial::point).toList());
        assertThat(constrained.stream().map(Trial::point).toList())
                .isNotEqualTo(plain.stream().map(Trial::point).toList());
    }
}
