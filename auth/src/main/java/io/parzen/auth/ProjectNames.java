package io.parzen.auth;

import java.util.regex.Pattern;

/**
 * Project names: 1 to 63 characters, lower-case letters, digits, {@code -}, {@code _} and {@code .},
 * starting with a letter or digit (so a name is safe in a path, a log line and a Kafka header).
 */
public final class ProjectNames {

    /** The project of a task that names none (REST without a project, a {@code TaskCreated} without one). */
    public static final String DEFAULT = "default";

    /** The rule, as a regular expression. */
    public static final String PATTERN = "[a-z0-9][a-z0-9._-]{0,62}";

    /** The rule in words, for error messages. */
    public static final String RULE = "must be 1 to 63 characters: lower-case letters, digits, '-', '_' or '.', "
            + "starting with a letter or digit";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private ProjectNames() {
    }

    public static boolean isValid(String name) {
        return name != null && COMPILED.matcher(name).matches();
    }

    /** The project an event carries, or {@link #DEFAULT} when it carries none (older producers). */
    public static String orDefault(String project) {
        return project == null || project.isBlank() ? DEFAULT : project;
    }
}
