package io.parzen.task.analysis;

import io.parzen.events.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One parameter of a task's search space as the analyses see it: numeric (a range, maybe on a log
 * scale, maybe integer) or categorical (its choices). Built from the task's parameter spec; a grid
 * or manual parameter (no distribution) is numeric when every value seen is a number, else
 * categorical over the values seen.
 *
 * @param log numeric on a log scale: {@code low}/{@code high} and {@link #scaled(Object)} are base-10 logarithms
 * @param step the integer step of an integer parameter, else null
 */
public record Dimension(String name, boolean numeric, boolean log, double low, double high, Integer step,
        List<Object> choices) {

    /** The number of grid cells PED-ANOVA puts on a numeric range (Optuna's {@code _n_steps}). */
    static final int GRID_STEPS = 50;

    public static Dimension of(ParameterSpec spec, List<Map<String, Object>> seen) {
        String distribution = spec.distribution() == null ? "" : spec.distribution();
        switch (distribution) {
            case "uniform":
                return new Dimension(spec.name(), true, false, value(spec.min()), value(spec.max()), null, List.of());
            case "loguniform":
                return new Dimension(spec.name(), true, true, value(spec.min()), value(spec.max()), null, List.of());
            case "integer": {
                int step = spec.qStep() == null || spec.qStep() < 1 ? 1 : (int) Math.round(spec.qStep());
                return new Dimension(spec.name(), true, false, value(spec.min()), value(spec.max()), step, List.of());
            }
            case "categorical":
                return new Dimension(spec.name(), false, false, 0, 0, null,
                        spec.values() == null ? List.of() : List.copyOf(spec.values()));
            default:
                return fromValues(spec.name(), "logspace".equals(spec.style()), seen);
        }
    }

    private static Dimension fromValues(String name, boolean log, List<Map<String, Object>> seen) {
        List<Object> distinct = new ArrayList<>();
        boolean allNumbers = true;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Map<String, Object> parameters : seen) {
            Object v = parameters.get(name);
            if (v == null) {
                continue;
            }
            if (distinct.stream().noneMatch(d -> same(d, v))) {
                distinct.add(v);
            }
            if (v instanceof Number n && Double.isFinite(n.doubleValue()) && (!log || n.doubleValue() > 0)) {
                double x = log ? Math.log10(n.doubleValue()) : n.doubleValue();
                low = Math.min(low, x);
                high = Math.max(high, x);
            } else {
                allNumbers = false;
            }
        }
        if (allNumbers && !distinct.isEmpty()) {
            return new Dimension(name, true, log, low, high, null, List.of());
        }
        return new Dimension(name, false, false, 0, 0, null, distinct);
    }

    private static double value(Double d) {
        return d == null ? 0 : d;
    }

    /** A dimension with one possible value: PED-ANOVA gives it importance 0. */
    boolean single() {
        return numeric ? !(high > low) : choices.size() <= 1;
    }

    /** The value on the analysis' scale (log10 for a log parameter), or null when it is not a usable number. */
    Double scaled(Object value) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            if (value instanceof String s) {
                try {
                    return scaled(Double.parseDouble(s.trim()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
        double x = n.doubleValue();
        if (log) {
            return x > 0 ? Math.log10(x) : null;
        }
        return x;
    }

    /** The index of {@code value} among the choices, or -1. */
    int choiceIndex(Object value) {
        for (int i = 0; i < choices.size(); i++) {
            if (same(choices.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    /** The grid PED-ANOVA counts a numeric parameter on, on the analysis' scale. */
    double[] grid() {
        if (step != null && !log) {
            long cells = (long) Math.floor((high - low) / step) + 1;
            if (cells >= 2 && cells <= GRID_STEPS) {
                double[] g = new double[(int) cells];
                for (int i = 0; i < g.length; i++) {
                    g[i] = low + (double) i * step;
                }
                return g;
            }
        }
        double[] g = new double[GRID_STEPS];
        for (int i = 0; i < GRID_STEPS; i++) {
            g[i] = low + (high - low) * i / (GRID_STEPS - 1);
        }
        return g;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return a == null ? b == null : b != null && a.toString().equals(b.toString());
    }
}
