package io.parzen.optimizer.warmstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import io.parzen.optimizer.study.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

class WarmStartTest {

    private static final SearchSpace OLD = SearchSpace.of(
            new Uniform("lr", 0.0, 1.0, null),
            new IntegerParameter("layers", 1, 10, 1),
            new Uniform("dropout", 0.0, 0.5, 0.1),
            new Categorical("act", List.of("relu", "tanh", "sigmoid")),
            new LogUniform("wd", -6, -1, null),
            new Uniform("extra", 0.0, 1.0, null));

    private static Map<String, Object> point(double lr, long layers, double dropout, String act, double wd) {
        Map<String, Object> p = new HashMap<>();
        p.put("lr", lr);
        p.put("layers", layers);
        p.put("dropout", dropout);
        p.put("act", act);
        p.put("wd", wd);
        p.put("extra", 0.5);
        return p;
    }

    private static Optional<Map<String, Object>> into(SearchSpace to, Map<String, Object> p) {
        return WarmStart.mapPoint(OLD, p, to);
    }

    @Test
    void aPointInsideTheNewSpaceIsKeptWithoutTheParametersTheNewSpaceLacks() {
        SearchSpace to = SearchSpace.of(new Uniform("lr", 0.0, 0.5, null), new IntegerParameter("layers", 2, 8, 2));
        assertThat(into(to, point(0.25, 4, 0.1, "relu", 1e-3))).contains(Map.of("lr", 0.25, "layers", 4L));
    }

    @Test
    void valuesOutsideTheNewRangeAreDropped() {
        SearchSpace to = SearchSpace.of(new Uniform("lr", 0.0, 0.5, null));
        assertThat(into(to, point(0.75, 4, 0.1, "relu", 1e-3))).isEmpty();
        assertThat(into(to, point(0.5, 4, 0.1, "relu", 1e-3))).contains(Map.of("lr", 0.5));
        SearchSpace log = SearchSpace.of(new LogUniform("wd", -4, -2, null));
        assertThat(into(log, point(0.1, 4, 0.1, "relu", 1e-5))).isEmpty();
        assertThat(into(log, point(0.1, 4, 0.1, "relu", 1e-3))).isPresent();
    }

    @Test
    void integersAndQStepsMustLieOnTheNewGridElseTheObservationIsDropped() {
        SearchSpace evenLayers = SearchSpace.of(new IntegerParameter("layers", 2, 10, 2));
        assertThat(into(evenLayers, point(0.1, 3, 0.1, "relu", 1e-3))).isEmpty();
        assertThat(into(evenLayers, point(0.1, 6, 0.1, "relu", 1e-3))).contains(Map.of("layers", 6L));
        SearchSpace coarse = SearchSpace.of(new Uniform("dropout", 0.0, 0.5, 0.2));
        assertThat(into(coarse, point(0.1, 3, 0.3, "relu", 1e-3))).isEmpty();
        assertThat(into(coarse, point(0.1, 3, 0.4, "relu", 1e-3))).isPresent(); // 0.4 after a JSON round trip
    }

    @Test
    void categoricalsMustBeAmongTheNewChoices() {
        SearchSpace to = SearchSpace.of(new Categorical("act", List.of("relu", "gelu")));
        assertThat(into(to, point(0.1, 3, 0.1, "tanh", 1e-3))).isEmpty();
        assertThat(into(to, point(0.1, 3, 0.1, "relu", 1e-3))).contains(Map.of("act", "relu"));
    }

    @Test
    void anotherKindOrAParameterTheOldSpaceLacksDropsTheObservation() {
        SearchSpace layersAsUniform = SearchSpace.of(new Uniform("layers", 1.0, 10.0, null));
        assertThat(into(layersAsUniform, point(0.1, 3, 0.1, "relu", 1e-3))).isEmpty();
        SearchSpace newParameter = SearchSpace.of(new Uniform("lr", 0.0, 1.0, null), new Uniform("momentum", 0.0, 1.0, null));
        assertThat(into(newParameter, point(0.1, 3, 0.1, "relu", 1e-3))).isEmpty();
    }

