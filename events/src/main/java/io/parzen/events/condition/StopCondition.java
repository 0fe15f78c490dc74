package io.parzen.events.condition;

import java.util.Collections;
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
    private final Expression.Node root;
    private final Set<String> metadataKeys;
    private final boolean usesDuration;

    private StopCondition(String expression, Expression.Node root, Set<String> metadataKeys, boolean usesDuration) {
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
        ConditionParser.Parser parser = new ConditionParser.Parser(expression, depthLimit);
        Expression.Node root = parser.parseAll();
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
        Object v = root.eval(new Expression.Context(metadata == null ? Map.of() : metadata, executionDurationSeconds));
        return Expression.truth(v) == Boolean.TRUE;
    }

    /** The parsed tree (for {@link Constraint}). */
    Expression.Node root() {
        return root;
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

}
