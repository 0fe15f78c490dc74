package io.parzen.task.blueprint.lint;

import io.parzen.task.blueprint.lint.Yaml.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The expected form of a valohai.yaml value (the subset of JSON Schema that valohai.yaml's schema
 * uses), checked against a YAML node. Every problem is reported at the node it is about.
 */
abstract class Shape {

    /** Reports every way {@code node} does not have this shape. */
    abstract void check(Node node, String path, Report report);

    /** What the shape is, for messages ("a string", "a list of strings"). */
    abstract String describe();

    // ----------------------------------------------------------------- scalars

    static Shape string() {
        return new Scalar("a string", Set.of(Kind.STRING), null);
    }

    static Shape string(int maxLength) {
        return new Scalar("a string", Set.of(Kind.STRING), (n, p, r) -> {
            String s = Yaml.string(n);
            if (s.codePointCount(0, s.length()) > maxLength) {
                r.error(n, p, "'" + s + "' is " + s.codePointCount(0, s.length()) + " characters long; at most "
                        + maxLength + " are allowed");
            }
        });
    }

    static Shape pattern(String regex, String rule) {
        Pattern pattern = Pattern.compile(regex);
        return new Scalar("a string", Set.of(Kind.STRING), (n, p, r) -> {
            if (!pattern.matcher(Yaml.string(n)).find()) {
                r.error(n, p, "'" + Yaml.string(n) + "' is not allowed: " + rule);
            }
        });
    }

    static Shape oneOf(String... values) {
        List<String> allowed = List.of(values);
        return new Scalar("one of " + String.join(", ", allowed), Set.of(Kind.STRING), (n, p, r) -> {
            if (!allowed.contains(Yaml.string(n))) {
                r.error(n, p, "'" + Yaml.string(n) + "' is not allowed; allowed: " + String.join(", ", allowed));
            }
        });
    }

    static Shape integer() {
        return new Scalar("an integer", Set.of(Kind.INTEGER), null);
    }

    static Shape number() {
        return new Scalar("a number", Set.of(Kind.INTEGER, Kind.FLOAT), null);
    }

    static Shape number(double min, double max) {
        return new Scalar("a number", Set.of(Kind.INTEGER, Kind.FLOAT), (n, p, r) -> {
            double v = ((Number) Yaml.value(n)).doubleValue();
            if (v < min || v > max) {
                r.error(n, p, Yaml.value(n) + " is out of range; allowed: " + (max == Double.MAX_VALUE
                        ? "at least " + fmt(min) : fmt(min) + " to " + fmt(max)));
            }
        });
    }

    static Shape bool() {
        return new Scalar("true or false", Set.of(Kind.BOOLEAN), null);
    }

    /** A scalar of one of the kinds (items of a variant's {@code items}: numbers, strings, booleans). */
    static Shape scalar(String description, Kind... kinds) {
        return new Scalar(description, Set.of(kinds), null);
    }

    /** Anything at all. */
    static Shape any() {
        return new Shape() {
            @Override
            void check(Node node, String path, Report report) {
            }

            @Override
            String describe() {
                return "any value";
            }
        };
    }

    // ----------------------------------------------------------------- collections

    static Shape list(Shape item) {
        return new ListShape(item, Integer.MAX_VALUE);
    }

    /** A list of at most {@code maxItems} items. */
    static Shape list(Shape item, int maxItems) {
        return new ListShape(item, maxItems);
    }

    static Obj object() {
        return new Obj();
    }

    /** A mapping with any keys whose values all have {@code value}'s shape. */
    static Shape mapOf(Shape value) {
        return new Shape() {
            @Override
            void check(Node node, String path, Report report) {
                if (!(node instanceof MappingNode)) {
                    report.error(node, path, "must be a mapping, not " + describeNode(node));
                    return;
                }
                Yaml.entries(node).forEach((k, v) -> value.check(v, path + "." + k, report));
            }

            @Override
            String describe() {
                return "a mapping";
            }
        };
    }

    /** One of several shapes, chosen by the kind of the node (string or list, integer or string, ...). */
    static Shape either(Shape... shapes) {
        return new Either(List.of(shapes));
    }

    /** A mapping whose shape depends on the string value of {@code key} (pipeline nodes by {@code type}). */
    static Shape select(String key, Map<String, Shape> byValue) {
        return new Shape() {
            @Override
            void check(Node node, String path, Report report) {
                if (!(node instanceof MappingNode)) {
                    report.error(node, path, "must be a mapping, not " + describeNode(node));
                    return;
                }
                Node v = Yaml.entries(node).get(key);
                String value = Yaml.string(v);
                Shape shape = value == null ? null : byValue.get(value);
                if (shape == null) {
                    report.error(v == null ? node : v, path + "." + key, (v == null ? "'" + key + "' is missing"
                            : "'" + key + "' " + describeNode(v) + " is not allowed") + "; allowed: "
                            + String.join(", ", byValue.keySet()));
                    return;
                }
                shape.check(node, path, report);
            }

            @Override
            String describe() {
                return "a mapping";
            }
        };
    }

    // ----------------------------------------------------------------- helpers

