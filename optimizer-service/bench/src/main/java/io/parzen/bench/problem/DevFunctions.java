package io.parzen.bench.problem;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Development problems that are not in the shared suite: classic test functions in any dimension, named
 * {@code <function><dimension>} (e.g. {@code levy6}), parameters {@code x1..xd}. They exist to judge an
 * engine change on problems it was not tuned on; {@code docs/benchmarks/dev-problems.json} lists the ones
 * used in {@code docs/benchmarks/gp-design.md}. Definitions: Surjanovic &amp; Bingham, Virtual Library of
 * Simulation Experiments (sfu.ca/~ssurjano).
 */
public final class DevFunctions {

    private static final Pattern NAME = Pattern.compile("dev_(ackley|levy|styblinski|griewank|schwefel|rastrigin)(\\d+)");

    private DevFunctions() {
    }

    /** True when the name is a development problem of this class. */
    public static boolean has(String problem) {
        return NAME.matcher(problem).matches();
    }

    /** The value at a point given as x1..xd. */
    public static double evaluate(String problem, Map<String, Object> p) {
        Matcher m = NAME.matcher(problem);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a development problem: " + problem);
        }
        int d = Integer.parseInt(m.group(2));
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            Object v = p.get("x" + (i + 1));
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException("parameter x" + (i + 1) + " must be a number, was " + v);
            }
            x[i] = n.doubleValue();
        }
        return switch (m.group(1)) {
            case "ackley" -> ackley(x);
            case "levy" -> levy(x);
            case "styblinski" -> styblinskiTang(x);
            case "griewank" -> griewank(x);
            case "schwefel" -> schwefel(x);
            case "rastrigin" -> rastrigin(x);
            default -> throw new IllegalStateException(m.group(1));
        };
    }

    /** Ackley (a = 20, b = 0.2, c = 2π) in d dimensions; minimum 0 at the origin. */
    static double ackley(double[] x) {
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            s1 += v * v;
            s2 += Math.cos(2 * Math.PI * v);
        }
        int d = x.length;
        return -20 * Math.exp(-0.2 * Math.sqrt(s1 / d)) - Math.exp(s2 / d) + 20 + Math.E;
    }

    /** Levy; minimum 0 at (1, ..., 1). */
    static double levy(double[] x) {
        int d = x.length;
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = 1 + (x[i] - 1) / 4;
        }
        double s = Math.pow(Math.sin(Math.PI * w[0]), 2);
        for (int i = 0; i < d - 1; i++) {
            s += (w[i] - 1) * (w[i] - 1) * (1 + 10 * Math.pow(Math.sin(Math.PI * w[i] + 1), 2));
        }
        s += (w[d - 1] - 1) * (w[d - 1] - 1) * (1 + Math.pow(Math.sin(2 * Math.PI * w[d - 1]), 2));
        return s;
    }

    /** Styblinski-Tang, divided by d; minimum −39.16617 at (−2.903534, ...). */
    static double styblinskiTang(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v * v * v - 16 * v * v + 5 * v;
        }
        return s / 2 / x.length;
    }

    /** Griewank; minimum 0 at the origin. */
    static double griewank(double[] x) {
        double s = 0;
        double prod = 1;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i] / 4000;
            prod *= Math.cos(x[i] / Math.sqrt(i + 1));
        }
        return s - prod + 1;
    }

    /** Schwefel; minimum 0 at (420.9687, ...), far from the centre of the box. */
    static double schwefel(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * Math.sin(Math.sqrt(Math.abs(v)));
        }
        return 418.9829 * x.length - s;
    }

    /** Rastrigin; minimum 0 at the origin. */
    static double rastrigin(double[] x) {
        double s = 10.0 * x.length;
        for (double v : x) {
            s += v * v - 10 * Math.cos(2 * Math.PI * v);
        }
        return s;
    }
}
