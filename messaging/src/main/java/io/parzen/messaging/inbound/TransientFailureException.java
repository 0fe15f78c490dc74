package io.parzen.messaging.inbound;

/**
 * A failure that another attempt may not meet (a resource is busy or down). Handlers may throw it
 * for conditions of their own; {@link Failures} recognizes the database's and the network's.
 */
public class TransientFailureException extends RuntimeException {

    public TransientFailureException(String message) {
        super(message);
    }

    public TransientFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
