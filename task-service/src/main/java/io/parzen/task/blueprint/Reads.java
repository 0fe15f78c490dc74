package io.parzen.task.blueprint;

import io.parzen.task.blueprint.YamlNodes.Entry;
import io.parzen.events.condition.ConditionSyntaxException;
import io.parzen.events.condition.StopCondition;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Typed reads of YAML nodes that report what is wrong, with its line and column, to the blueprint's
 * {@link Messages}: the common ground of the units that walk a valohai.yaml ({@link StepReader},
 * {@link TaskReader}, {@link TaskChecks}).
 */
abstract class Reads implements YamlNodes.Sink {

    /** Swallows messages: for re-reading nodes that were already checked. */
    static final YamlNodes.Sink SILENT = new YamlNodes.Sink() {
        @Override
        public void error(Node node, String path, String message) {
        }

        @Override
        public void warning(Node node, String path, String message) {
        }
    };

    final Messages messages;

    Reads(Messages messages) {
        this.messages = messages;
    }

    @Override
    public void error(Node node, String path, String message) {
        messages.error(node, path, message);
    }

    @Override
    public void warning(Node node, String path, String message) {
        messages.warning(node, path, message);
    }

    Map<String, Entry> mapping(Node node, String path, String what, List<String> allowed) {
        return mapping(node, entries -> path, what, allowed);
    }

    /** Like {@link #mapping(Node, String, String, List)}, the path computed from the entries (e.g. the name). */
    Map<String, Entry> mapping(Node node, java.util.function.Function<Map<String, Entry>, String> pathOf,
            String what, List<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            error(node, pathOf.apply(Map.of()), what + " must be a mapping, not a " + YamlNodes.kind(node));
            return null;
        }
        Map<String, Entry> entries = YamlNodes.entries(m, pathOf.apply(Map.of()), this);
        String path = pathOf.apply(entries);
        for (Entry e : entries.values()) {
            if (!allowed.contains(e.key())) {
                error(e.keyNode(), YamlNodes.join(path, e.key()), "unknown key '" + e.key() + "' in " + what
                        + "; allowed keys: " + String.join(", ", allowed) + "." + YamlNodes.suggestion(e.key(), allowed));
            }
        }
        return entries;
    }

    /** {@code kind "name"} when the entries have a string name, else {@code kind[index]}. */
    static String itemPath(Map<String, Entry> entries, String kind, String itemPath) {
        Entry e = entries.get("name");
        if (e != null && e.valueNode() instanceof ScalarNode s && YamlNodes.scalar(s) instanceof String name) {
            return kind + " \"" + name + "\"";
        }
        return kind + itemPath;
    }

    String string(Map<String, Entry> entries, String key, String path, boolean required, Node parent,
            String what) {
        Entry e = entries.get(key);
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            if (required) {
                error(e == null ? parent : e.valueNode(), YamlNodes.join(path, key), what + " needs '" + key + "'");
            }
            return null;
        }
        if (e.valueNode() instanceof ScalarNode s && YamlNodes.scalar(s) instanceof String str) {
            return str;
        }
        error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' must be a string, not a "
                + YamlNodes.kind(e.valueNode()));
        return null;
    }

    Integer integer(Map<String, Entry> entries, String key, String path) {
        Entry e = entries.get(key);
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        if (e.valueNode() instanceof ScalarNode s && YamlNodes.scalar(s) instanceof Long l) {
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' is out of range");
                return null;
            }
            return l.intValue();
        }
        error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' must be an integer, not "
                + describe(e.valueNode()));
        return null;
    }

    Double number(Map<String, Entry> entries, String key, String path) {
        Entry e = entries.get(key);
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        if (e.valueNode() instanceof ScalarNode s && YamlNodes.scalar(s) instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' must be a finite number");
                return null;
            }
            return d;
        }
        error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' must be a number, not "
                + describe(e.valueNode()));
        return null;
    }

    Boolean bool(Map<String, Entry> entries, String key, String path) {
        Entry e = entries.get(key);
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        Boolean b = bool(e.valueNode());
        if (b == null) {
            error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' must be true or false, not "
                    + describe(e.valueNode()));
        }
        return b;
    }

    static Boolean bool(Node n) {
        if (n instanceof ScalarNode s) {
            Object v = YamlNodes.scalar(s);
            if (v instanceof Boolean b) {
                return b;
            }
            return YamlNodes.yaml11Boolean(s);
        }
        return null;
    }

    static String describe(Node n) {
        if (n instanceof ScalarNode s) {
            Object v = YamlNodes.scalar(s);
            return YamlNodes.kind(n) + (v == null ? "" : " '" + s.getValue() + "'");
        }
        return "a " + YamlNodes.kind(n);
    }

    void checkStopCondition(String expression, Node node, String path, String taskName) {
        checkExpression(expression, node, path, "Task " + (taskName == null ? "" : taskName + ", "));
    }

    /**
     * @param owner how the message starts: {@code "Task NAME, "} or {@code "Step NAME, "}
     * @return whether the expression parses (else an error was reported at the wrong character)
     */
    boolean checkExpression(String expression, Node node, String path, String owner) {
        try {
            StopCondition.parse(expression);
            return true;
        } catch (ConditionSyntaxException e) {
            int offset = ExpressionColumns.offset(node, expression, e.position());
            messages.errorAt(node, offset, path + ".stop-condition", owner + "`stop-condition` is not a valid expression: "
                    + e.getMessage());
            return false;
        }
    }
}
