package io.parzen.optimizer.engine.gp;

import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Java ports of the shared benchmark problems ({@code ../shared/bench}; loss to MINIMIZE) and the batch protocol. */
public final class BenchProblems {

    public record Problem(String name, SearchSpace space, ToDoubleFunction<Map<String, Object>> loss) {
    }

    private BenchProblems() {
    }

    static double d(Map<String, Object> p, String k) {
        return ((Number) p.get(k)).doubleValue();
    }

    public static final Problem BRANIN = new Problem("branin",
            SearchSpace.of(new Uniform("x1", -5, 10, null), new Uniform("x2", 0, 15, null)), p -> {
                double x1 = d(p, "x1");
                double x2 = d(p, "x2");
                double pi = Math.PI;
                double b = 5.1 / (4.0 * pi * pi);
                double c = 5.0 / pi;
                double t = 1.0 / (8.0 * pi);
                double y = x2 - b * x1 * x1 + c * x1 - 6.0;
                return y * y + 10.0 * (1.0 - t) * Math.cos(x1) + 10.0;
            });

    static final double[] H_ALPHA = {1.0, 1.2, 3.0, 3.2};
    static final double[][] H_A = {
        {10.0, 3.0, 17.0, 3.5, 1.7, 8.0},
        {0.05, 10.0, 17.0, 0.1, 8.0, 14.0},
        {3.0, 3.5, 1.7, 10.0, 17.0, 8.0},
        {17.0, 8.0, 0.05, 10.0, 0.1, 14.0}};
    static final double[][] H_P = {
        {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
        {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
        {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
        {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

    private static Parameter[] box(int d, double lo, double hi) {
        Parameter[] ps = new Parameter[d];
        for (int i = 0; i < d; i++) {
            ps[i] = new Uniform("x" + (i + 1), lo, hi, null);
        }
        return ps;
    }

    private static double[] xs(Map<String, Object> p, int d) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = d(p, "x" + (i + 1));
        }
        return x;
    }

    public static final Problem HARTMANN6 = new Problem("hartmann6", SearchSpace.of(box(6, 0, 1)), p -> {
        double[] x = xs(p, 6);
        double outer = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                double e = x[j] - H_P[i][j];
                inner += H_A[i][j] * e * e;
            }
            outer += H_ALPHA[i] * Math.exp(-inner);
        }
        return -outer;
    });

    public static final Problem ACKLEY5 = new Problem("ackley5", SearchSpace.of(box(5, -32.768, 32.768)), p -> {
        double[] x = xs(p, 5);
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            s1 += v * v;
            s2 += Math.cos(2.0 * Math.PI * v);
        }
        return -20.0 * Math.exp(-0.2 * Math.sqrt(s1 / 5.0)) - Math.exp(s2 / 5.0) + 20.0 + Math.E;
    });

    public static final Problem ROSENBROCK4 = new Problem("rosenbrock4", SearchSpace.of(box(4, -5, 10)), p -> {
        double[] x = xs(p, 4);
        double s = 0;
        for (int i = 0; i < 3; i++) {
            double t1 = x[i + 1] - x[i] * x[i];
            double t2 = x[i] - 1.0;
            s += 100.0 * t1 * t1 + t2 * t2;
        }
        return s;
    });

    /** mlp_surrogate, maximize val_accuracy: loss = -accuracy. */
    public static final Problem MLP = new Problem("mlp_surrogate", SearchSpace.of(
            new LogUniform("learning_rate", -5, -1, null),
            new IntegerParameter("batch_size", 16, 128, 16),
            new IntegerParameter("num_layers", 2, 10, 1),
            new Categorical("activation", List.of("relu", "tanh", "sigmoid")),
            new Uniform("dropout", 0, 0.5, 0.05)), p -> {
                double lr = d(p, "learning_rate");
                double bs = d(p, "batch_size");
                double nl = d(p, "num_layers");
                double dr = d(p, "dropout");
                double shift;
                double pen;
                double dpen;
                switch ((String) p.get("activation")) {
                    case "relu" -> { shift = 0; pen = 0; dpen = 0; }
                    case "tanh" -> { shift = -0.25; pen = 0.02; dpen = 0.004; }
                    default -> { shift = 0.35; pen = 0.07; dpen = 0.012; }
                }
                double u = Math.log(lr) / Math.log(10.0);
                double b = Math.log(bs / 16.0) / Math.log(2.0);
                double l = nl - 2.0;
                double u1 = -3.6 + 0.32 * b - 0.09 * l + shift;
                double w = 0.45 - 0.02 * l;
                double z1 = (u - u1) / w;
                double g1 = Math.exp(-0.5 * z1 * z1);
                double z2 = (u - u1 - 1.5) / (0.5 * w);
                double g2 = Math.exp(-0.5 * z2 * z2);
                double q = 1.0 - (1.0 - g1) * (1.0 - 0.8 * g2);
                double e1 = dr - (0.05 + 0.035 * l);
                double e2 = l - 4.0 - 4.0 * dr;
                double e3 = b - 1.0;
                double en = 3.0 * e1 * e1 + 0.006 * e2 * e2 + 0.01 * e3 * e3 + dpen * l + pen;
                return -(0.1 + 0.85 * q * Math.exp(-en));
            });

    public static final List<Problem> ALL = List.of(BRANIN, HARTMANN6, ACKLEY5, ROSENBROCK4, MLP);

    /** Runs the protocol; returns best-so-far after every execution. */
    public static double[] run(Engine engine, Problem problem, long seed, int budget, int batch) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trial> trials = new ArrayList<>();
        double[] best = new double[budget];
        double b = Double.POSITIVE_INFINITY;
        while (trials.size() < budget) {
            int n = Math.min(batch, budget - trials.size());
            List<Proposal> props = engine.propose(new Study(problem.space(), trials), n, rng);
            if (props.isEmpty()) {
                throw new IllegalStateException("no proposal");
            }
            for (Proposal pr : props) {
                Map<String, Object> point = problem.space().normalize(pr.point());
                double v = problem.loss().applyAsDouble(point);
                trials.add(Trial.pending(trials.size() + 1, point).complete(v));
                b = Math.min(b, v);
                best[trials.size() - 1] = b;
            }
        }
        return best;
    }

    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    public static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /** Final bests of seeds 0..seeds-1. */
    public static double[] finals(Engine engine, Problem problem, int seeds, int budget, int batch) {
        double[] out = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            double[] c = run(engine, problem, s, budget, batch);
            out[s] = c[budget - 1];
        }
        return out;
    }

    /** Runs batches of an engine on a loss (one random stream for the run) and returns every proposal in order. */
    public static List<Proposal> drive(Engine engine, SearchSpace space, ToDoubleFunction<Map<String, Object>> loss,
            long seed, int total, int batch) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trial> trials = new ArrayList<>();
        List<Proposal> all = new ArrayList<>();
        while (trials.size() < total) {
            List<Proposal> ps = engine.propose(new Study(space, trials), Math.min(batch, total - trials.size()), rng);
            if (ps.isEmpty()) {
                break;
            }
            for (Proposal p : ps) {
                all.add(p);
                trials.add(Trial.pending(trials.size() + 1, p.point()).complete(loss.applyAsDouble(p.point())));
            }
        }
        return all;
    }
}
