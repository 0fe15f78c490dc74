package io.parzen.optimizer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class OptunaTpeEngineTest {

    static SearchSpace sphereSpace(int dims) {
        List<io.parzen.optimizer.space.Parameter> ps = new ArrayList<>();
        for (int i = 0; i < dims; i++) {
            ps.add(new Uniform("x" + i, -5, 5, null));
        }
        return new SearchSpace(ps);
    }

    static double sphere(Map<String, Object> p) {
        double s = 0;
        for (Object v : p.values()) {
            double x = (Double) v - 1.0;
            s += x * x;
        }
        return s;
    }

    static double[] bests(Engine e, SearchSpace space, ToDoubleFunction<Map<String, Object>> f, int seeds, int budget, int batch) {
        double[] out = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            out[s] = Fixtures.best(Fixtures.run(e, space, f, budget, batch, 1000 + s));
        }
        return out;
    }

    @Test
    void hyperoptBeatsRandomOnSphere() {
        SearchSpace space = sphereSpace(3);
        double tpe = Fixtures.median(bests(Engines.byName("hyperopt", 20), space, OptunaTpeEngineTest::sphere, 30, 50, 5));
        double rnd = Fixtures.median(bests(Engines.random(), space, OptunaTpeEngineTest::sphere, 30, 50, 5));
        System.out.printf("sphere3 median best: hyperopt %.4f random %.4f%n", tpe, rnd);
        assertThat(tpe).isLessThan(0.8 * rnd);
    }

    @Test
    void hyperoptBeatsRandomOnMixedToy() {
        SearchSpace space = SearchSpace.of(new Uniform("x", 0, 1, null), new IntegerParameter("n", 0, 20),
                new Categorical("c", List.of("bad", "ok", "good", "worse", "awful")));
        double tpe = Fixtures.median(bests(Engines.byName("hyperopt", 20), space, OptunaTpeEngineTest::mixedToy, 30, 50, 5));
        double rnd = Fixtures.median(bests(Engines.random(), space, OptunaTpeEngineTest::mixedToy, 30, 50, 5));
        System.out.printf("mixed toy median best: hyperopt %.4f random %.4f%n", tpe, rnd);
        assertThat(tpe).isLessThan(0.8 * rnd);
    }

    @Test
    void beatsRandomOnSphere() {
        SearchSpace space = sphereSpace(3);
        double tpe = Fixtures.median(bests(Engines.byName("optuna", 20), space, OptunaTpeEngineTest::sphere, 30, 50, 5));
        double rnd = Fixtures.median(bests(Engines.random(), space, OptunaTpeEngineTest::sphere, 30, 50, 5));
        System.out.printf("sphere3 median best: tpe %.4f random %.4f%n", tpe, rnd);
        assertThat(tpe).isLessThan(0.6 * rnd);
    }

    static double mixedToy(Map<String, Object> p) {
        double x = (Double) p.get("x");
        long n = (Long) p.get("n");
        String c = (String) p.get("c");
        double pen = switch (c) {
            case "good" -> 0;
            case "ok" -> 1;
            default -> 3;
        };
        return (x - 0.3) * (x - 0.3) * 4 + Math.abs(n - 7) * 0.5 + pen;
    }

    @Test
    void beatsRandomOnMixedToy() {
        SearchSpace space = SearchSpace.of(new Uniform("x", 0, 1, null), new IntegerParameter("n", 0, 20),
                new Categorical("c", List.of("bad", "ok", "good", "worse", "awful")));
        double tpe = Fixtures.median(bests(Engines.byName("optuna", 20), space, OptunaTpeEngineTest::mixedToy, 30, 50, 5));
        double rnd = Fixtures.median(bests(Engines.random(), space, OptunaTpeEngineTest::mixedToy, 30, 50, 5));
        System.out.printf("mixed toy median best: tpe %.4f random %.4f%n", tpe, rnd);
        assertThat(tpe).isLessThan(0.7 * rnd);
    }

    @Test
    void startupIsRandomThenModel() {
        SearchSpace space = sphereSpace(2);
        Engine e = Engines.byName("optuna", 20);
        var r = Fixtures.rng(3);
        List<Trial> trials = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            List<Proposal> ps = e.propose(new Study(space, trials), 5, r);
            for (Proposal p : ps) {
                sources.add(p.source());
                trials.add(Trial.pending(trials.size() + 1, p.point()).complete(sphere(p.point())));
            }
        }
        assertThat(sources.subList(0, 20)).containsOnly(Source.RANDOM);
        assertThat(sources.subList(20, 30)).containsOnly(Source.MODEL);
    }

    @Test
    void reproducibleAndValid() {
        SearchSpace space = Fixtures.mixed();
        List<Trial> a = Fixtures.run(Engines.byName("optuna", 10), space, p -> sphereLike(p), 40, 5, 9);
        List<Trial> b = Fixtures.run(Engines.byName("optuna", 10), space, p -> sphereLike(p), 40, 5, 9);
        assertThat(a).isEqualTo(b);
        for (Trial t : a) {
            Fixtures.assertValid(space, t.point());
        }
        assertThat(new HashSet<>(a.stream().map(Trial::point).toList())).hasSize(40);
    }

    static double sphereLike(Map<String, Object> p) {
        return Math.abs((Double) p.get("u")) + Math.abs(Math.log10((Double) p.get("lr")) + 3) + (Long) p.get("n") * 0.1
                + ((String) p.get("act")).length() * 0.01 + (Double) p.get("uq") + (Double) p.get("lq") + (Long) p.get("bs") / 100.0;
    }
}
