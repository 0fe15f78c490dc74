package io.parzen.task.blueprint.lint;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/** Checks one value of a step parameter against its type, min, max and choices, as Valohai does. */
final class ParameterValues {

    private static final Pattern INTEGER = Pattern.compile("^\\s*[-+]?[0-9](_?[0-9])*\\s*$");

    private ParameterValues() {
    }

    /**
     * What is wrong with {@code atom} as a value of a parameter of {@code type} whose definition is
     * {@code definition}, or null.
     */
    static String problem(String type, Map<String, Node> definition, Node atom) {
        Object v = Yaml.value(atom);
        String text = pythonString(v);
        if ("string".equals(type) && !(v instanceof String)) {
            return text + " is not a string (it is " + Shape.describeNode(atom) + "); quote it";
        }
        if ("integer".equals(type) && !INTEGER.matcher(text).matches()) {
            return text.isEmpty() ? "no value supplied" : text + " is not an integer";
        }
        if ("float".equals(type) && !isFloat(text)) {
            return text.isEmpty() ? "no value supplied" : text + " is not a floating-point number";
        }
        Double number = v instanceof Number n && !(v instanceof Boolean) ? n.doubleValue() : null;
        Object min = Yaml.value(definition.get("min"));
        Object max = Yaml.value(definition.get("max"));
        if (number != null && min instanceof Number mn && number < mn.doubleValue()) {
            return text + " is less than the minimum allowed (" + pythonString(min) + ")";
        }
        if (number != null && max instanceof Number mx && number > mx.doubleValue()) {
            return text + " is greater than the maximum allowed (" + pythonString(max) + ")";
        }
        Object choices = Yaml.value(definition.get("choices"));
        if (choices instanceof List<?> list && list.stream().noneMatch(c -> same(c, v))) {
            return text + " is not among the choices allowed (" + list + ")";
        }
        return null;
    }

    /** Python equality of YAML scalars: 1 == 1.0 == true. */
    private static boolean same(Object a, Object b) {
        Double x = asNumber(a);
        Double y = asNumber(b);
        if (x != null && y != null) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    private static Double asNumber(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return o instanceof Number n ? n.doubleValue() : null;
    }

    private static boolean isFloat(String text) {
        String t = text.trim().replace("_", "");
        if (t.matches("(?i)[-+]?(inf|infinity|nan)")) {
            return true;
        }
        if (t.isEmpty() || t.endsWith("d") || t.endsWith("D") || t.endsWith("f") || t.endsWith("F")
                || t.startsWith("0x")) {
            return false;
        }
        try {
            Double.parseDouble(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** How Python's {@code str()} writes a YAML value. */
    static String pythonString(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e16 ? String.format(java.util.Locale.ROOT, "%.1f", d) : d.toString();
        }
        return v.toString();
    }
}
