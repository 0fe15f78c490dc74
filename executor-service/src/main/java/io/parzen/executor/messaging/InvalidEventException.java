package io.parzen.executor.messaging;

/** A record that cannot be processed as it is; it goes to the dead-letter topic with this message. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
