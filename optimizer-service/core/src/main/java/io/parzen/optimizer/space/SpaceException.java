package io.parzen.optimizer.space;

/**
 * An impossible search space or an invalid value. The message names the field, the value and
 * what is allowed, so that it can be shown to the user as is.
 */
public class SpaceException extends IllegalArgumentException {

    private final String field;
    private final transient Object value;

    public SpaceException(String field, Object value, String allowed) {
        super(field + ": " + value + " is not allowed; " + allowed);
        this.field = field;
        this.value = value;
    }

    /** The offending field, e.g. {@code parameters[2].max}. */
    public String field() {
        return field;
    }

    public Object value() {
        return value;
    }
}
