package io.parzen.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rule for the environment variables a task declares ({@link TaskSpec#environmentVariables()},
 * {@link SuggestionRequested#environmentVariables()}): checked by task-service at creation and
 * again by an executor before it runs anything. Names are {@code [A-Za-z_][A-Za-z0-9_]*}, at most
 * {@value #MAX_NAME_LENGTH} characters, and not {@code PARZEN_*} (reserved for the variables Parzen
 * sets itself); values are at most {@value #MAX_VALUE_LENGTH} characters without NUL; at most
 * {@value #MAX_COUNT} variables.
 */
public final class EnvironmentVariables {

    public static final int MAX_COUNT = 100;
    public static final int MAX_NAME_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 4096;
    /** Names with this prefix are Parzen's own. */
    public static final String RESERVED_PREFIX = "PARZEN_";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** One thing wrong: the variable's name (null for the whole map) and what is allowed. */
    public record Problem(String name, String message) {
    }

    private EnvironmentVariables() {
    }

    /** Everything wrong with declared variables; empty when they may be used (null is none). */
    public static List<Problem> problems(Map<String, String> variables) {
        List<Problem> out = new ArrayList<>();
        if (variables == null) {
            return out;
        }
        if (variables.size() > MAX_COUNT) {
            out.add(new Problem(null, "at most " + MAX_COUNT + " variables are allowed, got " + variables.size()));
        }
        variables.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                out.add(new Problem(name, "name '" + name + "' is not allowed: use letters, digits and _,"
                        + " not starting with a digit ([A-Za-z_][A-Za-z0-9_]*)"));
            } else if (name.length() > MAX_NAME_LENGTH) {
                out.add(new Problem(name, "name is " + name.length() + " characters long; at most "
                        + MAX_NAME_LENGTH + " are allowed"));
            } else if (name.toUpperCase(java.util.Locale.ROOT).startsWith(RESERVED_PREFIX)) {
                out.add(new Problem(name, "name '" + name + "' is reserved: " + RESERVED_PREFIX
                        + "* variables are set by Parzen itself"));
            }
            if (value == null) {
                out.add(new Problem(name, "value must be a string, got null"));
            } else if (value.length() > MAX_VALUE_LENGTH) {
                out.add(new Problem(name, "value is " + value.length() + " characters long; at most "
                        + MAX_VALUE_LENGTH + " are allowed"));
            } else if (value.indexOf('\0') >= 0) {
                out.add(new Problem(name, "value must not contain the NUL character"));
            }
        });
        return out;
    }
}
