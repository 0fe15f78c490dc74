package io.parzen.task.blueprint;

import java.util.List;
import java.util.Optional;

/**
 * A step of valohai.yaml: what runs in each execution of a task.
 *
 * @param name the step's name
 * @param image the Docker image (kept for reference; Parzen's local executor does not use it)
 * @param command the command template, e.g. {@code python train.py {parameters}}; Valohai's
 *        placeholders are kept verbatim for the executor
 * @param parameters the step's parameters, in definition order
 * @param timeLimitSeconds {@code time-limit} in seconds, or null for none
 * @param line 1-based line of the step in the YAML
 * @param column 1-based column of the step in the YAML
 */
public record Step(String name, String image, String command, List<StepParameter> parameters, Long timeLimitSeconds,
        int line, int column) {

    public Optional<StepParameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }
}
