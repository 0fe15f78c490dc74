package io.parzen.task.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parzen.events.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** PED-ANOVA on seeded samples: what it must find, and where it must not find anything. */
class PedAnovaTest {

    static final Dimension X = Dimension.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null), List.of());
    static final Dimension Y = Dimension.of(ParameterSpec.of("y", "uniform", 0.0, 1.0, null, null), List.of());

    /** {@code n} observations of x, y uniform on [0, 1] with loss {@code f(x, y)}. */
    static List<PedAnova.Observation> sample(long seed, int n, ToDoubleFunction<double[]> loss) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PedAnova.Observation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] p = {random.nextDouble(), random.nextDouble()};
            out.add(new PedAnova.Observation(Map.of("x", p[0], "y", p[1]), loss.applyAsDouble(p)));
        }
        return out;
    }

    static double importance(PedAnova.Result r, String name) {
        return r.parameters().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow().importance();
    }

    @Test
    void aFunctionOfXOnlyMakesXFarMoreImportantThanY() {
        for (long seed = 1; seed <= 20; seed++) {
            PedAnova.Result r = PedAnova.evaluate(List.of(X, Y), sample(seed, 100, p -> (p[0] - 0.3) * (p[0] - 0.3)));
            assertThat(r.reason()).isNull();
            assertThat(r.observations()).isEqualTo(100);
            assertThat(r.parameters()).extracting(PedAnova.Importance::name).containsExactly("x", "y");
            assertThat(importance(r, "x")).as("seed %d", seed).isGreaterThan(0.75);
            assertThat(importance(r, "x") + importance(r, "y")).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void theOrderOfTheParametersDoesNotMatter() {
        List<PedAnova.Observation> sample = sample(7, 80, p -> p[1]);
        PedAnova.Result xy = PedAnova.evaluate(List.of(X, Y), sample);
        PedAnova.Result yx = PedAnova.evaluate(List.of(Y, X), sample);
        assertThat(importance(xy, "y")).isCloseTo(importance(yx, "y"), within(1e-12));
        assertThat(xy.parameters().get(0).name()).isEqualTo("y");
    }

    @Test
    void aSymmetricFunctionGivesBothParametersAboutTheSameImportanceOnAverage() {
        double sumX = 0;
        double sumY = 0;
        int seeds = 30;
        for (long seed = 100; seed < 100 + seeds; seed++) {
            PedAnova.Result r = PedAnova.evaluate(List.of(X, Y), sample(seed, 150, p -> p[0] + p[1]));
            sumX += importance(r, "x");
            sumY += importance(r, "y");
        }
        assertThat(sumX / seeds).isCloseTo(0.5, within(0.1));
        assertThat(sumY / seeds).isCloseTo(0.5, within(0.1));
    }

    @Test
    void swappingTheRolesOfXAndYSwapsTheImportances() {
        List<PedAnova.Observation> byX = sample(3, 60, p -> p[0] + 0.1 * p[1]);
        List<PedAnova.Observation> byY = byX.stream().map(o -> new PedAnova.Observation(
                Map.of("x", o.parameters().get("y"), "y", o.parameters().get("x")), o.loss())).toList();
        PedAnova.Result a = PedAnova.evaluate(List.of(X, Y), byX);
        PedAnova.Result b = PedAnova.evaluate(List.of(X, Y), byY);
        assertThat(importance(a, "x")).isCloseTo(importance(b, "y"), within(1e-12));
    }

    @Test
    void tooFewObservationsGiveAnEmptyListWithAReason() {
        PedAnova.Result r = PedAnova.evaluate(List.of(X, Y), sample(1, 2, p -> p[0]));
        assertThat(r.parameters()).isEmpty();
        assertThat(r.observations()).isEqualTo(2);
        assertThat(r.reason()).contains("at least 3").contains("there are 2");
        assertThat(PedAnova.evaluate(List.of(X, Y), List.of()).reason()).contains("there are 0");
    }

    @Test
    void observationsWithoutAParameterOrWithANonFiniteLossDoNotCount() {
        List<PedAnova.Observation> sample = new ArrayList<>(sample(5, 3, p -> p[0]));
        sample.add(new PedAnova.Observation(Map.of("x", 0.5), 1.0));
        sample.add(new PedAnova.Observation(Map.of("x", 0.5, "y", 0.5), Double.NaN));
        assertThat(PedAnova.evaluate(List.of(X, Y), sample).observations()).isEqualTo(3);
    }

    @Test
    void aCategoricalParameterThatDecidesTheValueIsTheImportantOne() {
        Dimension c = Dimension.of(ParameterSpec.of("act", "categorical", null, null, null,
                List.of("relu", "tanh", "sigmoid")), List.of());
        SplittableRandom random = new SplittableRandom(11);
        List<PedAnova.Observation> sample = new ArrayList<>();
        List<String> choices = List.of("relu", "tanh", "sigmoid");
        for (int i = 0; i < 90; i++) {
            String act = choices.get(random.nextInt(3));
            double x = random.nextDouble();
            sample.add(new PedAnova.Observation(Map.of("act", act, "x", x),
                    (act.equals("tanh") ? 0 : 1) + 0.01 * random.nextDouble()));
        }
        PedAnova.Result r = PedAnova.evaluate(List.of(c, X), sample);
        assertThat(r.parameters().get(0).name()).isEqualTo("act");
        assertThat(importance(r, "act")).isGreaterThan(0.75);
    }

    @Test
    void aParameterWithOneValueHasImportanceZeroAndComesLast() {
        Dimension fixed = Dimension.of(ParameterSpec.of("f", "uniform", 2.0, 2.0, null, null), List.of());
        List<PedAnova.Observation> sample = sample(9, 40, p -> p[0]).stream()
                .map(o -> new PedAnova.Observation(Map.of("x", o.parameters().get("x"), "y", o.parameters().get("y"),
                        "f", 2.0), o.loss())).toList();
        PedAnova.Result r = PedAnova.evaluate(List.of(fixed, X, Y), sample);
        assertThat(r.parameters()).last().satisfies(i -> {
            assertThat(i.name()).isEqualTo("f");
            assertThat(i.importance()).isZero();
        });
    }

    @Test
    void aLogParameterIsCountedOnTheLogScale() {
        Dimension lr = Dimension.of(ParameterSpec.of("lr", "loguniform", -5.0, -1.0, null, null), List.of());
        SplittableRandom random = new SplittableRandom(13);
        List<PedAnova.Observation> sample = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double exponent = -5 + 4 * random.nextDouble();
            double y = random.nextDouble();
            sample.add(new PedAnova.Observation(Map.of("lr", Math.pow(10, exponent), "y", y),
                    Math.abs(exponent + 3)));
        }
        PedAnova.Result r = PedAnova.evaluate(List.of(lr, Y), sample);
        assertThat(importance(r, "lr")).isGreaterThan(0.75);
    }

    @Test
    void theTopObservationsFollowOptunasQuantileFilter() {
        List<PedAnova.Observation> obs = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            obs.add(new PedAnova.Observation(Map.of(), i));
        }
        // quantile(0.1, "higher") of 1..20 is the value at index ceil(0.1 * 19) = 2: 3
        assertThat(PedAnova.filter(obs, 0.1)).extracting(PedAnova.Observation::loss).containsExactly(1.0, 2.0, 3.0);
        // at least two
        assertThat(PedAnova.filter(obs.subList(0, 3), 0.1)).hasSize(2);
        assertThat(PedAnova.filter(obs, 1.0)).hasSize(20);
    }

    @Test
    void theEstimatorsAreProbabilitiesOverTheGrid() {
        double[] counts = new double[50];
        counts[3] = 4;
        counts[20] = 1;
        counts[49] = 2;
        assertThat(sum(ScottParzenEstimator.numeric(counts, 1.0))).isCloseTo(1.0, within(1e-6));
        assertThat(sum(ScottParzenEstimator.numeric(new double[50], 1.0))).isCloseTo(1.0, within(1e-6));
        double[] categorical = ScottParzenEstimator.categorical(new double[] {3, 0, 1}, 1.0);
        assertThat(sum(categorical)).isCloseTo(1.0, within(1e-9));
        assertThat(categorical[0]).isGreaterThan(categorical[2]).isGreaterThan(categorical[1]);
    }

    @Test
    void theNormalMassIsAccurate() {
        assertThat(Normal.mass(-1, 1)).isCloseTo(0.682689492, within(1e-7));
        assertThat(Normal.mass(Double.NEGATIVE_INFINITY, 0)).isCloseTo(0.5, within(1e-7));
        assertThat(Normal.mass(5, 6)).isCloseTo(2.8567e-7, within(1e-10));
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
