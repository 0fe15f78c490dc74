package io.parzen.task.blueprint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reads snakeyaml-engine nodes (composed with the YAML 1.2 core schema) into plain Java values. */
final class YamlNodes {

    /** Deepest nesting of a value (parameter sets, defaults) that is read. */
    static final int MAX_VALUE_DEPTH = 32;

    /** A key of a mapping with its nodes. */
    record Entry(String key, Node keyNode, Node valueNode) {
    }

    /** Reports a problem at a node. */
    interface Sink {
        void error(Node node, String path, String message);

        void warning(Node node, String path, String message);
    }

    private YamlNodes() {
    }

    static int line(Node n) {
        return n == null ? 1 : n.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    static int column(Node n) {
        return n == null ? 1 : n.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
    }

    static int line(Mark m) {
        return m.getLine() + 1;
    }

    static int column(Mark m) {
        return m.getColumn() + 1;
    }

    /**
     * The entries of a mapping in document order, with {@code <<} merge keys applied (explicit
     * keys win) and duplicate keys reported as warnings (the later value wins, as in PyYAML).
     */
    static Map<String, Entry> entries(MappingNode mapping, String path, Sink sink) {
        Map<String, Entry> merged = new LinkedHashMap<>();
        Map<String, Entry> explicit = new LinkedHashMap<>();
        collect(mapping, path, sink, merged, explicit, 0);
        Map<String, Entry> out = new LinkedHashMap<>(merged);
        for (Entry e : explicit.values()) {
            out.remove(e.key());
        }
        // keep document order of explicit keys, merged ones first
        Map<String, Entry> result = new LinkedHashMap<>(out);
        result.putAll(explicit);
        return result;
    }

    private static void collect(MappingNode mapping, String path, Sink sink, Map<String, Entry> merged,
            Map<String, Entry> explicit, int depth) {
        if (depth > 8) {
            sink.error(mapping, path, "merge keys ('<<') are nested too deeply");
            return;
        }
        for (NodeTuple t : mapping.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                sink.error(k, path, "a key must be a plain string, not a " + kind(k));
                continue;
            }
            if (ks.isPlain() && "<<".equals(ks.getValue())) {
                merge(t.getValueNode(), path, sink, merged, depth);
                continue;
            }
            String key = ks.getValue();
            Entry previous = explicit.put(key, new Entry(key, k, t.getValueNode()));
            if (previous != null) {
                sink.warning(k, join(path, key), "duplicate key '" + key + "' (first at line " + line(previous.keyNode())
                        + "); the later value is used");
            }
        }
    }

    private static void merge(Node source, String path, Sink sink, Map<String, Entry> merged, int depth) {
        List<MappingNode> sources = new ArrayList<>();
        if (source instanceof MappingNode m) {
            sources.add(m);
        } else if (source instanceof SequenceNode s) {
            for (Node n : s.getValue()) {
                if (n instanceof MappingNode m) {
                    sources.add(m);
                } else {
                    sink.error(n, path, "a merge key ('<<') takes a mapping or a list of mappings");
                }
            }
        } else {
            sink.error(source, path, "a merge key ('<<') takes a mapping or a list of mappings");
        }
        for (MappingNode m : sources) {
            Map<String, Entry> sub = new LinkedHashMap<>();
            Map<String, Entry> subExplicit = new LinkedHashMap<>();
            collect(m, path, sink, sub, subExplicit, depth + 1);
            sub.putAll(subExplicit);
            for (Entry e : sub.values()) {
                merged.putIfAbsent(e.key(), e); // the first source that has a key wins (YAML merge spec)
            }
        }
    }

    static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }

    static String kind(Node n) {
        if (n instanceof MappingNode) {
            return "mapping";
        }
        if (n instanceof SequenceNode) {
            return "list";
        }
        if (n instanceof ScalarNode s) {
            Object v = scalar(s);
            if (v == null) {
                return "null";
            }
            if (v instanceof Boolean) {
                return "boolean";
            }
            if (v instanceof Number) {
                return "number";
            }
            return "string";
        }
        return "node";
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** The Java value of a scalar: null, Boolean, Long (or Double when too large), Double, or String. */
    static Object scalar(ScalarNode n) {
        Tag tag = n.getTag();
        String v = n.getValue();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(v.trim().toLowerCase(Locale.ROOT));
        }
        if (Tag.INT.equals(tag)) {
            Object i = parseInteger(v);
            return i != null ? i : v;
        }
        if (Tag.FLOAT.equals(tag)) {
            Double d = parseFloat(v);
            return d != null ? d : v;
        }
        return v;
    }

    /**
     * A YAML 1.1 boolean written as a plain word ({@code yes}, {@code No}, {@code on}, {@code OFF}):
     * PyYAML (which Valohai uses) reads these as booleans, the YAML 1.2 core schema as strings.
     */
    static Boolean yaml11Boolean(ScalarNode n) {
        if (!n.isPlain()) {
            return null;
        }
        switch (n.getValue()) {
            case "yes", "Yes", "YES", "on", "On", "ON":
                return Boolean.TRUE;
            case "no", "No", "NO", "off", "Off", "OFF":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private static Object parseInteger(String text) {
        String t = text.trim().replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0o") || t.startsWith("0O")) {
            radix = 8;
            t = t.substring(2);
        }
        try {
            BigInteger b = new BigInteger(t, radix);
            if (negative) {
                b = b.negate();
            }
            if (b.bitLength() < 64) {
                return b.longValue();
            }
            return b.doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseFloat(String text) {
        String t = text.trim();
        String l = t.toLowerCase(Locale.ROOT);
        if (l.equals(".nan")) {
            return Double.NaN;
        }
        if (l.equals(".inf") || l.equals("+.inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (l.equals("-.inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        try {
            return Double.parseDouble(t.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The plain Java value of any node: maps (LinkedHashMap with string keys), lists and
     * scalars. Returns null (after reporting) when the value is nested deeper than
     * {@link #MAX_VALUE_DEPTH}.
     */
    static Object toJava(Node n, String path, Sink sink) {
        return toJava(n, path, sink, 0);
    }

    private static Object toJava(Node n, String path, Sink sink, int depth) {
        if (depth > MAX_VALUE_DEPTH) {
            sink.error(n, path, "the value is nested more than " + MAX_VALUE_DEPTH + " levels deep");
            return null;
        }
        if (n instanceof ScalarNode s) {
            return scalar(s);
        }
        if (n instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (Node item : s.getValue()) {
                out.add(toJava(item, path + "[" + i++ + "]", sink, depth + 1));
            }
            return out;
        }
        if (n instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Entry e : entries(m, path, sink).values()) {
                out.put(e.key(), toJava(e.valueNode(), join(path, e.key()), sink, depth + 1));
            }
            return out;
        }
        return null;
    }

    /** Levenshtein distance, for "did you mean" suggestions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** " Did you mean 'x'?" or "" — kebab-case first, then the nearest key by spelling. */
    static String suggestion(String key, List<String> allowed) {
        String kebab = key.replace('_', '-').toLowerCase(Locale.ROOT);
        if (allowed.contains(kebab)) {
            return " Did you mean '" + kebab + "'? valohai.yaml keys are kebab-case.";
        }
        String best = null;
        int bestDistance = 3;
        for (String a : allowed) {
            int d = distance(kebab, a);
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return best == null ? "" : " Did you mean '" + best + "'?";
    }
}
