package io.parzen.optimizer.engine.auto;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.engine.gp.BenchProblems;
import io.parzen.optimizer.engine.gp.GpEngine;
import io.parzen.optimizer.engine.tpe.OptunaTpeEngine;
import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class AutoEngineTest {

    /** A TPE stand-in whose proposals are recognisable (Source.MANUAL). */
    static final class MarkedTpe implements Engine {
        private final Engine tpe = new OptunaTpeEngine(20);

        @Override
        public String name() {
            return "marked";
        }

        @Override
        public List<Proposal> propose(Study study, int n, RandomGenerator random) {
            return tpe.propose(study, n, random).stream().map(p -> new Proposal(p.point(), Source.MANUAL)).toList();
        }
    }

    @Test
    void slotShareFollowsModelQuality() {
        assertThat(AutoEngine.tpeSlots(Double.NaN, 5)).isZero();
        assertThat(AutoEngine.tpeSlots(0.9, 5)).isZero();
        assertThat(AutoEngine.tpeSlots(AutoEngine.FULL_TRUST, 10)).isZero();
        assertThat(AutoEngine.tpeSlots(AutoEngine.NO_TRUST, 10)).isEqualTo(10);
        assertThat(AutoEngine.tpeSlots(-0.5, 5)).isEqualTo(5);
        assertThat(AutoEngine.tpeSlots((AutoEngine.FULL_TRUST + AutoEngine.NO_TRUST) / 2, 10)).isEqualTo(5);
    }

    @Test
    void smoothObjectiveStaysWithTheGpAndNoiseGoesToTpe() {
        AutoEngine auto = new AutoEngine(20, new GpEngine(20), new MarkedTpe());
        BenchProblems.Problem branin = BenchProblems.BRANIN;
        List<Proposal> smooth = BenchProblems.drive(auto, branin.space(), branin.loss(), 3, 45, 5);
        long tpeOnSmooth = smooth.stream().filter(p -> p.source() == Source.MANUAL).count();
        // pure noise: the loss does not depend on the point, so the GP cannot rank held-out points
        SplittableRandom noise = new SplittableRandom(17);
        List<Proposal> noisy = BenchProblems.drive(auto, branin.space(), p -> noise.nextDouble(), 3, 45, 5);
        long tpeOnNoise = noisy.stream().filter(p -> p.source() == Source.MANUAL).count();
        assertThat(tpeOnSmooth).isLessThanOrEqualTo(5);
        assertThat(tpeOnNoise).isGreaterThan(tpeOnSmooth + 5);
        assertThat(smooth.subList(0, 20)).allMatch(p -> p.source() == Source.RANDOM);
    }

    @Test
    void validReproducibleAndExhaustsAFiniteSpace() {
        SearchSpace small = SearchSpace.of(new IntegerParameter("a", 0, 4), new Categorical("b", List.of("x", "y")),
                new Uniform("c", 0, 1, 0.25));   // 5 * 2 * 5 = 50 points
        ToDoubleFunction<Map<String, Object>> loss = p -> Math.abs(((Number) p.get("a")).doubleValue() - 2)
                + ((Number) p.get("c")).doubleValue() + (p.get("b").equals("x") ? 0 : 0.5);
        List<Proposal> a = BenchProblems.drive(new AutoEngine(10), small, loss, 4, 60, 5);
        List<Proposal> b = BenchProblems.drive(new AutoEngine(10), small, loss, 4, 60, 5);
        assertThat(a).isEqualTo(b);
        assertThat(a).hasSize(50);
        Set<Map<String, Object>> seen = new HashSet<>();
        for (Proposal p : a) {
            assertThat(small.normalize(p.point())).isEqualTo(p.point());
            assertThat(seen.add(p.point())).as("duplicate %s", p.point()).isTrue();
        }
    }

    @Test
    void autoIsCompetitiveOnBraninAndHartmann6() {
        for (BenchProblems.Problem p : List.of(BenchProblems.BRANIN, BenchProblems.HARTMANN6)) {
            double[] auto = BenchProblems.finals(new AutoEngine(20), p, 8, 50, 5);
            double[] tpe = BenchProblems.finals(new OptunaTpeEngine(20), p, 8, 50, 5);
            System.out.printf(Locale.ROOT, "%s P1 8 seeds: auto median %.5f, optuna-tpe median %.5f%n",
                    p.name(), BenchProblems.median(auto), BenchProblems.median(tpe));
            assertThat(BenchProblems.median(auto)).isLessThan(BenchProblems.median(tpe));
        }
    }
}
