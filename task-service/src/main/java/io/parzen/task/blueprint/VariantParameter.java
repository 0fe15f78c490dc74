package io.parzen.task.blueprint;

import java.util.Map;

/**
 * A parameter a task varies ({@code variant-param} of valohai.yaml).
 *
 * @param name the step parameter it varies
 * @param style {@code single}, {@code multiple}, {@code linear}, {@code logspace} or {@code random} (lowercased; empty means single)
 * @param rules the style's rules as written (numbers are {@link Long} or {@link Double}, {@code distribution} lowercased)
 * @param line 1-based line of the parameter in the YAML
 * @param column 1-based column of the parameter in the YAML
 */
public record VariantParameter(String name, String style, Map<String, Object> rules, int line, int column) {
}
