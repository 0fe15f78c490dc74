package io.parzen.task.condition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A task's early-stopping condition ({@code stop-condition} in valohai.yaml), e.g.
 * {@code val_accuracy > 0.95} or {@code metadata.loss < 0.1 and execution.duration > 600}.
 *
 * <p>A small, safe expression language parsed by hand (no script engine, no reflection, nothing
 * is executed): the parsed tree is only ever walked. Expressions are at most
 * {@value #MAX_LENGTH} characters and {@value #MAX_DEPTH} tree levels deep, so evaluation is
 * bounded.
 *
 * <h2>Grammar</h2>
 * <pre>
 * expression := or
 * or         := and (('or' | '||') and)*
 * and        := not (('and' | '&amp;&amp;') not)*
 * not        := ('not' | '!') not | comparison
 * comparison := sum (('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '=' | '!=') sum)*   chained as in Python:
 *               a &lt; b &lt; c means a &lt; b and b &lt; c
 * sum        := product (('+' | '-') product)*
 * product    := unary (('*' | '/') unary)*
 * unary      := ('-' | '+') unary | primary
 * primary    := number | string | 'true' | 'false' | name | function '(' or (',' or)* ')' | '(' or ')'
 * function   := 'abs' (one argument) | 'min' | 'max' (one or more arguments)
 * </pre>
 * Keywords ({@code and}, {@code or}, {@code not}, {@code true}, {@code false}) and function
 * names are case-insensitive. Numbers: {@code 3}, {@code 0.95}, {@code .5}, {@code 1e-3}.
 * Strings: {@code 'relu'} or {@code "relu"} with backslash escapes.
 *
 * <h2>Names</h2>
 * <ul>
 * <li>{@code execution.duration}: the execution's running time in seconds. Other
 * {@code execution.*} names are syntax errors.</li>
 * <li>{@code metadata.KEY} or a bare {@code KEY}: the latest value of that metadata key. Names may
 * contain dots ({@code foo.bar}: the key {@code "foo.bar"}, or else the nested object
 * {@code foo -> bar}) and dashes between name characters ({@code val-acc} is one name, as in
 * Valohai's evaluator); write {@code a - b} with spaces to subtract.</li>
 * </ul>
 *
 * <h2>Semantics (never an error at evaluation time)</h2>
 * <ul>
 * <li>Values are numbers, strings or booleans. Arithmetic and ordering use numbers; a numeric
 * string ({@code "0.5"}) or a boolean (1/0) is converted, as Valohai's weakly typed evaluator
 * does.</li>
 * <li>A missing metadata key, a non-numeric value in arithmetic, or a division by zero makes the
 * value <em>unknown</em>; a comparison with an unknown side is unknown. {@code and}/{@code or}/
 * {@code not} follow three-valued logic (false and unknown = false; true or unknown = true;
 * not unknown = unknown), and an unknown final result counts as <b>false</b>. So a condition
 * never stops a task because a key has not been logged yet: {@code not (loss > 1)} does not hold
 * before {@code loss} is logged.</li>
 * <li>{@code ==}/{@code !=} compare strings with strings and numbers with numbers; a string and
 * a number are equal only when the string is that number.</li>
 * </ul>
 */
public final class StopCondition {

    /** Maximum expression length in characters. */
    public static final int MAX_LENGTH = 1000;
    /** Maximum depth of the parsed expression tree. */
    public static final int MAX_DEPTH = 64;

    private final String expression;
    private final Node root;
    private final Set<String> metadataKeys;
    private final boolean usesDuration;

    private StopCondition(String expression, Node root, Set<String> metadataKeys, boolean usesDuration) {
        this.expression = expression;
        this.root = root;
        this.metadataKeys = metadataKeys;
        this.usesDuration = usesDuration;
    }

    /**
     * Parses a stop condition.
     *
     * @throws ConditionSyntaxException when the expression is empty, too long, too deeply nested,
     *         or not valid; its message names the position and what was expected
     */
    public static StopCondition parse(String expression) {
        return parse(expression, MAX_LENGTH, MAX_DEPTH);
    }

    /**
     * Parses a stop condition under tighter limits than {@link #MAX_LENGTH} and {@link #MAX_DEPTH}
     * (larger values are capped at them).
     *
     * @throws ConditionTooDeepException when it is nested deeper than {@code maxDepth}
     * @throws ConditionSyntaxException when it is empty, longer than {@code maxLength} or not valid
     */
    public static StopCondition parse(String expression, int maxLength, int maxDepth) {
        int lengthLimit = Math.min(maxLength, MAX_LENGTH);
        int depthLimit = Math.min(maxDepth, MAX_DEPTH);
        if (expression == null || expression.isBlank()) {
            throw new ConditionSyntaxException("stop condition: the expression is empty", 0);
        }
        if (expression.length() > lengthLimit) {
            throw new ConditionSyntaxException("stop condition: the expression is " + expression.length()
                    + " characters long; at most " + lengthLimit + " are allowed", lengthLimit);
        }
        Parser parser = new Parser(expression, depthLimit);
        Node root = parser.parseAll();
        if (root.depth > depthLimit) {
            throw new ConditionTooDeepException(depthLimit, root.position);
        }
        return new StopCondition(expression, root, Collections.unmodifiableSet(parser.keys), parser.duration);
    }

    /**
     * Whether the condition holds for an execution's latest metadata and running time. Never
     * throws: see the class comment for missing keys and non-numeric values.
     *
     * @param metadata latest value of every metadata key (numbers, strings, booleans; nested maps
     *        are looked up by dotted names); may be null
     * @param executionDurationSeconds the execution's running time; NaN or negative means unknown
     */
    public boolean test(Map<String, Object> metadata, double executionDurationSeconds) {
        Object v = root.eval(new Context(metadata == null ? Map.of() : metadata, executionDurationSeconds));
        return truth(v) == Boolean.TRUE;
    }

    /** The expression as it was given. */
    public String expression() {
        return expression;
    }

    /** The metadata keys the expression reads, in order of appearance. */
    public Set<String> metadataKeys() {
        return metadataKeys;
    }

    /** Whether the expression reads {@code execution.duration}. */
    public boolean usesExecutionDuration() {
        return usesDuration;
    }

    @Override
    public String toString() {
        return expression;
    }

    // ------------------------------------------------------------------ values

    /** The value of something that cannot be known: a missing key, 1/0, "relu" + 1. */
    private enum Unknown {
        UNKNOWN
    }

    private static final Object UNKNOWN = Unknown.UNKNOWN;

    private record Context(Map<String, Object> metadata, double duration) {
    }

    /** TRUE, FALSE or UNKNOWN. */
    private static Object truth(Object v) {
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
    private static Double numeric(Object v) {
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

    private static Double parseNumber(String s) {
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
    private static Object fromMetadata(Object v) {
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

    private abstract static class Node {
        final int position;
        final int depth;

        Node(int position, Node... children) {
            this.position = position;
            int d = 0;
            for (Node c : children) {
                d = Math.max(d, c.depth);
            }
            this.depth = d + 1;
            if (depth > MAX_DEPTH) {
                throw new ConditionTooDeepException(MAX_DEPTH, position);
            }
        }

        abstract Object eval(Context ctx);
    }

    private static final class Literal extends Node {
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

    private static final class Duration extends Node {
        Duration(int position) {
            super(position);
        }

        @Override
        Object eval(Context ctx) {
            double d = ctx.duration();
            return Double.isNaN(d) || d < 0 ? UNKNOWN : d;
        }
    }

    private static final class MetadataRef extends Node {
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

        private static Object lookup(Map<String, Object> metadata, String key) {
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

    private static final class Not extends Node {
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

    private static final class Logic extends Node {
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

    private static final class Compare extends Node {
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
    private static final class ChainedCompare extends Node {
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

    private static Object compare(String op, Object l, Object r) {
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

    private static boolean valuesEqual(Object l, Object r) {
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

    private static final class Arithmetic extends Node {
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

    private static final class Negate extends Node {
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

    private static final class Call extends Node {
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

    // ------------------------------------------------------------------ lexer

    private enum Kind {
        NUMBER, STRING, NAME, LPAREN, RPAREN, COMMA, OP, AND, OR, NOT, TRUE, FALSE, END
    }

    private record Token(Kind kind, String text, Object value, int position) {
        String describe() {
            return switch (kind) {
                case END -> "end of expression";
                case STRING -> "string " + text;
                case NUMBER -> "number " + text;
                case NAME -> "name '" + text + "'";
                default -> "'" + text + "'";
            };
        }
    }

    private static final class Lexer {
        private final String s;
        private int i;

        Lexer(String s) {
            this.s = s;
        }

        List<Token> tokens() {
            List<Token> out = new ArrayList<>();
            while (true) {
                Token t = next();
                out.add(t);
                if (t.kind() == Kind.END) {
                    return out;
                }
            }
        }

        private Token next() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            if (i >= s.length()) {
                return new Token(Kind.END, "", null, start);
            }
            char c = s.charAt(i);
            if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                return number(start);
            }
            if (c == '\'' || c == '"') {
                return string(start, c);
            }
            if (isNameStart(c)) {
                return name(start);
            }
            i++;
            switch (c) {
                case '(':
                    return new Token(Kind.LPAREN, "(", null, start);
                case ')':
                    return new Token(Kind.RPAREN, ")", null, start);
                case ',':
                    return new Token(Kind.COMMA, ",", null, start);
                case '+':
                case '-':
                case '*':
                case '/':
                    return new Token(Kind.OP, String.valueOf(c), null, start);
                case '<':
                case '>':
                    if (peek('=')) {
                        i++;
                        return new Token(Kind.OP, c + "=", null, start);
                    }
                    return new Token(Kind.OP, String.valueOf(c), null, start);
                case '=':
                    if (peek('=')) {
                        i++;
                    }
                    return new Token(Kind.OP, "==", null, start);
                case '!':
                    if (peek('=')) {
                        i++;
                        return new Token(Kind.OP, "!=", null, start);
                    }
                    return new Token(Kind.NOT, "!", null, start);
                case '&':
                    if (peek('&')) {
                        i++;
                        return new Token(Kind.AND, "&&", null, start);
                    }
                    throw new ConditionSyntaxException(
                            "stop condition: unexpected '&' at position " + start + "; use '&&' or 'and'", start);
                case '|':
                    if (peek('|')) {
                        i++;
                        return new Token(Kind.OR, "||", null, start);
                    }
                    throw new ConditionSyntaxException(
                            "stop condition: unexpected '|' at position " + start + "; use '||' or 'or'", start);
                default:
                    throw new ConditionSyntaxException("stop condition: unexpected character '" + c
                            + "' at position " + start, start);
            }
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private Token number(int start) {
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (peek('.')) {
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                int j = i + 1;
                if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                    j++;
                }
                if (j < s.length() && Character.isDigit(s.charAt(j))) {
                    i = j;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                } else {
                    throw new ConditionSyntaxException("stop condition: malformed number '"
                            + s.substring(start, Math.min(j, s.length())) + "' at position " + start
                            + "; expected digits after the exponent", start);
                }
            }
            if (i < s.length() && (isNameStart(s.charAt(i)) || s.charAt(i) == '.')) {
                throw new ConditionSyntaxException("stop condition: malformed number at position " + start
                        + "; unexpected '" + s.charAt(i) + "' at position " + i, i);
            }
            String text = s.substring(start, i);
            return new Token(Kind.NUMBER, text, Double.parseDouble(text), start);
        }

        private Token string(int start, char quote) {
            i++;
            StringBuilder sb = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == quote) {
                    return new Token(Kind.STRING, s.substring(start, i), sb.toString(), start);
                }
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            throw new ConditionSyntaxException("stop condition: unterminated string starting at position " + start
                    + "; expected a closing " + quote, start);
        }

        private Token name(int start) {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (isNamePart(c)) {
                    i++;
                } else if ((c == '.' || c == '-') && i + 1 < s.length() && isNameStart(s.charAt(i + 1))) {
                    i += 2; // foo.bar, val-acc
                } else {
                    break;
                }
            }
            String text = s.substring(start, i);
            switch (text.toLowerCase(Locale.ROOT)) {
                case "and":
                    return new Token(Kind.AND, text, null, start);
                case "or":
                    return new Token(Kind.OR, text, null, start);
                case "not":
                    return new Token(Kind.NOT, text, null, start);
                case "true":
                    return new Token(Kind.TRUE, text, Boolean.TRUE, start);
                case "false":
                    return new Token(Kind.FALSE, text, Boolean.FALSE, start);
                default:
                    return new Token(Kind.NAME, text, null, start);
            }
        }

        private static boolean isNameStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        private static boolean isNamePart(char c) {
            return isNameStart(c) || (c >= '0' && c <= '9');
        }
    }

    // ------------------------------------------------------------------ parser

    private static final String EXPECTED_OPERAND = "a number, a string, a name, 'not' or '('";

    private static final class Parser {
        private final List<Token> tokens;
        private int p;
        final Set<String> keys = new LinkedHashSet<>();
        boolean duration;

        private final int maxDepth;

        Parser(String s, int maxDepth) {
            this.tokens = new Lexer(s).tokens();
            this.maxDepth = maxDepth;
        }

        Node parseAll() {
            Node n = or();
            Token t = peek();
            if (t.kind() != Kind.END) {
                throw unexpected(t, "an operator ('and', 'or', a comparison or arithmetic) or the end");
            }
            return n;
        }

        private Token peek() {
            return tokens.get(p);
        }

        private Token advance() {
            return tokens.get(p++);
        }

        private ConditionSyntaxException unexpected(Token t, String expected) {
            return new ConditionSyntaxException("stop condition: unexpected " + t.describe() + " at position "
                    + t.position() + "; expected " + expected, t.position());
        }

        private Node or() {
            Node left = and();
            while (peek().kind() == Kind.OR) {
                Token op = advance();
                left = new Logic(op.position(), false, left, and());
            }
            return left;
        }

        private Node and() {
            Node left = not();
            while (peek().kind() == Kind.AND) {
                Token op = advance();
                left = new Logic(op.position(), true, left, not());
            }
            return left;
        }

        private Node not() {
            if (peek().kind() == Kind.NOT) {
                Token op = advance();
                enter(op);
                Node operand = not();
                nesting--;
                return new Not(op.position(), operand);
            }
            return comparison();
        }

        private Node comparison() {
            Node first = sum();
            List<String> ops = new ArrayList<>();
            List<Node> operands = new ArrayList<>();
            operands.add(first);
            int position = -1;
            while (isComparison(peek())) {
                Token op = advance();
                if (position < 0) {
                    position = op.position();
                }
                ops.add(op.text());
                operands.add(sum());
            }
            if (ops.isEmpty()) {
                return first;
            }
            if (ops.size() == 1) {
                return new Compare(position, ops.get(0), operands.get(0), operands.get(1));
            }
            return new ChainedCompare(position, ops, operands);
        }

        private static boolean isComparison(Token t) {
            if (t.kind() != Kind.OP) {
                return false;
            }
            return switch (t.text()) {
                case "<", "<=", ">", ">=", "==", "!=" -> true;
                default -> false;
            };
        }

        private Node sum() {
            Node left = product();
            while (peek().kind() == Kind.OP && (peek().text().equals("+") || peek().text().equals("-"))) {
                Token op = advance();
                left = new Arithmetic(op.position(), op.text().charAt(0), left, product());
            }
            return left;
        }

        private Node product() {
            Node left = unary();
            while (peek().kind() == Kind.OP && (peek().text().equals("*") || peek().text().equals("/"))) {
                Token op = advance();
                left = new Arithmetic(op.position(), op.text().charAt(0), left, unary());
            }
            return left;
        }

        private Node unary() {
            Token t = peek();
            if (t.kind() == Kind.OP && (t.text().equals("-") || t.text().equals("+"))) {
                advance();
                enter(t);
                Node operand = unary();
                nesting--;
                return new Negate(t.position(), t.text().equals("-"), operand);
            }
            return primary();
        }

        /** Stops runaway recursion (e.g. 900 nested parentheses) before the tree is built. */
        private int nesting;

        private void enter(Token t) {
            if (++nesting > maxDepth) {
                throw new ConditionTooDeepException(maxDepth, t.position());
            }
        }

        private Node primary() {
            Token t = advance();
            switch (t.kind()) {
                case NUMBER:
                case STRING:
                case TRUE:
                case FALSE:
                    return new Literal(t.position(), t.value());
                case LPAREN: {
                    enter(t);
                    Node inner = or();
                    nesting--;
                    expect(Kind.RPAREN, "')' to close the '(' at position " + t.position());
                    return inner;
                }
                case NAME:
                    if (peek().kind() == Kind.LPAREN) {
                        return call(t);
                    }
                    return reference(t);
                default:
                    throw unexpected(t, EXPECTED_OPERAND);
            }
        }

        private void expect(Kind kind, String what) {
            Token t = peek();
            if (t.kind() != kind) {
                throw unexpected(t, what);
            }
            advance();
        }

        private Node call(Token name) {
            String fn = name.text().toLowerCase(Locale.ROOT);
            if (!fn.equals("abs") && !fn.equals("min") && !fn.equals("max")) {
                throw new ConditionSyntaxException("stop condition: unknown function '" + name.text()
                        + "' at position " + name.position() + "; expected abs, min or max", name.position());
            }
            Token open = advance();
            enter(open);
            List<Node> args = new ArrayList<>();
            if (peek().kind() == Kind.RPAREN) {
                throw unexpected(peek(), EXPECTED_OPERAND);
            }
            while (true) {
                args.add(or());
                if (peek().kind() == Kind.COMMA) {
                    advance();
                    continue;
                }
                expect(Kind.RPAREN, "',' or ')' to close the '(' at position " + open.position());
                break;
            }
            nesting--;
            if (fn.equals("abs") && args.size() != 1) {
                throw new ConditionSyntaxException("stop condition: abs() at position " + name.position()
                        + " takes exactly one argument, got " + args.size(), name.position());
            }
            return new Call(name.position(), fn, args);
        }

        private Node reference(Token t) {
            String text = t.text();
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("execution.")) {
                if (lower.equals("execution.duration")) {
                    duration = true;
                    return new Duration(t.position());
                }
                throw new ConditionSyntaxException("stop condition: unknown name '" + text + "' at position "
                        + t.position() + "; the only execution property is execution.duration", t.position());
            }
            if (text.startsWith("metadata.")) {
                String key = text.substring("metadata.".length());
                keys.add(key);
                return new MetadataRef(t.position(), key, text);
            }
            keys.add(text);
            return new MetadataRef(t.position(), text, null);
        }
    }
}