    @Test
    void mapCountsKeptAndDroppedAndDropsNonFiniteLosses() {
        SearchSpace to = SearchSpace.of(new Uniform("lr", 0.0, 0.5, null));
        List<PriorObservation> obs = List.of(
                new PriorObservation("t1", point(0.1, 3, 0.1, "relu", 1e-3), 1.0),
                new PriorObservation("t1", point(0.9, 3, 0.1, "relu", 1e-3), 2.0),
                new PriorObservation("t1", point(0.2, 3, 0.1, "relu", 1e-3), Double.NaN));
        WarmStart.Mapped mapped = WarmStart.map(OLD, obs, to);
        assertThat(mapped.kept()).extracting(PriorObservation::loss).containsExactly(1.0);
        assertThat(mapped.dropped()).isEqualTo(2);
    }

    @Test
    void priorsComeFirstAsCompleteTrialsBelowSeqOneAndTheStartupShrinks() {
        SearchSpace space = SearchSpace.of(new Uniform("x", 0.0, 1.0, null), new Uniform("y", 0.0, 1.0, null));
        List<PriorObservation> priors = new ArrayList<>();
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
        for (int i = 0; i < 6; i++) {
            double x = r.nextDouble();
            double y = r.nextDouble();
            priors.add(new PriorObservation("t1", Map.of("x", x, "y", y), sphere(x, y)));
        }
        Study cold = new Study(space, List.of());
        Study warm = WarmStart.withPriors(cold, priors);
        assertThat(warm.trials()).extracting(Trial::seq).containsExactly(-5, -4, -3, -2, -1, 0);
        assertThat(warm.trials()).allMatch(t -> t.state() == TrialState.COMPLETE);
        assertThat(WarmStart.startupLeft(10, 6)).isEqualTo(4);
        assertThat(WarmStart.startupLeft(10, 30)).isZero();

        // startup 10: cold, all 5 random; with 6 priors 4 random, then the model (Optuna's TPE counts issued trials)
        Engine tpe = Engines.byName("optuna", 10, 1L, 1);
        List<Proposal> coldBatch = tpe.propose(cold, 5, RandomGeneratorFactory.of("L64X128MixRandom").create(1));
        List<Proposal> warmBatch = tpe.propose(warm, 5, RandomGeneratorFactory.of("L64X128MixRandom").create(1));
        assertThat(coldBatch).extracting(Proposal::source).containsOnly(Source.RANDOM);
        assertThat(warmBatch).extracting(Proposal::source).contains(Source.MODEL);
        assertThat(warmBatch.stream().filter(p -> p.source() == Source.RANDOM).count()).isEqualTo(4);
    }

    /**
     * Seeded statistical check: the same problem, 30 observations of an earlier task, then 20 new
     * executions in batches of 5 (start-up 10): the warm-started best is better than the cold one.
     */
    @Test
    void warmStartFindsABetterPointOnTheSameProblem() {
        SearchSpace space = SearchSpace.of(new Uniform("x", -5.0, 10.0, null), new Uniform("y", 0.0, 15.0, null));
        int seeds = 15;
        double[] warm = new double[seeds];
        double[] cold = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            List<Trial> earlier = run(Engines.byName("optuna", 10, s, 1), space, List.of(), 30, 1000 + s);
            List<PriorObservation> priors = earlier.stream()
                    .map(t -> new PriorObservation("t1", t.point(), t.loss())).toList();
            Engine e = Engines.byName("optuna", 10, s, 1);
            warm[s] = best(run(e, space, WarmStart.map(space, priors, space).kept(), 20, s));
            cold[s] = best(run(e, space, List.of(), 20, s));
        }
        assertThat(median(warm)).isLessThan(median(cold));
        assertThat(new MannWhitneyUTest().mannWhitneyUTest(warm, cold)).isLessThan(0.05);
    }

    private static List<Trial> run(Engine engine, SearchSpace space, List<PriorObservation> priors, int n, long seed) {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        List<Trial> trials = new ArrayList<>();
        while (trials.size() < n) {
            for (Proposal p : engine.propose(WarmStart.withPriors(new Study(space, trials), priors), 5, random)) {
                double x = (Double) p.point().get("x");
                double y = (Double) p.point().get("y");
                trials.add(Trial.pending(trials.size() + 1, p.point()).complete(branin(x, y)));
            }
        }
        return trials;
    }

    private static double best(List<Trial> trials) {
        return trials.stream().mapToDouble(Trial::loss).min().orElseThrow();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return (s[(s.length - 1) / 2] + s[s.length / 2]) / 2;
    }

    private static double sphere(double x, double y) {
        return (x - 0.3) * (x - 0.3) + (y - 0.7) * (y - 0.7);
    }

    private static double branin(double x1, double x2) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
    }
}
