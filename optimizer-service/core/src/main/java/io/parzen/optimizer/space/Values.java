package io.parzen.optimizer.space;

import java.util.ArrayList;
import java.util.List;

/**
 * What a parameter value may be and when two values are the same. A value is a string, a number or a
 * boolean, or a <em>list</em> of them (the value of a Valohai {@code multiple} parameter: a categorical
 * choice, a grid value, a manual set's value). Numbers compare by numeric value ({@code 16} equals
 * {@code 16.0}, {@code -0.0} equals {@code 0}); lists compare item by item, in order.
 */
public final class Values {

    private Values() {
    }

    /** True for a string, a number, a boolean. */
    public static boolean isScalar(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    /** True for a scalar or a list of scalars (no nesting, no null items). */
    public static boolean isValue(Object v) {
        if (v instanceof List<?> list) {
            return list.stream().allMatch(Values::isScalar);
        }
        return isScalar(v);
    }

    /** Whether two values are the same value (see the class comment). */
    public static boolean same(Object a, Object b) {
        return a != null && b != null && identity(a).equals(identity(b));
    }

    /**
     * A value's identity, usable as a map key: numbers as their double value (0 for -0.0), lists as a list
     * of their items' identities, anything else as it is.
     */
    public static Object identity(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == 0 ? 0.0 : d;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(identity(item));
            }
            return out;
        }
        return v;
    }
}
