package io.parzen.events.condition;

/** A stop condition nested deeper than the depth limit: parentheses, not, unary signs or operator chains. */
public class ConditionTooDeepException extends ConditionSyntaxException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    public ConditionTooDeepException(int limit, int position) {
        super("stop condition: the expression is nested more than " + limit + " levels deep at position "
                + position, position);
        this.limit = limit;
    }

    /** The depth limit that was exceeded. */
    public int limit() {
        return limit;
    }
}
