package io.parzen.task.blueprint.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads composed YAML nodes the way PyYAML (which valohai-yaml uses) types them: YAML 1.2 core
 * schema plus YAML 1.1 booleans written as plain words ({@code yes}, {@code off}).
 */
final class Yaml {

    /** The JSON type of a node, as a JSON Schema names it. */
    enum Kind {
        NULL, BOOLEAN, INTEGER, FLOAT, STRING, ARRAY, OBJECT;

        String label() {
            return switch (this) {
                case NULL -> "null";
                case BOOLEAN -> "boolean";
                case INTEGER -> "integer";
                case FLOAT -> "number";
                case STRING -> "string";
                case ARRAY -> "list";
                case OBJECT -> "mapping";
            };
        }
    }

    private Yaml() {
    }

    static int line(Node n) {
        return n == null ? 1 : n.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    static int column(Node n) {
        return n == null ? 1 : n.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
    }

    static Kind kind(Node n) {
        if (n instanceof MappingNode) {
            return Kind.OBJECT;
        }
        if (n instanceof SequenceNode) {
            return Kind.ARRAY;
        }
        ScalarNode s = (ScalarNode) n;
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return Kind.NULL;
        }
        if (Tag.BOOL.equals(tag) || yaml11Boolean(s)) {
            return Kind.BOOLEAN;
        }
        if (Tag.INT.equals(tag)) {
            return Kind.INTEGER;
        }
        if (Tag.FLOAT.equals(tag)) {
            return Kind.FLOAT;
        }
        return Kind.STRING;
    }

    private static boolean yaml11Boolean(ScalarNode s) {
        return s.isPlain() && List.of("yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF")
                .contains(s.getValue());
    }

    /** The text of a string scalar, or null when the node is not one. */
    static String string(Node n) {
        return n != null && kind(n) == Kind.STRING ? ((ScalarNode) n).getValue() : null;
    }

    /** A scalar as Python would hold it: null, Boolean, Long, Double or String; lists of those for sequences. */
    static Object value(Node n) {
        if (n == null) {
            return null;
        }
        if (n instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(item -> out.add(value(item)));
            return out;
        }
        if (n instanceof MappingNode) {
            return entries(n);
        }
        String text = ((ScalarNode) n).getValue().trim();
        return switch (kind(n)) {
            case NULL -> null;
            case BOOLEAN -> List.of("true", "yes", "on").contains(text.toLowerCase(Locale.ROOT));
            case INTEGER -> parseLong(text);
            case FLOAT -> parseDouble(text);
            default -> ((ScalarNode) n).getValue();
        };
    }

    private static Object parseLong(String text) {
        try {
            return Long.decode(text.replace("_", "").replace("0o", "0"));
        } catch (NumberFormatException e) {
            return parseDouble(text);
        }
    }

    private static Object parseDouble(String text) {
        String l = text.toLowerCase(Locale.ROOT);
        if (l.endsWith(".nan")) {
            return Double.NaN;
        }
        if (l.endsWith(".inf")) {
            return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(text.replace("_", ""));
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /**
     * The entries of a mapping by key, in document order, {@code <<} merge keys applied (explicit
     * keys win). Keys that are not strings are left out (the schema check reports them).
     */
    static Map<String, Node> entries(Node n) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (n instanceof MappingNode m) {
            collect(m, out, 0);
        }
        return out;
    }

    /** Like {@link #entries(Node)}, the key nodes instead of the values. */
    static Map<String, Node> keys(Node n) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && !"<<".equals(k.getValue())) {
                    out.put(k.getValue(), k);
                }
            }
        }
        return out;
    }

    private static void collect(MappingNode m, Map<String, Node> out, int depth) {
        Map<String, Node> merged = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                continue;
            }
            if (k.isPlain() && "<<".equals(k.getValue()) && depth < 8) {
                Node source = t.getValueNode();
                List<Node> sources = source instanceof SequenceNode s ? s.getValue() : List.of(source);
                for (Node src : sources) {
                    if (src instanceof MappingNode sm) {
                        Map<String, Node> sub = new LinkedHashMap<>();
                        collect(sm, sub, depth + 1);
                        sub.forEach(merged::putIfAbsent);
                    }
                }
                continue;
            }
            out.put(k.getValue(), t.getValueNode());
        }
        merged.forEach(out::putIfAbsent);
    }

    /** The items of a sequence, or an empty list. */
    static List<Node> items(Node n) {
        return n instanceof SequenceNode s ? s.getValue() : List.of();
    }

    /** Python truthiness of a value: null, false, 0, "" and empty collections are false. */
    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number num) {
            return num.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }
}
