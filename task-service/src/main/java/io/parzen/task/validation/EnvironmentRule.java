package io.parzen.task.validation;

import io.parzen.events.Events;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A task's {@code environment} (where its executions run; null = {@value Events#DEFAULT_ENVIRONMENT})
 * is a name like a project's; its {@code image} is one line of printable characters.
 */
final class EnvironmentRule {

    /** The form of an environment name. */
    static final String PATTERN = "[a-z0-9][a-z0-9._-]{0,62}";
    private static final Pattern NAME = Pattern.compile(PATTERN);
    /** Longest image reference accepted. */
    static final int MAX_IMAGE_LENGTH = 512;

    private EnvironmentRule() {
    }

    static void check(String environment, String image, List<FieldError> errors) {
        if (environment != null && !NAME.matcher(environment).matches()) {
            errors.add(new FieldError("environment", environment, "is not an environment name; allowed: " + PATTERN
                    + " (lower-case letters, digits, '.', '_', '-'; default " + Events.DEFAULT_ENVIRONMENT + ")"));
        }
        if (image != null && (image.length() > MAX_IMAGE_LENGTH || !image.chars().allMatch(c -> c > 32 && c < 127))) {
            errors.add(new FieldError("image", image.length() > 80 ? image.substring(0, 80) + "…" : image,
                    "must be a container image reference: at most " + MAX_IMAGE_LENGTH
                            + " printable characters without spaces"));
        }
    }
}
