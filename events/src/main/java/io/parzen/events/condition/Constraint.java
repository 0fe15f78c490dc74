package io.parzen.events.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task's feasibility constraint ({@code TaskSpec.constraints}, ADR 0033): {@code <expression> <op> <number>}
 * with op one of {@code <=}, {@code <}, {@code >=}, {@code >}, the expression in the language of
 * {@link StopCondition} over an execution's metadata, e.g. {@code memory_mb <= 2000} or
 * {@code max(train_loss - val_loss, 0) < 0.1}.
 *
 * <p>Its <em>violation</em> is the signed distance to the bound, {@code value - bound} for {@code <=}/{@code <} and
 * {@code bound - value} for {@code >=}/{@code >}: at most 0 when the constraint holds, as Optuna's
 * {@code constraints_func} values. An unknown value (a missing key, a non-numeric value, 1/0) is a violation of
 * {@code +Infinity}: the execution is infeasible. {@code execution.duration} is not allowed (constraints are
 * read on the final metadata of an {@code ExecutionFinished}), nor {@code ==}/{@code !=}, chained comparisons,
 * {@code and}/{@code or}/{@code not} at the top, or a number on the left.
 */
public final class Constraint {

    /** At most this many constraints per task. */
    public static final int MAX_COUNT = 10;
    /** The allowed operators. */
    public static final List<String> OPERATORS = List.of("<=", "<", ">=", ">");
    /** What a constraint looks like, for error messages. */
    public static final String ALLOWED = "'<expression> <op> <number>' with op one of <=, <, >=, > over metadata keys,"
            + " e.g. 'memory_mb <= 2000'";

    private final String text;
    private final Expression.Node left;
    private final String op;
    private final double bound;
    private final Set<String> metadataKeys;

    private Constraint(String text, Expression.Node left, String op, double bound, Set<String> metadataKeys) {
        this.text = text;
        this.left = left;
        this.op = op;
        this.bound = bound;
        this.metadataKeys = metadataKeys;
    }

    /**
     * Parses a constraint.
     *
     * @throws ConditionSyntaxException when it is not valid in the stop-condition language or not of the form
     *         {@value #ALLOWED}; the message says which
     */
    public static Constraint parse(String text) {
        StopCondition parsed = StopCondition.parse(text);
        if (!(parsed.root() instanceof Expression.Compare compare)) {
            throw new ConditionSyntaxException("constraint: not a single comparison; allowed is " + ALLOWED, 0);
        }
        if (!OPERATORS.contains(compare.op)) {
            throw new ConditionSyntaxException("constraint: the operator " + compare.op + " is not allowed; allowed are "
                    + String.join(", ", OPERATORS), compare.position);
        }
        Double bound = number(compare.right);
        if (bound == null || !Double.isFinite(bound)) {
            throw new ConditionSyntaxException("constraint: the right side must be a finite number; allowed is "
                    + ALLOWED, compare.position);
        }
        if (parsed.usesExecutionDuration()) {
            throw new ConditionSyntaxException("constraint: execution.duration is not allowed (constraints read the"
                    + " final metadata); allowed is " + ALLOWED, 0);
        }
        if (parsed.metadataKeys().isEmpty()) {
            throw new ConditionSyntaxException("constraint: the left side reads no metadata key; allowed is "
                    + ALLOWED, 0);
        }
        return new Constraint(text, compare.left, compare.op, bound, parsed.metadataKeys());
    }

    /** Parses every constraint of a list (null = none). */
    public static List<Constraint> parseAll(List<String> texts) {
        List<Constraint> out = new ArrayList<>();
        if (texts != null) {
            for (String t : texts) {
                out.add(parse(t));
            }
        }
        return List.copyOf(out);
    }

    private static Double number(Expression.Node node) {
        if (node instanceof Expression.Literal literal && literal.value instanceof Double d) {
            return d;
        }
        if (node instanceof Expression.Negate negate) {
            Double inner = number(negate.operand);
            return inner == null ? null : negate.minus ? -inner : inner;
        }
        return null;
    }

    /**
     * The violation on an execution's metadata: at most 0 when the constraint holds, +Infinity when the value
     * cannot be known (missing key, non-numeric, NaN).
     */
    public double violation(Map<String, Object> metadata) {
        Double v = Expression.numeric(left.eval(new Expression.Context(metadata == null ? Map.of() : metadata,
                Double.NaN)));
        if (v == null || Double.isNaN(v)) {
            return Double.POSITIVE_INFINITY;
        }
        double c = op.startsWith("<") ? v - bound : bound - v;
        if (Double.isNaN(c)) {
            return Double.POSITIVE_INFINITY;
        }
        // on the bound of a strict comparison: broken, by the smallest amount, so that "holds" is "violation <= 0"
        // everywhere (the engines read only the violation, Optuna's rule)
        return c == 0 && op.length() == 1 ? Double.MIN_VALUE : c;
    }

    /** Whether the constraint holds (strictly for {@code <} and {@code >}): its violation is at most 0. */
    public boolean holds(Map<String, Object> metadata) {
        return violation(metadata) <= 0;
    }

    /** Whether every constraint holds (true for none). */
    public static boolean allHold(List<Constraint> constraints, Map<String, Object> metadata) {
        for (Constraint c : constraints) {
            if (!c.holds(metadata)) {
                return false;
            }
        }
        return true;
    }

    /** The violations of every constraint, in order. */
    public static double[] violations(List<Constraint> constraints, Map<String, Object> metadata) {
        double[] out = new double[constraints.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = constraints.get(i).violation(metadata);
        }
        return out;
    }

    /** The constraint as it was given. */
    public String expression() {
        return text;
    }

    /** One of {@link #OPERATORS}. */
    public String operator() {
        return op;
    }

    /** The number on the right. */
    public double bound() {
        return bound;
    }

    /** The metadata keys the left side reads. */
    public Set<String> metadataKeys() {
        return metadataKeys;
    }

    @Override
    public String toString() {
        return text;
    }
}
