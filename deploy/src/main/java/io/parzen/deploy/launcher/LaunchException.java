package io.parzen.deploy.launcher;

/** Starting the system failed; the message says what to do, {@link #logTail()} shows the culprit's log. */
public class LaunchException extends Exception {

    private final String logTail;

    public LaunchException(String message) {
        this(message, null);
    }

    public LaunchException(String message, String logTail) {
        super(message);
        this.logTail = logTail;
    }

    public String logTail() {
        return logTail;
    }
}
