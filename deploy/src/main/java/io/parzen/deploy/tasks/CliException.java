package io.parzen.deploy.tasks;

/** A failure of a task command with what to do about it, and the exit code it ends with. */
public class CliException extends Exception {

    /** Could not talk to a service, or it refused the request. */
    public static final int FAILED = 1;
    /** Wrong arguments (picocli's usage code). */
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
