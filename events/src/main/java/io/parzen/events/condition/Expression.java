package io.parzen.events.condition;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tree of a parsed {@link StopCondition} and how it is evaluated: values, three-valued logic,
 * comparisons and arithmetic as the class comment of {@link StopCondition} describes them. Built by
 * {@link ConditionParser}; never throws when evaluated.
 */
final class Expression {

    private Expression() {
    }

    // ------------------------------------------------------------------ values

    /** The value of something that cannot be known: a missing key, 1/0, "relu" + 1. */
    enum Unknown {
        UNKNOWN
    }

    static final Object UNKNOWN = Unknown.UNKNOWN;

    record Context(Map<String, Object> metadata, double duration) {
    }

    /** TRUE, FALSE or UNKNOWN. */
    static Object truth(Object v) {
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof Double d) {
            return d != 0.0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        return UNKNOWN;
    }

    /** A number, or null when the value is not numeric. */
    static Double numeric(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof String s) {
            return parseNumber(s);
        }
        return null;
    }

    static Double parseNumber(String s) {
        String t = s.trim();
        if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(?i:inf|infinity|nan)")) {
            return null;
        }
        String l = t.toLowerCase(Locale.ROOT);
        if (l.endsWith("nan")) {
            return Double.NaN;
        }
        if (l.endsWith("inf") || l.endsWith("infinity")) {
            return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(t);
    }

    /** Converts a metadata value to an expression value. */
    static Object fromMetadata(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof Character c) {
            return c.toString();
        }
        return UNKNOWN;
    }

    // ------------------------------------------------------------------ tree

    abstract static class Node {
        final int position;
        final int depth;

        Node(int position, Node... children) {
            this.position = position;
            int d = 0;
            for (Node c : children) {
                d = Math.max(d, c.depth);
            }
            this.depth = d + 1;
            if (depth > StopCondition.MAX_DEPTH) {
                throw new ConditionTooDeepException(StopCondition.MAX_DEPTH, position);
            }
        }

        abstract Object eval(Context ctx);
    }

    static final class Literal extends Node {
        final Object value;

        Literal(int position, Object value) {
            super(position);
            this.value = value;
        }

        @Override
        Object eval(Context ctx) {
            return value;
        }
    }

    static final class Duration extends Node {
        Duration(int position) {
            super(position);
        }

        @Override
        Object eval(Context ctx) {
            double d = ctx.duration();
            return Double.isNaN(d) || d < 0 ? UNKNOWN : d;
        }
    }

    static final class MetadataRef extends Node {
        final String key;
        final String fallbackKey;

        MetadataRef(int position, String key, String fallbackKey) {
            super(position);
            this.key = key;
            this.fallbackKey = fallbackKey;
        }

        @Override
        Object eval(Context ctx) {
            Object v = lookup(ctx.metadata(), key);
            if (v == UNKNOWN && fallbackKey != null) {
                v = lookup(ctx.metadata(), fallbackKey);
            }
            return v;
        }

        static Object lookup(Map<String, Object> metadata, String key) {
            if (metadata.containsKey(key)) {
                return fromMetadata(metadata.get(key));
            }
            // nested objects: foo.bar -> metadata["foo"]["bar"]
            Object current = metadata;
            for (String part : key.split("\\.", -1)) {
                if (!(current instanceof Map<?, ?> m) || !m.containsKey(part)) {
                    return UNKNOWN;
                }
                current = m.get(part);
            }
            return fromMetadata(current);
        }
    }

    static final class Not extends Node {
        final Node operand;

        Not(int position, Node operand) {
            super(position, operand);
            this.operand = operand;
        }

        @Override
        Object eval(Context ctx) {
            Object t = truth(operand.eval(ctx));
            return t == UNKNOWN ? UNKNOWN : !(Boolean) t;
        }
    }

    static final class Logic extends Node {
        final boolean and;
        final Node left;
        final Node right;

        Logic(int position, boolean and, Node left, Node right) {
            super(position, left, right);
            this.and = and;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Context ctx) {
            Object l = truth(left.eval(ctx));
            // short circuit: false and x = false, true or x = true
            if (l instanceof Boolean b && b != and) {
                return b;
            }
            Object r = truth(right.eval(ctx));
            if (r instanceof Boolean b && b != and) {
                return b;
            }
            return l == UNKNOWN || r == UNKNOWN ? UNKNOWN : and;
        }
    }

    static final class Compare extends Node {
        final String op;
        final Node left;
        final Node right;

        Compare(int position, String op, Node left, Node right) {
            super(position, left, right);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Context ctx) {
            return compare(op, left.eval(ctx), right.eval(ctx));
        }
    }

    /** a < b < c: every adjacent pair must hold (each operand evaluated once). */
    static final class ChainedCompare extends Node {
        final List<String> ops;
        final List<Node> operands;

        ChainedCompare(int position, List<String> ops, List<Node> operands) {
            super(position, operands.toArray(new Node[0]));
            this.ops = ops;
            this.operands = operands;
        }

        @Override
        Object eval(Context ctx) {
            Object result = Boolean.TRUE;
            Object left = operands.get(0).eval(ctx);
            for (int i = 0; i < ops.size(); i++) {
                Object right = operands.get(i + 1).eval(ctx);
                Object r = compare(ops.get(i), left, right);
                if (r == Boolean.FALSE) {
                    return Boolean.FALSE;
                }
                if (r == UNKNOWN) {
                    result = UNKNOWN;
                }
                left = right;
            }
            return result;
        }
    }

    static Object compare(String op, Object l, Object r) {
        if (l == UNKNOWN || r == UNKNOWN) {
            return UNKNOWN;
        }
        if (op.equals("==") || op.equals("!=")) {
            boolean eq = valuesEqual(l, r);
            return op.equals("==") == eq;
        }
        int c;
        if (l instanceof String ls && r instanceof String rs && (parseNumber(ls) == null || parseNumber(rs) == null)) {
            c = ls.compareTo(rs);
        } else {
            Double a = numeric(l);
            Double b = numeric(r);
            if (a == null || b == null || a.isNaN() || b.isNaN()) {
                return UNKNOWN;
            }
            c = Double.compare(a, b);
            if (a == 0.0 && b == 0.0) {
                c = 0; // -0.0 == 0.0
            }
        }
        switch (op) {
            case "<":
                return c < 0;
            case "<=":
                return c <= 0;
            case ">":
                return c > 0;
            case ">=":
                return c >= 0;
            default:
                throw new IllegalStateException(op);
        }
    }

    static boolean valuesEqual(Object l, Object r) {
        if (l instanceof String ls && r instanceof String rs) {
            return ls.equals(rs);
        }
        if (l instanceof Boolean && r instanceof Boolean) {
            return l.equals(r);
        }
        Double a = numeric(l);
        Double b = numeric(r);
        return a != null && b != null && a.doubleValue() == b.doubleValue();
    }

    static final class Arithmetic extends Node {
        final char op;
        final Node left;
        final Node right;

        Arithmetic(int position, char op, Node left, Node right) {
            super(position, left, right);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Context ctx) {
            Double a = numeric(left.eval(ctx));
            Double b = numeric(right.eval(ctx));
            if (a == null || b == null) {
                return UNKNOWN;
            }
            switch (op) {
                case '+':
                    return a + b;
                case '-':
                    return a - b;
                case '*':
                    return a * b;
                case '/':
                    return b == 0.0 ? UNKNOWN : a / b;
                default:
                    throw new IllegalStateException(String.valueOf(op));
            }
        }
    }

    static final class Negate extends Node {
        final boolean minus;
        final Node operand;

        Negate(int position, boolean minus, Node operand) {
            super(position, operand);
            this.minus = minus;
            this.operand = operand;
        }

        @Override
        Object eval(Context ctx) {
            Double v = numeric(operand.eval(ctx));
            if (v == null) {
                return UNKNOWN;
            }
            return minus ? -v : v;
        }
    }

    static final class Call extends Node {
        final String function;
        final List<Node> args;

        Call(int position, String function, List<Node> args) {
            super(position, args.toArray(new Node[0]));
            this.function = function;
            this.args = args;
        }

        @Override
        Object eval(Context ctx) {
            double result = 0;
            for (int i = 0; i < args.size(); i++) {
                Double v = numeric(args.get(i).eval(ctx));
                if (v == null) {
                    return UNKNOWN;
                }
                if (i == 0) {
                    result = v;
                } else if (function.equals("min")) {
                    result = Math.min(result, v);
                } else {
                    result = Math.max(result, v);
                }
            }
            return function.equals("abs") ? Math.abs(result) : result;
        }
    }

}
