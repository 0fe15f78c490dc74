package io.parzen.optimizer.service.messaging;

/**
 * A record that is not a valid event of the contract (not JSON, wrong shape, a required field
 * missing, a newer schema). Failing with it sends the record to the dead-letter topic with this
 * message as {@code dead-letter-reason}.
 */
public class InvalidEventException extends IllegalArgumentException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
