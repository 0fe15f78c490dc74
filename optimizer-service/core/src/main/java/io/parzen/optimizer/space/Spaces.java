package io.parzen.optimizer.space;

import java.util.ArrayList;
import java.util.List;

/** Validation and quantization rules shared by the parameter types. */
final class Spaces {

    private Spaces() {
    }

    static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new SpaceException("name", name, "a parameter needs a non-empty name");
        }
    }

    static void requireRange(String name, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new SpaceException(name + ".min/max", min + ".." + max, "bounds must be finite numbers");
        }
        if (min >= max) {
            throw new SpaceException(name + ".min", min, "min must be less than max (" + max + ")");
        }
    }

    static void requireStep(String name, double min, double max, Double step) {
        if (step == null) {
            return;
        }
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new SpaceException(name + ".qStep", step, "the step must be a positive number");
        }
        if (step > max - min) {
            throw new SpaceException(name + ".qStep", step,
                    "the step must not be wider than the range max - min = " + (max - min));
        }
    }

    static List<Object> requireChoices(String name, List<Object> values) {
        if (values == null || values.isEmpty()) {
            throw new SpaceException(name + ".values", values, "a categorical parameter needs at least one value");
        }
        List<Object> copy = new ArrayList<>(values.size());
        for (Object v : values) {
            if (!Values.isValue(v)) {
                throw new SpaceException(name + ".values", v,
                        "values must be strings, numbers or booleans, or lists of them");
            }
            for (Object seen : copy) {
                if (sameValue(seen, v)) {
                    throw new SpaceException(name + ".values", v, "values must be distinct");
                }
            }
            copy.add(v instanceof List<?> list ? List.copyOf(list) : v);
        }
        return List.copyOf(copy);
    }

    static double requireNumber(String name, Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new SpaceException(name, value, "a finite number is required");
    }

    static void requireInside(String name, double v, double min, double max) {
        double slack = 1e-9 * (max - min);
        if (v < min - slack || v > max + slack) {
            throw new SpaceException(name, v, "the value must lie in [" + min + ", " + max + "]");
        }
    }

    /** Number of grid points {@code min + k*step} inside [min, max]. */
    static long gridCount(double min, double max, double step) {
        return (long) Math.floor((max - min) / step + 1e-9) + 1;
    }

    /** Rounds to the nearest {@code min + k*step} inside [min, max]. */
    static double quantize(double v, double min, double max, double step) {
        long last = gridCount(min, max, step) - 1;
        long k = Math.max(0, Math.min(last, Math.round((v - min) / step)));
        return Math.min(max, min + k * step);
    }

    static boolean sameValue(Object a, Object b) {
        return Values.same(a, b);
    }
}
