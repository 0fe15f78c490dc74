package io.parzen.task.blueprint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step of valohai.yaml: what runs in each execution of a task.
 *
 * @param name the step's name
 * @param image the Docker image, or null; becomes the task's {@code image} (executors that run images use it)
 * @param command the command template, e.g. {@code python train.py {parameters}}; Valohai's
 *        placeholders are kept verbatim for the executor; null when the step has a list of several commands
 * @param parameters the step's parameters, in definition order
 * @param timeLimitSeconds {@code time-limit} in seconds, or null for none
 * @param line 1-based line of the step in the YAML
 * @param column 1-based column of the step in the YAML
 * @param commands every command of the step, in order (one element for a single command)
 * @param inputs the step's inputs: name to the default URLs (empty for an input without a default)
 * @param environment the step's {@code environment} (where its executions run), or null for the default
 */
public record Step(String name, String image, String command, List<StepParameter> parameters, Long timeLimitSeconds,
        int line, int column, List<String> commands, Map<String, List<String>> inputs, String environment) {

    /** A step without an environment (the signature before environments). */
    public Step(String name, String image, String command, List<StepParameter> parameters, Long timeLimitSeconds,
            int line, int column, List<String> commands, Map<String, List<String>> inputs) {
        this(name, image, command, parameters, timeLimitSeconds, line, column, commands, inputs, null);
    }

    /** A step with one command and no inputs (the signature before command lists). */
    public Step(String name, String image, String command, List<StepParameter> parameters, Long timeLimitSeconds,
            int line, int column) {
        this(name, image, command, parameters, timeLimitSeconds, line, column,
                command == null ? List.of() : List.of(command), Map.of());
    }

    public Optional<StepParameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }
}
