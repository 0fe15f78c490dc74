package io.parzen.bench.problem;

import java.util.Map;

/**
 * Java ports of the shared benchmark's objective functions, written operation by operation as the
 * {@code description} fields of {@code problems.json} state them (checked against
 * {@code test_vectors.json} by {@code FunctionsTest}).
 */
public final class Functions {

    private static final double PI = 3.141592653589793;
    private static final double E = 2.718281828459045;
    private static final double LN2 = 0.6931471805599453;
    private static final double LN10 = 2.302585092994046;

    private Functions() {
    }

    /** True when a Java port of the named problem exists. */
    public static boolean has(String problem) {
        return switch (problem) {
            case "branin", "hartmann6", "ackley5", "rosenbrock4", "mlp_surrogate" -> true;
            default -> DevFunctions.has(problem);
        };
    }

    /** The objective value of a point (user values by parameter name). */
    public static double evaluate(String problem, Map<String, Object> p) {
        return switch (problem) {
            case "branin" -> branin(d(p, "x1"), d(p, "x2"));
            case "hartmann6" -> hartmann6(new double[] {d(p, "x1"), d(p, "x2"), d(p, "x3"), d(p, "x4"), d(p, "x5"),
                d(p, "x6")});
            case "ackley5" -> ackley(new double[] {d(p, "x1"), d(p, "x2"), d(p, "x3"), d(p, "x4"), d(p, "x5")});
            case "rosenbrock4" -> rosenbrock(new double[] {d(p, "x1"), d(p, "x2"), d(p, "x3"), d(p, "x4")});
            case "mlp_surrogate" -> mlpSurrogate(d(p, "learning_rate"), d(p, "batch_size"), d(p, "num_layers"),
                    String.valueOf(p.get("activation")), d(p, "dropout"));
            default -> {
                if (!DevFunctions.has(problem)) {
                    throw new IllegalArgumentException("no Java port of problem '" + problem
                            + "'; use --objective-command to evaluate it with an external program");
                }
                yield DevFunctions.evaluate(problem, p);
            }
        };
    }

    private static double d(Map<String, Object> p, String name) {
        Object v = p.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("parameter " + name + " must be a number, was " + v);
        }
        return n.doubleValue();
    }

    public static double branin(double x1, double x2) {
        double b = 5.1 / (4.0 * PI * PI);
        double c = 5.0 / PI;
        double t = 1.0 / (8.0 * PI);
        double y = x2 - b * x1 * x1 + c * x1 - 6.0;
        return y * y + 10.0 * (1.0 - t) * Math.cos(x1) + 10.0;
    }

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
        {10.0, 3.0, 17.0, 3.5, 1.7, 8.0},
        {0.05, 10.0, 17.0, 0.1, 8.0, 14.0},
        {3.0, 3.5, 1.7, 10.0, 17.0, 8.0},
        {17.0, 8.0, 0.05, 10.0, 0.1, 14.0}};
    private static final double[][] P = {
        {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
        {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
        {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.665},
        {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

    public static double hartmann6(double[] x) {
        double outer = 0.0;
        for (int i = 0; i < 4; i++) {
            double inner = 0.0;
            for (int j = 0; j < 6; j++) {
                double d = x[j] - P[i][j];
                inner = inner + A[i][j] * d * d;
            }
            outer = outer + ALPHA[i] * Math.exp(-inner);
        }
        return -outer;
    }

    public static double ackley(double[] x) {
        double s1 = 0.0;
        double s2 = 0.0;
        for (double v : x) {
            s1 = s1 + v * v;
            s2 = s2 + Math.cos(2.0 * PI * v);
        }
        return -20.0 * Math.exp(-0.2 * Math.sqrt(s1 / 5.0)) - Math.exp(s2 / 5.0) + 20.0 + E;
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

    public static double mlpSurrogate(double lr, double bs, double nl, String activation, double d) {
        double shift;
        double pen;
        double dpen;
        switch (activation) {
            case "relu" -> { shift = 0.0; pen = 0.0; dpen = 0.0; }
            case "tanh" -> { shift = -0.25; pen = 0.02; dpen = 0.004; }
            case "sigmoid" -> { shift = 0.35; pen = 0.07; dpen = 0.012; }
            default -> throw new IllegalArgumentException("activation must be relu, tanh or sigmoid, was " + activation);
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
        double e1 = d - (0.05 + 0.035 * l);
        double e2 = l - 4.0 - 4.0 * d;
        double e3 = b - 1.0;
        double en = 3.0 * e1 * e1 + 0.006 * e2 * e2 + 0.01 * e3 * e3 + dpen * l + pen;
        return 0.1 + 0.85 * q * Math.exp(-en);
    }
}