    static String describeNode(Node n) {
        Kind k = Yaml.kind(n);
        return switch (k) {
            case ARRAY, OBJECT -> "a " + k.label();
            case NULL -> "null (empty)";
            default -> "the " + k.label() + " '" + ((ScalarNode) n).getValue() + "'";
        };
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Extra check of a node that already has the right kind. */
    interface Check {
        void check(Node node, String path, Report report);
    }

    private static final class Scalar extends Shape {
        private final String description;
        private final Set<Kind> kinds;
        private final Check extra;

        Scalar(String description, Set<Kind> kinds, Check extra) {
            this.description = description;
            this.kinds = kinds;
            this.extra = extra;
        }

        @Override
        void check(Node node, String path, Report report) {
            if (!kinds.contains(Yaml.kind(node))) {
                report.error(node, path, "must be " + description + ", not " + describeNode(node));
            } else if (extra != null) {
                extra.check(node, path, report);
            }
        }

        @Override
        String describe() {
            return description;
        }

        Set<Kind> kinds() {
            return kinds;
        }
    }

    private static final class ListShape extends Shape {
        private final Shape item;
        private final int maxItems;

        ListShape(Shape item, int maxItems) {
            this.item = item;
            this.maxItems = maxItems;
        }

        @Override
        void check(Node node, String path, Report report) {
            if (Yaml.kind(node) != Kind.ARRAY) {
                report.error(node, path, "must be a list, not " + describeNode(node));
                return;
            }
            List<Node> items = Yaml.items(node);
            if (items.size() > maxItems) {
                report.error(node, path, "has " + items.size() + " items; at most " + maxItems + " are allowed");
            }
            for (int i = 0; i < items.size(); i++) {
                item.check(items.get(i), path + "[" + i + "]", report);
            }
        }

        @Override
        String describe() {
            return "a list";
        }
    }

    private static final class Either extends Shape {
        private final List<Shape> shapes;

        Either(List<Shape> shapes) {
            this.shapes = shapes;
        }

        @Override
        void check(Node node, String path, Report report) {
            Kind k = Yaml.kind(node);
            for (Shape s : shapes) {
                if (accepts(s, k)) {
                    s.check(node, path, report);
                    return;
                }
            }
            report.error(node, path, "must be " + shapes.stream().map(Shape::describe)
                    .collect(Collectors.joining(" or ")) + ", not " + describeNode(node));
        }

        private static boolean accepts(Shape s, Kind k) {
            if (s instanceof Scalar sc) {
                return sc.kinds().contains(k);
            }
            if (s instanceof ListShape) {
                return k == Kind.ARRAY;
            }
            return k == Kind.OBJECT;
        }

        @Override
        String describe() {
            return shapes.stream().map(Shape::describe).collect(Collectors.joining(" or "));
        }
    }

    /** A mapping with known keys ({@code additionalProperties: false} unless {@link #open()}). */
    static final class Obj extends Shape {
        private final Map<String, Shape> properties = new LinkedHashMap<>();
        private final Set<String> required = new LinkedHashSet<>();
        private final List<Check> rules = new ArrayList<>();
        private boolean open;
        private String what = "the mapping";

        Obj prop(String name, Shape shape) {
            properties.put(name, shape);
            return this;
        }

        Obj required(String... names) {
            required.addAll(Arrays.asList(names));
            return this;
        }

        /** Keys not listed are allowed. */
        Obj open() {
            open = true;
            return this;
        }

        /** What the mapping is, for messages ("a step"). */
        Obj named(String what) {
            this.what = what;
            return this;
        }

        /** A check of the whole mapping, run when its keys have the right shapes. */
        Obj rule(Check rule) {
            rules.add(rule);
            return this;
        }

        @Override
        void check(Node node, String path, Report report) {
            if (!(node instanceof MappingNode m)) {
                report.error(node, path, what + " must be a mapping, not " + describeNode(node));
                return;
            }
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k) || Yaml.kind(k) != Kind.STRING) {
                    report.error(t.getKeyNode(), path, "a key must be a string, not " + describeNode(t.getKeyNode()));
                }
            }
            Map<String, Node> entries = Yaml.entries(node);
            Map<String, Node> keys = Yaml.keys(node);
            for (String r : required) {
                if (!entries.containsKey(r)) {
                    report.error(node, path, what + " needs '" + r + "'");
                }
            }
            boolean ok = true;
            for (Map.Entry<String, Node> e : entries.entrySet()) {
                String at = path + "." + e.getKey();
                Shape shape = properties.get(e.getKey());
                if (shape == null) {
                    if (!open) {
                        report.error(keys.getOrDefault(e.getKey(), node), at, "unknown key '" + e.getKey() + "' in "
                                + what + "; allowed: " + String.join(", ", properties.keySet()) + suggestion(e.getKey()));
                    }
                    continue;
                }
                Report own = new Report();
                shape.check(e.getValue(), at, own);
                own.messages().forEach(msg -> report.add(msg));
                ok &= !own.hasErrors();
            }
            if (ok) {
                rules.forEach(r -> r.check(node, path, report));
            }
        }

        private String suggestion(String key) {
            String kebab = key.replace('_', '-').toLowerCase(java.util.Locale.ROOT);
            return properties.containsKey(kebab) ? ". Did you mean '" + kebab + "'? valohai.yaml keys are kebab-case"
                    : "";
        }

        @Override
        String describe() {
            return "a mapping";
        }
    }
}
