package io.parzen.events.vocabulary;

import java.util.List;

/**
 * A string is not one of the words the contract allows in its place. An {@link IllegalArgumentException},
 * so callers that already treat bad arguments as bad input keep working; its own type lets a consumer tell
 * bad input from a bug.
 */
public class UnknownWireValueException extends IllegalArgumentException {

    private final String what;
    private final String value;
    private final List<String> allowed;

    public UnknownWireValueException(String what, String value, List<String> allowed) {
        super(what + " " + (value == null ? "is missing" : "'" + value + "' is not allowed") + "; allowed: "
                + String.join(", ", allowed));
        this.what = what;
        this.value = value;
        this.allowed = List.copyOf(allowed);
    }

    /** What the value is, e.g. {@code task type}. */
    public String what() {
        return what;
    }

    /** The value as given (null when it was missing). */
    public String value() {
        return value;
    }

    /** The wire names allowed in its place, in the contract's order. */
    public List<String> allowed() {
        return allowed;
    }
}
