package io.parzen.optimizer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.optimizer.engine.auto.AutoEngine;
import io.parzen.optimizer.engine.gp.BenchProblems;
import io.parzen.optimizer.engine.gp.GpEngine;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Pins every engine's proposals for fixed seeds, bit for bit (each double printed exactly), so that a
 * refactoring that must not change behaviour can prove it did not. The expected lines are in
 * {@code src/test/resources/pinned/proposals.txt}; when a change of behaviour is intended, rewrite
 * them with {@code -Dparzen.pin.write=true} and say why in the commit.
 *
 * <p>The scenarios cover the GP's code paths: a mixed space (pattern search over grids and
 * categories), continuous problems (Sobol candidates, the pinned-versus-fitted noise choice, the
 * Box-Cox warp on Rosenbrock), a small finite space (enumeration until exhausted), more observations
 * than the fit and conditioning subsets (the seeded subsampling, the short fit), pending and failed
 * trials; and the other engines on the mixed space.
 */
class PinnedProposalsTest {

    static final Path EXPECTED = Path.of("src/test/resources/pinned/proposals.txt");

    static double mixedLoss(Map<String, Object> p) {
        double u = num(p, "u");
        double lr = Math.log10(num(p, "lr"));
        double n = num(p, "n");
        double act = p.get("act").equals("tanh") ? 0 : 1;
        return (u - 1) * (u - 1) + (lr + 3) * (lr + 3) + 0.1 * (n - 6) * (n - 6) + act + num(p, "uq") + num(p, "lq")
                + 0.001 * num(p, "bs");
    }

    static double smallLoss(Map<String, Object> p) {
        return num(p, "a") + num(p, "c") + (p.get("b").equals("x") ? 0 : 0.5);
    }

    private static double num(Map<String, Object> p, String k) {
        return ((Number) p.get(k)).doubleValue();
    }

    private static void drive(List<String> out, String scenario, Engine engine, SearchSpace space,
            ToDoubleFunction<Map<String, Object>> loss, long seed, int total, int batch) {
        int i = 0;
        for (Proposal p : BenchProblems.drive(engine, space, loss, seed, total, batch)) {
            out.add(scenario + " " + i++ + " " + p.source() + " " + p.point());
        }
    }

    /** Random complete trials, then some pending and failed ones, then one batch of the engine. */
    private static void withPendingAndFailed(List<String> out, String scenario, Engine engine, SearchSpace space,
            ToDoubleFunction<Map<String, Object>> loss, int complete, long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trial> trials = new ArrayList<>();
        List<Proposal> start = Engines.random().propose(new Study(space, List.of()), complete + 6, rng);
        for (Proposal p : start) {
            Trial t = Trial.pending(trials.size() + 1, p.point());
            int k = trials.size();
            trials.add(k < complete ? t.complete(loss.applyAsDouble(p.point())) : k % 2 == 0 ? t : t.failed());
        }
        int i = 0;
        for (Proposal p : engine.propose(new Study(space, trials), n, rng)) {
            out.add(scenario + " " + i++ + " " + p.source() + " " + p.point());
        }
    }

    static List<String> proposals() {
        List<String> out = new ArrayList<>();
        SearchSpace mixed = Fixtures.mixed();
        drive(out, "gp-mixed", new GpEngine(10), mixed, PinnedProposalsTest::mixedLoss, 7, 30, 5);
        drive(out, "gp-branin", new GpEngine(10), BenchProblems.BRANIN.space(), BenchProblems.BRANIN.loss(), 3, 35, 5);
        drive(out, "gp-rosenbrock4", new GpEngine(10), BenchProblems.ROSENBROCK4.space(),
                BenchProblems.ROSENBROCK4.loss(), 1, 30, 5);
        drive(out, "gp-mlp", new GpEngine(10), BenchProblems.MLP.space(), BenchProblems.MLP.loss(), 2, 30, 10);
        drive(out, "gp-small", new GpEngine(4), Fixtures.small(), PinnedProposalsTest::smallLoss, 2, 18, 4);
        withPendingAndFailed(out, "gp-hartmann6-320", new GpEngine(20), BenchProblems.HARTMANN6.space(),
                BenchProblems.HARTMANN6.loss(), 320, 21, 3);
        withPendingAndFailed(out, "gp-mixed-pending", new GpEngine(20), mixed, PinnedProposalsTest::mixedLoss, 25, 5, 5);
        drive(out, "auto-mixed", new AutoEngine(10), mixed, PinnedProposalsTest::mixedLoss, 5, 30, 5);
        drive(out, "auto-hartmann6", new AutoEngine(10), BenchProblems.HARTMANN6.space(),
                BenchProblems.HARTMANN6.loss(), 4, 30, 5);
        withPendingAndFailed(out, "auto-mixed-pending", new AutoEngine(20), mixed, PinnedProposalsTest::mixedLoss, 25, 6, 5);
        for (String name : List.of("optuna", "hyperopt", "random", "sobol")) {
            drive(out, name + "-mixed", Engines.byName(name, 10, 11), mixed, PinnedProposalsTest::mixedLoss, 11, 40, 5);
            drive(out, name + "-small", Engines.byName(name, 4, 12), Fixtures.small(), PinnedProposalsTest::smallLoss,
                    12, 18, 4);
            withPendingAndFailed(out, name + "-mixed-pending", Engines.byName(name, 20, 13), mixed,
                    PinnedProposalsTest::mixedLoss, 25, 13, 5);
        }
        return out;
    }

    @Test
    void everyEngineProposesExactlyThePinnedPoints() throws IOException {
        List<String> actual = proposals();
        if (Boolean.getBoolean("parzen.pin.write")) {
            Files.createDirectories(EXPECTED.getParent());
            Files.write(EXPECTED, actual, StandardCharsets.UTF_8);
        }
        List<String> expected = Files.readAllLines(EXPECTED, StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertThat(actual.get(i)).as("line %d", i + 1).isEqualTo(expected.get(i));
        }
        assertThat(actual).hasSameSizeAs(expected);
    }
}
