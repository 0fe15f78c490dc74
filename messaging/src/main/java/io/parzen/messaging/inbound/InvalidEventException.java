package io.parzen.messaging.inbound;

/**
 * A record that is not a valid event of the contract, or an event this service cannot accept as
 * input (not JSON, the wrong shape, a required field missing, a newer schema, a task spec it cannot
 * run). Another attempt cannot fix it: it goes to the dead-letter topic at once, with this message
 * as {@code dead-letter-reason}. Throw it (or a subclass) only for bad input, never for a bug.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
