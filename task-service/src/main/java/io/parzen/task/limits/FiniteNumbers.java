package io.parzen.task.limits;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TaskSpec;
import io.parzen.task.validation.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds every number of a task specification that is not a finite double: NaN, ±Infinity, and
 * numbers that overflow a double (JSON {@code 1e400} and YAML {@code 1e400} are read as Infinity,
 * a 400-digit integer as a BigInteger whose double value is infinite). Each one is reported with
 * its field path, e.g. {@code parameters[0].max} or {@code parameterSets[2].lr}.
 */
public final class FiniteNumbers {

    static final String MESSAGE = "must be a finite number: NaN, Infinity and numbers beyond ±"
            + Double.MAX_VALUE + " (such as 1e400) are not allowed";

    private FiniteNumbers() {
    }

    /** Every non-finite number of {@code spec}; empty when there is none. */
    public static List<FieldError> check(TaskSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.parameters() != null) {
            for (int i = 0; i < spec.parameters().size(); i++) {
                ParameterSpec p = spec.parameters().get(i);
                if (p == null) {
                    continue;
                }
                String at = "parameters[" + i + "]";
                number(at + ".min", p.min(), errors);
                number(at + ".max", p.max(), errors);
                number(at + ".qStep", p.qStep(), errors);
                walk(at + ".values", p.values(), errors);
                walk(at + ".rules", p.rules(), errors);
            }
        }
        if (spec.parameterSets() != null) {
            walk("parameterSets", spec.parameterSets(), errors);
        }
        if (spec.target() != null) {
            number("target.value", spec.target().value(), errors);
        }
        return errors;
    }

    /** Whether {@code n} is a number a double holds exactly or approximately (not NaN, not infinite). */
    public static boolean isFinite(Number n) {
        return Double.isFinite(n.doubleValue());
    }

    private static void number(String field, Number n, List<FieldError> errors) {
        if (n != null && !isFinite(n)) {
            errors.add(new FieldError(field, describe(n), MESSAGE));
        }
    }

    /** A non-finite value as the answer shows it: "NaN", "Infinity", "-Infinity" or the digits (shortened). */
    static String describe(Number n) {
        if (n instanceof Double || n instanceof Float) {
            return String.valueOf(n.doubleValue());
        }
        return Shorten.text(n.toString());
    }

    private static void walk(String field, Object value, List<FieldError> errors) {
        if (value instanceof Number n) {
            number(field, n, errors);
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(field + "." + k, v, errors));
        } else if (value instanceof Collection<?> c) {
            int j = 0;
            for (Object v : c) {
                walk(field + "[" + j++ + "]", v, errors);
            }
        }
    }
}
