package io.parzen.optimizer.engine.multiobjective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Fixtures;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.engine.nsga2.Nsga2Engine;
import io.parzen.optimizer.engine.tpe.MotpeEngine;
import io.parzen.optimizer.multiobjective.Hypervolume;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The multi-objective engines: Optuna's rules on small cases, the engine contract, and seeded quality on ZDT1. */
class MultiObjectiveEnginesTest {

    static final int ZDT_DIMS = 10;

    static SearchSpace zdtSpace() {
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < ZDT_DIMS; i++) {
            ps.add(new Uniform("x" + i, 0, 1, null));
        }
        return SearchSpace.of(ps.toArray(new Parameter[0]));
    }

    /** ZDT1 (Zitzler, Deb &amp; Thiele 2000): front f2 = 1 − √f1. */
    static double[] zdt1(Map<String, Object> p) {
        double f1 = (Double) p.get("x0");
        double s = 0;
        for (int i = 1; i < ZDT_DIMS; i++) {
            s += (Double) p.get("x" + i);
        }
        double g = 1 + 9 * s / (ZDT_DIMS - 1);
        return new double[] {f1, g * (1 - Math.sqrt(f1 / g))};
    }

    /** Runs an engine in batches; each trial completes with its loss vector. */
    static List<Trial> run(Engine e, SearchSpace space, Function<Map<String, Object>, double[]> f, int evals, int batch, long seed) {
        RandomGenerator r = Fixtures.rng(seed);
        List<Trial> trials = new ArrayList<>();
        while (trials.size() < evals) {
            List<Proposal> ps = e.propose(new Study(space, trials), Math.min(batch, evals - trials.size()), r);
            if (ps.isEmpty()) {
                break;
            }
            int first = trials.size();
            for (Proposal p : ps) {
                trials.add(Trial.pending(trials.size() + 1, p.point()));
            }
            for (int i = first; i < trials.size(); i++) {
                trials.set(i, trials.get(i).complete(f.apply(trials.get(i).point())));
            }
        }
        return trials;
    }

    static double hv(List<Trial> trials) {
        return Hypervolume.of(trials.stream().map(Trial::losses).toList(), new double[] {1.1, 11});
    }

    @ParameterizedTest
    @ValueSource(strings = {"motpe", "nsga2"})
    void beatsRandomSearchOnZdt1AcrossSeeds(String name) {
        int evals = name.equals("nsga2") ? 300 : 100; // NSGA-II: 50 random, then 5 generations
        int wins = 0;
        int seeds = 7;
        for (long seed = 100; seed < 100 + seeds; seed++) {
            double engine = hv(run(Engines.byName(name, 20, seed, 2), zdtSpace(), MultiObjectiveEnginesTest::zdt1, evals, 1, seed));
            double random = hv(run(Engines.random(), zdtSpace(), MultiObjectiveEnginesTest::zdt1, evals, 1, seed));
            if (engine > random) {
                wins++;
            }
        }
        assertThat(wins).as(name + " wins against random over " + seeds + " seeds").isGreaterThanOrEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"motpe", "nsga2"})
    void batchesAreDuplicateFreeValidAndReproducible(String name) {
        SearchSpace space = Fixtures.mixed();
        Function<Map<String, Object>, double[]> f = p -> {
            double a = ((Number) p.get("u")).doubleValue();
            double b = ((Number) p.get("n")).doubleValue();
            return new double[] {a * a + b, (a - 2) * (a - 2) + 10 - b};
        };
        List<Trial> a = run(Engines.byName(name, 10, 3, 2), space, f, 140, 8, 21);
        List<Trial> b = run(Engines.byName(name, 10, 3, 2), space, f, 140, 8, 21);
        assertThat(a).hasSize(140);
        assertThat(a.stream().map(Trial::point).toList()).isEqualTo(b.stream().map(Trial::point).toList());
        Set<Map<String, Object>> seen = new HashSet<>();
        for (Trial t : a) {
            Fixtures.assertValid(space, t.point());
            assertThat(seen.add(t.point())).as("duplicate " + t.point()).isTrue();
        }
    }

    @Test
    void modelIsUsedAfterTheStartupAndSkipsPendingPoints() {
        SearchSpace space = zdtSpace();
        List<Trial> trials = run(new MotpeEngine(10), space, MultiObjectiveEnginesTest::zdt1, 12, 1, 4);
        trials.add(Trial.pending(13, trials.get(0).point()));
        List<Proposal> ps = new MotpeEngine(10).propose(new Study(space, trials), 3, Fixtures.rng(1));
        assertThat(ps).hasSize(3).allMatch(p -> p.source() == Source.MODEL);
        assertThat(ps).noneMatch(p -> p.point().equals(trials.get(0).point()));
    }

    @Test
    void nsga2FirstGenerationIsRandomThenItBreeds() {
        SearchSpace space = zdtSpace();
        List<Trial> trials = run(new Nsga2Engine(), space, MultiObjectiveEnginesTest::zdt1, 49, 7, 4);
        assertThat(new Nsga2Engine().propose(new Study(space, trials), 1, Fixtures.rng(1)).get(0).source()).isEqualTo(Source.RANDOM);
        trials = run(new Nsga2Engine(), space, MultiObjectiveEnginesTest::zdt1, 50, 10, 4);
        assertThat(new Nsga2Engine().propose(new Study(space, trials), 5, Fixtures.rng(1))).allMatch(p -> p.source() == Source.MODEL);
    }

    @Test
    void splitTakesWholeRanksThenHypervolumeSubsetSelection() {
        // rank 0: (0,3) (1,1) (3,0); rank 1: (1,4) (2,2) (4,1); (5,5) rank 2
        List<double[]> losses = List.of(new double[] {5, 5}, new double[] {0, 3}, new double[] {2, 2}, new double[] {1, 1},
                new double[] {3, 0}, new double[] {1, 4}, new double[] {4, 1});
        assertThat(MotpeEngine.splitBelow(losses, 3)).containsExactly(false, true, false, true, true, false, false);
        // one more from rank 1: reference of rank 1 = 1.1 × worst = (4.4, 4.4); (2,2) adds 2.4² = 5.76,
        // (1,4) adds 3.4·0.4 = 1.36, (4,1) adds 0.4·3.4 = 1.36
        assertThat(MotpeEngine.splitBelow(losses, 4)).containsExactly(false, true, true, true, true, false, false);
        assertThat(MotpeEngine.splitBelow(losses, 0)).containsOnly(false);
        assertThat(MotpeEngine.splitBelow(losses, 7)).containsOnly(true);
    }

    @Test
    void greedyHsspPicksTheLargestGainEachTime() {
        List<double[]> pts = List.of(new double[] {0, 3}, new double[] {1, 1}, new double[] {3, 0});
        double[] ref = {4, 4};
        // alone: (0,3) → 4, (1,1) → 9, (3,0) → 4; then with (1,1): (0,3) adds 1, (3,0) adds 1 → first wins
        assertThat(MotpeEngine.greedyHssp(pts, 2, ref)).containsExactly(1, 0);
        // ties go to the lexicographically first loss vector, as Optuna's np.unique order
        List<double[]> reversed = List.of(new double[] {3, 0}, new double[] {1, 1}, new double[] {0, 3});
        assertThat(MotpeEngine.greedyHssp(reversed, 2, ref)).containsExactly(1, 2);
        // fewer distinct vectors than asked: all of them, then the first duplicates
        List<double[]> dup = List.of(new double[] {1, 1}, new double[] {1, 1}, new double[] {1, 1}, new double[] {2, 0});
        assertThat(MotpeEngine.greedyHssp(dup, 3, ref)).containsExactly(0, 1, 3);
        assertThat(MotpeEngine.greedyHssp(dup, 2, ref)).containsExactly(0, 3);
    }

    @Test
    void belowWeightsAreHypervolumeContributionsOverTheLargest() {
        // reference = 1.1 × worst = (3.3, 3.3); contributions: (0,3): 1·0.3 = 0.3, (1,1): 2·2 = 4, (3,0): 0.3·1 = 0.3; (2,2) dominated
        List<double[]> below = List.of(new double[] {0, 3}, new double[] {1, 1}, new double[] {3, 0}, new double[] {2, 2});
        double[] w = MotpeEngine.weightsBelow(below);
        assertThat(w[1]).isEqualTo(1.0);
        assertThat(w[0]).isCloseTo(0.3 / 4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w[2]).isCloseTo(0.3 / 4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w[3]).isEqualTo(MotpeEngine.EPS);
        assertThat(MotpeEngine.weightsBelow(List.of(new double[] {1, 2}))).containsExactly(1.0);
    }

    @Test
    void crowdingDistanceIsInfiniteAtTheEndsAndNormalisedGapsInside() {
        List<double[]> front = List.of(new double[] {0, 4}, new double[] {1, 2}, new double[] {2, 1}, new double[] {4, 0});
        double[] d = Nsga2Engine.crowdingDistances(front);
        assertThat(d[0]).isInfinite();
        assertThat(d[3]).isInfinite();
        // (1,2): (2−0)/4 + (4−1)/4 = 1.25; (2,1): (4−1)/4 + (2−0)/4 = 1.25
        assertThat(d[1]).isEqualTo(1.25);
        assertThat(d[2]).isEqualTo(1.25);
    }

    @Test
    void engineChoiceByNumberOfObjectives() {
        assertThat(Engines.byName("auto", 20, 0, 2).name()).isEqualTo("motpe");
        assertThat(Engines.byName(null, 20, 0, 3).name()).isEqualTo("motpe");
        assertThat(Engines.byName("nsga2", 20, 0, 2).name()).isEqualTo("nsga2");
        assertThat(Engines.byName("auto", 20, 0, 1).name()).isEqualTo("auto");
        assertThatThrownBy(() -> Engines.byName("gp", 20, 0, 2)).hasMessageContaining("'gp'").hasMessageContaining("motpe");
        assertThatThrownBy(() -> Engines.byName("motpe", 20, 0, 1)).hasMessageContaining("'motpe'").hasMessageContaining("optuna");
    }
}
