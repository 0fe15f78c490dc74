package io.parzen.task.blueprint;

import java.util.List;
import java.util.Map;

/**
 * Valohai's rules for a value of a step parameter (a default, a parameter-set value, a variant's value
 * or item): its type, min, max, choices and whether it may be a list.
 */
final class StepValues {

    private StepValues() {
    }

    /**
     * Why a value (a default, a parameter-set value, a variant value or item) is not valid for the parameter,
     * or null: a list only for a parameter with {@code multiple}, each item as {@link #checkValue}.
     */
    static String checkDefault(StepParameter sp, Object value) {
        if (value instanceof List<?> list) {
            if ("none".equals(sp.multiple())) {
                return "is a list, but parameter \"" + sp.name() + "\" does not set 'multiple' (repeat or separate)";
            }
            for (Object v : list) {
                String p = checkValue(sp, v);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        return checkValue(sp, value);
    }

    /**
     * Why a single value is not valid for a step parameter, as Valohai validates it
     * ({@code int(str(v), 10)}, {@code float(str(v))}, min, max, choices), or null.
     */
    static String checkValue(StepParameter sp, Object v) {
        if (v == null) {
            return "is empty";
        }
        if (v instanceof Map || v instanceof List) {
            return "must be a number, a string or a boolean";
        }
        Double numeric = null;
        switch (sp.type()) {
            case "integer" -> {
                if (v instanceof Long l) {
                    numeric = l.doubleValue();
                } else if (v instanceof String s && s.trim().matches("[+-]?\\d+")) {
                    numeric = Double.parseDouble(s.trim());
                } else {
                    return "'" + v + "' is not a valid integer for parameter \"" + sp.name() + "\"";
                }
            }
            case "float" -> {
                if (v instanceof Number n) {
                    numeric = n.doubleValue();
                } else {
                    try {
                        numeric = v instanceof String s ? Double.parseDouble(s.trim()) : null;
                    } catch (NumberFormatException e) {
                        numeric = null;
                    }
                    if (numeric == null) {
                        return "'" + v + "' is not a valid float for parameter \"" + sp.name() + "\"";
                    }
                }
            }
            case "flag" -> {
                if (!(v instanceof Boolean)) {
                    return "'" + v + "' is not true or false, as flag parameter \"" + sp.name() + "\" needs";
                }
            }
            default -> {
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    return "must be a string";
                }
            }
        }
        if (numeric != null) {
            if (sp.min() != null && numeric < sp.min()) {
                return fmt(numeric) + " is less than the minimum " + fmt(sp.min()) + " of parameter \"" + sp.name()
                        + "\"";
            }
            if (sp.max() != null && numeric > sp.max()) {
                return fmt(numeric) + " is greater than the maximum " + fmt(sp.max()) + " of parameter \""
                        + sp.name() + "\"";
            }
        }
        if (sp.choices() != null && !sp.choices().isEmpty() && !"flag".equals(sp.type())) {
            boolean found = sp.choices().stream().anyMatch(c -> sameValue(c, v));
            if (!found) {
                return "'" + v + "' is not one of the choices " + sp.choices() + " of parameter \"" + sp.name() + "\"";
            }
        }
        return null;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return String.valueOf(a).equals(String.valueOf(b));
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    static Double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }
}
