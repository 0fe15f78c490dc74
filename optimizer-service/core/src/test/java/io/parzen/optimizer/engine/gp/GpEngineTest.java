package io.parzen.optimizer.engine.gp;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.engine.Source;
import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class GpEngineTest {

    static final SearchSpace MIXED = SearchSpace.of(
            new Uniform("u", -2, 3, null),
            new Uniform("uq", 0, 0.5, 0.05),
            new LogUniform("lr", -5, -1, null),
            new LogUniform("lq", -3, 0, 0.01),
            new IntegerParameter("n", 2, 10),
            new IntegerParameter("bs", 16, 128, 16),
            new Categorical("act", List.of("relu", "tanh", "sigmoid")));

    static double mixedLoss(Map<String, Object> p) {
        double u = ((Number) p.get("u")).doubleValue();
        double lr = Math.log10(((Number) p.get("lr")).doubleValue());
        double n = ((Number) p.get("n")).doubleValue();
        double act = p.get("act").equals("tanh") ? 0 : 1;
        return (u - 1) * (u - 1) + (lr + 3) * (lr + 3) + 0.1 * (n - 6) * (n - 6) + act
                + ((Number) p.get("uq")).doubleValue() + ((Number) p.get("lq")).doubleValue();
    }

    @Test
    void proposalsAreValidNormalizedAndReproducible() {
        List<Proposal> a = BenchProblems.drive(new GpEngine(10), MIXED, GpEngineTest::mixedLoss, 7, 30, 5);
        List<Proposal> b = BenchProblems.drive(new GpEngine(10), MIXED, GpEngineTest::mixedLoss, 7, 30, 5);
        assertThat(a).hasSize(30);
        assertThat(a).isEqualTo(b);
        for (int i = 0; i < a.size(); i++) {
            Proposal p = a.get(i);
            // valid = already normalized (in bounds, on grid, a declared category, right Java type)
            assertThat(MIXED.normalize(p.point())).isEqualTo(p.point());
            assertThat(p.point().keySet()).containsExactly("u", "uq", "lr", "lq", "n", "bs", "act");
            assertThat(p.point().get("n")).isInstanceOf(Long.class);
            assertThat(p.point().get("u")).isInstanceOf(Double.class);
            assertThat(p.source()).isEqualTo(i < 10 ? Source.RANDOM : Source.MODEL);
        }
        List<Proposal> c = BenchProblems.drive(new GpEngine(10), MIXED, GpEngineTest::mixedLoss, 8, 30, 5);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void modelFindsTheGoodRegionOfAMixedSpace() {
        List<Proposal> ps = BenchProblems.drive(new GpEngine(10), MIXED, GpEngineTest::mixedLoss, 1, 40, 5);
        double bestRandom = ps.subList(0, 10).stream().mapToDouble(p -> mixedLoss(p.point())).min().orElseThrow();
        double bestModel = ps.subList(10, 40).stream().mapToDouble(p -> mixedLoss(p.point())).min().orElseThrow();
        assertThat(bestModel).isLessThan(bestRandom);
        assertThat(ps.subList(10, 40).stream().filter(p -> p.point().get("act").equals("tanh")).count())
                .isGreaterThan(10);
    }

    private static void beatsRandom(BenchProblems.Problem problem, double optimum) {
        int seeds = 10;
        double[] gp = BenchProblems.finals(new GpEngine(20), problem, seeds, 50, 5);
        double[] random = BenchProblems.finals(new GpEngine(Integer.MAX_VALUE), problem, seeds, 50, 5);
        double gpGap = BenchProblems.median(gp) - optimum;
        double randomGap = BenchProblems.median(random) - optimum;
        System.out.printf(Locale.ROOT, "%s P1 %d seeds: gp median %.5f, random median %.5f%n",
                problem.name(), seeds, BenchProblems.median(gp), BenchProblems.median(random));
        assertThat(gpGap).isLessThan(0.25 * randomGap);
        double randomMedian = BenchProblems.median(random);
        assertThat(java.util.Arrays.stream(gp).filter(v -> v < randomMedian).count()).isGreaterThanOrEqualTo(9);
    }

    @Test
    void beatsRandomClearlyOnBranin() {
        beatsRandom(BenchProblems.BRANIN, 0.397887357729738);
    }

    @Test
    void beatsRandomClearlyOnHartmann6() {
        beatsRandom(BenchProblems.HARTMANN6, -3.32236801141551);
    }

    private static List<Trial> randomTrials(BenchProblems.Problem problem, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trial> trials = new ArrayList<>();
        for (Proposal p : new GpEngine(Integer.MAX_VALUE).propose(new Study(problem.space(), List.of()), n, rng)) {
            trials.add(Trial.pending(trials.size() + 1, p.point()).complete(problem.loss().applyAsDouble(p.point())));
        }
        return trials;
    }

    private static double dist(SearchSpace space, Map<String, Object> a, Map<String, Object> b) {
        SpaceEncoding enc = new SpaceEncoding(space);
        double[] x = enc.encode(a);
        double[] y = enc.encode(b);
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return Math.sqrt(d);
    }

    @Test
    void krigingBelieverSpreadsABatchAndAvoidsPendingPoints() {
        BenchProblems.Problem branin = BenchProblems.BRANIN;
        List<Trial> trials = new ArrayList<>(randomTrials(branin, 20, 3));
        List<Proposal> batch = new GpEngine(20).propose(new Study(branin.space(), trials), 8, new SplittableRandom(4));
        assertThat(batch).hasSize(8).allMatch(p -> p.source() == Source.MODEL);
        for (int i = 0; i < batch.size(); i++) {
            for (int j = 0; j < i; j++) {
                assertThat(dist(branin.space(), batch.get(i).point(), batch.get(j).point()))
                        .as("points %d and %d", i, j).isGreaterThan(0.01);
            }
        }
        // the same batch issued as pending: the next proposals stay away from it
        for (Proposal p : batch) {
            trials.add(Trial.pending(trials.size() + 1, p.point()));
        }
        List<Proposal> next = new GpEngine(20).propose(new Study(branin.space(), trials), 3, new SplittableRandom(4));
        for (Proposal p : next) {
            for (Proposal q : batch) {
                assertThat(dist(branin.space(), p.point(), q.point())).isGreaterThan(0.01);
            }
        }
    }

    @Test
    void theAcquisitionIsIntegratedOverHyperparameterSamplesUpToItsLimit() {
        BenchProblems.Problem h = BenchProblems.HARTMANN6;
        SpaceEncoding enc = new SpaceEncoding(h.space());
        GpModel small = GpModel.fit(new Study(h.space(), randomTrials(h, 30, 7)), enc, OutputWarp.AUTO,
                new SplittableRandom(1));
        assertThat(small.members()).hasSize(GpModel.HYPER_SAMPLES);
        Set<Double> lengths = new HashSet<>();
        small.members().forEach(m -> lengths.add(m.gp().lengthScale(0)));
        assertThat(lengths).as("the samples differ").hasSizeGreaterThan(GpModel.HYPER_SAMPLES / 2);
        // the score is ln of the mean of the samples' EI: between the smallest and the largest of them
        List<double[]> points = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 50; i++) {
            double[] u = new double[6];
            for (int k = 0; k < 6; k++) {
                u[k] = r.nextDouble();
            }
            points.add(u);
        }
        double[] score = new LogEi(small, new TakenPoints(enc)).score(points);
        for (int i = 0; i < points.size(); i++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            List<Double> eis = new ArrayList<>();
            for (GpModel.Member m : small.members()) {
                double[] mu = new double[1];
                double[] var = new double[1];
                m.gp().predict(new double[][] {enc.features(points.get(i))}, mu, var);
                double ei = LogEi.logEi(mu[0], var[0], m.incumbent());
                lo = Math.min(lo, ei);
                hi = Math.max(hi, ei);
                eis.add(ei);
            }
            double top = hi;
            double mean = top + Math.log(eis.stream().mapToDouble(e -> Math.exp(e - top)).sum() / eis.size());
            assertThat(score[i]).isBetween(lo, hi).isCloseTo(mean, org.assertj.core.api.Assertions.within(1e-9));
        }
        // above the limit the MAP alone scores
        GpModel large = GpModel.fit(new Study(h.space(), randomTrials(h, GpModel.MAX_SAMPLED_RESULTS + 1, 7)), enc,
                OutputWarp.AUTO, new SplittableRandom(1));
        assertThat(large.members()).isEmpty();
    }

    @Test
    void failedTrialsAreLeftOutOfTheModel() {
        BenchProblems.Problem h = BenchProblems.HARTMANN6;
        List<Trial> ok = randomTrials(h, 25, 11);
        List<Trial> withFailed = new ArrayList<>(ok);
        SplittableRandom r = new SplittableRandom(99);
        for (Proposal p : new GpEngine(Integer.MAX_VALUE).propose(new Study(h.space(), List.of()), 6, r)) {
            withFailed.add(Trial.pending(withFailed.size() + 1, p.point()).failed());
        }
        List<Proposal> a = new GpEngine(0).propose(new Study(h.space(), ok), 3, new SplittableRandom(5));
        List<Proposal> b = new GpEngine(0).propose(new Study(h.space(), withFailed), 3, new SplittableRandom(5));
        // failed trials carry no value: the continuous-space proposals are exactly those without them
        assertThat(b).isEqualTo(a);
        assertThat(b).allMatch(p -> p.source() == Source.MODEL);
    }

    @Test
    void finiteSpaceIsExhaustedWithoutDuplicatesThenEmpty() {
        SearchSpace small = SearchSpace.of(new IntegerParameter("a", 0, 2), new Categorical("b", List.of("x", "y")),
                new Uniform("c", 0, 1, 0.5));   // 3 * 2 * 3 = 18 points
        ToDoubleFunction<Map<String, Object>> loss = p -> ((Number) p.get("a")).doubleValue()
                + ((Number) p.get("c")).doubleValue() + (p.get("b").equals("x") ? 0 : 0.5);
        SplittableRandom rng = new SplittableRandom(2);
        List<Trial> trials = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        GpEngine engine = new GpEngine(4);
        int rounds = 0;
        while (true) {
            List<Proposal> ps = engine.propose(new Study(small, trials), 4, rng);
            rounds++;
            if (ps.isEmpty()) {
                break;
            }
            for (Proposal p : ps) {
                assertThat(seen.add(p.point())).as("duplicate %s", p.point()).isTrue();
                Trial t = Trial.pending(trials.size() + 1, p.point());
                // every third trial fails, one stays pending: neither may be proposed again
                trials.add(trials.size() % 3 == 2 ? t.failed() : trials.size() == 5 ? t : t.complete(loss.applyAsDouble(p.point())));
            }
            assertThat(rounds).isLessThan(10);
        }
        assertThat(seen).hasSize(18);
        // with 18 issued of 18, the last full round returned fewer than asked (18 = 4*4 + 2)
        assertThat(trials).hasSize(18);
    }

    @Test
    void timingSmokeAt300Observations() {
        BenchProblems.Problem h = BenchProblems.HARTMANN6;
        List<Trial> trials = randomTrials(h, 300, 21);
        GpEngine engine = new GpEngine(20);
        engine.propose(new Study(h.space(), trials), 1, new SplittableRandom(1));   // warm-up (JIT)
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        List<Proposal> ps = engine.propose(new Study(h.space(), trials), 5, new SplittableRandom(2));
        double ms = (System.nanoTime() - t0) / 1e6;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        System.out.printf(Locale.ROOT, "GP timing: n=300, 6-D, batch of 5: wall %.0f ms (%.0f ms per proposal), "
                + "thread CPU %.0f ms (%.0f ms per proposal)%n", ms, ms / ps.size(), cpu, cpu / ps.size());
        assertThat(ps).hasSize(5);
    }

    @Test
    void noiseModelChoice() {
        // continuous space: interpolating GP unless the noisy one ranks held-out points clearly better
        assertThat(GpModel.preferPinned(true, 0.6, 0.7)).isTrue();
        assertThat(GpModel.preferPinned(true, 0.3, 0.7)).isFalse();
        // grid/categorical parameters: the better LOO quality wins, ties to the fitted noise
        assertThat(GpModel.preferPinned(false, 0.6, 0.7)).isFalse();
        assertThat(GpModel.preferPinned(false, 0.7, 0.7)).isFalse();
        assertThat(GpModel.preferPinned(false, 0.8, 0.7)).isTrue();
        assertThat(GpModel.preferPinned(true, Double.NaN, 0.7)).isFalse();
    }

    @Test
    void encodingRoundTripsEveryParameterKind() {
        SpaceEncoding enc = new SpaceEncoding(MIXED);
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 200; k++) {
            double[] u = enc.random(rng);
            Map<String, Object> p = enc.decode(u);
            assertThat(MIXED.normalize(p)).isEqualTo(p);
            assertThat(enc.decode(enc.encode(p))).isEqualTo(p);
        }
        for (Parameter par : MIXED.parameters()) {
            assertThat(par.name()).isNotBlank();
        }
    }
}
