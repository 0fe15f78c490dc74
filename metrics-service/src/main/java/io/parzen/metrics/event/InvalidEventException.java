package io.parzen.metrics.event;

/**
 * A record that is not a valid event (unparseable JSON, a missing field, an unsupported schema
 * version). Such a record goes to the dead-letter topic at once; it is never retried.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
