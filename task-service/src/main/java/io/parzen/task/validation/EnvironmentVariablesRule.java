package io.parzen.task.validation;

import io.parzen.events.EnvironmentVariables;
import java.util.List;
import java.util.Map;

/**
 * A task's {@code environmentVariables}, checked with the rule that executors apply too
 * ({@link EnvironmentVariables}); each problem names {@code environmentVariables.NAME}.
 */
public final class EnvironmentVariablesRule {

    private EnvironmentVariablesRule() {
    }

    /** Adds the problems of {@code variables} (null is none) to {@code errors}. */
    public static void check(Map<String, String> variables, List<FieldError> errors) {
        for (EnvironmentVariables.Problem p : EnvironmentVariables.problems(variables)) {
            if (p.name() == null) {
                errors.add(new FieldError("environmentVariables", variables.size() + " variables", p.message()));
            } else {
                String value = variables.get(p.name());
                Object shown = value != null && value.length() > 100 ? value.substring(0, 100) + "…" : value;
                errors.add(new FieldError("environmentVariables." + p.name(), shown, p.message()));
            }
        }
    }
}
