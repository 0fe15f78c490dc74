package io.parzen.optimizer.bench;

import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Java ports of the shared benchmark problems (/work/shared/bench/problems.json); loss = value to minimise. */
public final class BenchProblems {

    public record Problem(String name, SearchSpace space, ToDoubleFunction<Map<String, Object>> value, boolean maximize) {
        public double loss(Map<String, Object> p) {
            double v = value.applyAsDouble(p);
            return maximize ? -v : v;
        }
    }

    private BenchProblems() {
    }

    static double d(Map<String, Object> p, String k) {
        return ((Number) p.get(k)).doubleValue();
    }

    static SearchSpace box(String prefix, int n, double lo, double hi) {
        List<Parameter> ps = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ps.add(new Uniform(prefix + i, lo, hi, null));
        }
        return new SearchSpace(ps);
    }

    public static final double PI = 3.141592653589793;
    public static final double E = 2.718281828459045;
    public static final double LN2 = 0.6931471805599453;
    public static final double LN10 = 2.302585092994046;

    public static double branin(double x1, double x2) {
        double b = 5.1 / (4.0 * PI * PI);
        double c = 5.0 / PI;
        double t = 1.0 / (8.0 * PI);
        double y = x2 - b * x1 * x1 + c * x1 - 6.0;
        return y * y + 10.0 * (1.0 - t) * Math.cos(x1) + 10.0;
    }

    static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    static final double[][] A = {{10.0, 3.0, 17.0, 3.5, 1.7, 8.0}, {0.05, 10.0, 17.0, 0.1, 8.0, 14.0},
            {3.0, 3.5, 1.7, 10.0, 17.0, 8.0}, {17.0, 8.0, 0.05, 10.0, 0.1, 14.0}};
    static final double[][] P = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
            {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991}, {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.665},
            {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

    public static double hartmann6(double[] x) {
        double outer = 0.0;
        for (int i = 0; i < 4; i++) {
            double inner = 0.0;
            for (int j = 0; j < 6; j++) {
                double dd = x[j] - P[i][j];
                inner = inner + A[i][j] * dd * dd;
            }
            outer = outer + ALPHA[i] * Math.exp(-inner);
        }
        return -outer;
    }

    public static double ackley(double[] x) {
        double s1 = 0.0, s2 = 0.0;
        for (double v : x) {
            s1 = s1 + v * v;
            s2 = s2 + Math.cos(2.0 * PI * v);
        }
        return -20.0 * Math.exp(-0.2 * Math.sqrt(s1 / x.length)) - Math.exp(s2 / x.length) + 20.0 + E;
    }

    public static double rosenbrock(double[] x) {
        double s = 0.0;
        for (int i = 0; i < x.length - 1; i++) {
            double t1 = x[i + 1] - x[i] * x[i];
            double t2 = x[i] - 1.0;
            s = s + 100.0 * t1 * t1 + t2 * t2;
        }
        return s;
    }

    public static double mlp(double lr, double bs, double nl, String act, double dr) {
        double shift, pen, dpen;
        switch (act) {
            case "relu" -> { shift = 0.0; pen = 0.0; dpen = 0.0; }
            case "tanh" -> { shift = -0.25; pen = 0.02; dpen = 0.004; }
            default -> { shift = 0.35; pen = 0.07; dpen = 0.012; }
        }
        double u = Math.log(lr) / LN10;
        double b = Math.log(bs / 16.0) / LN2;
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
        return 0.1 + 0.85 * q * Math.exp(-en);
    }

    static double[] vec(Map<String, Object> p, String prefix, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = d(p, prefix + (i + 1));
        }
        return x;
    }

    public static List<Problem> all() {
        return List.of(
                new Problem("branin", SearchSpace.of(new Uniform("x1", -5, 10, null), new Uniform("x2", 0, 15, null)),
                        p -> branin(d(p, "x1"), d(p, "x2")), false),
                new Problem("hartmann6", box("x", 6, 0, 1), p -> hartmann6(vec(p, "x", 6)), false),
                new Problem("ackley5", box("x", 5, -32.768, 32.768), p -> ackley(vec(p, "x", 5)), false),
                new Problem("rosenbrock4", box("x", 4, -5, 10), p -> rosenbrock(vec(p, "x", 4)), false),
                new Problem("mlp_surrogate", mlpSpace(),
                        p -> mlp(d(p, "learning_rate"), d(p, "batch_size"), d(p, "num_layers"), (String) p.get("activation"), d(p, "dropout")), true));
    }

    public static SearchSpace mlpSpace() {
        return SearchSpace.of(new LogUniform("learning_rate", -5, -1, null), new IntegerParameter("batch_size", 16, 128, 16),
                new IntegerParameter("num_layers", 2, 10, 1), new Categorical("activation", List.of("relu", "tanh", "sigmoid")),
                new Uniform("dropout", 0, 0.5, 0.05));
    }
}
