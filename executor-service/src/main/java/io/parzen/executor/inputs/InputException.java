package io.parzen.executor.inputs;

/** An input that cannot be fetched; the message says which URL and why. */
public class InputException extends Exception {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
