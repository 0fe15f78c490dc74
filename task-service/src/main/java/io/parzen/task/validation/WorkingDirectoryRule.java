package io.parzen.task.validation;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The syntax of a task's {@code workingDirectory}: no {@code ..} segment (a working directory
 * never climbs out of the folder it is resolved in). The executor checks the real path against
 * its allowed roots ({@code parzen.executor.allowed-roots}) when it runs the execution.
 */
public final class WorkingDirectoryRule {

    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");

    private WorkingDirectoryRule() {
    }

    /** Adds the problems of {@code workingDirectory} (null is the executor's base folder) to {@code errors}. */
    public static void check(String workingDirectory, List<FieldError> errors) {
        if (workingDirectory == null) {
            return;
        }
        if (workingDirectory.indexOf('\0') >= 0) {
            errors.add(new FieldError("workingDirectory", workingDirectory, "must not contain the NUL character"));
            return;
        }
        for (String segment : SEPARATORS.split(workingDirectory)) {
            if (segment.equals("..")) {
                errors.add(new FieldError("workingDirectory", workingDirectory,
                        "must not contain '..' segments: give a folder inside the executor's allowed roots"
                                + " (relative to its base folder, or absolute)"));
                return;
            }
        }
    }
}
