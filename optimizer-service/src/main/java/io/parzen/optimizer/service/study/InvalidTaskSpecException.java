package io.parzen.optimizer.service.study;

/**
 * A task specification the optimizer cannot run. The message names the field, the value and what is
 * allowed. The {@code TaskCreated} record that carried it goes to the dead-letter topic.
 */
public class InvalidTaskSpecException extends IllegalArgumentException {

    private final String field;

    public InvalidTaskSpecException(String field, Object value, String allowed) {
        super(field + ": " + value + " is not allowed; " + allowed);
        this.field = field;
    }

    public InvalidTaskSpecException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
    }

    /** The offending field, e.g. {@code parameters[2].distribution}, or null. */
    public String field() {
        return field;
    }
}
