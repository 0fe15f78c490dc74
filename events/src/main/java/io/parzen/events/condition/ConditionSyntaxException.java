package io.parzen.events.condition;

/**
 * A stop condition that cannot be parsed, or that exceeds the length or nesting limits.
 * {@link #position()} is the 0-based character offset in the expression where the problem was found.
 */
public class ConditionSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;

    public ConditionSyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** 0-based character offset of the problem in the expression. */
    public int position() {
        return position;
    }
}
