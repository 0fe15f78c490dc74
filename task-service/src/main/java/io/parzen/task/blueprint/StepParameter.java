package io.parzen.task.blueprint;

import java.util.List;

/**
 * A parameter of a step ({@code param-item} of valohai.yaml).
 *
 * @param name the parameter's name, unique within the step
 * @param type {@code integer}, {@code float}, {@code string} (the default) or {@code flag}
 * @param defaultValue the default value (a number, string, boolean, or a list with {@code multiple}); may be null
 * @param min minimum of a numeric parameter, or null
 * @param max maximum of a numeric parameter, or null
 * @param choices allowed values, or null
 * @param description help text, or null
 * @param optional whether the parameter may be left without a value
 * @param passAs {@code pass-as} as written, or null (default {@code --{name}={value}}, {@code --{name}} for flags)
 * @param passTrueAs {@code pass-true-as} of a flag, or null
 * @param passFalseAs {@code pass-false-as} of a flag, or null
 * @param multiple {@code none} (the default), {@code repeat} or {@code separate}
 * @param multipleSeparator separator for {@code separate} ({@code ,} by default)
 * @param line 1-based line of the parameter in the YAML
 * @param column 1-based column of the parameter in the YAML
 */
public record StepParameter(String name, String type, Object defaultValue, Double min, Double max, List<Object> choices,
        String description, boolean optional, String passAs, String passTrueAs, String passFalseAs, String multiple,
        String multipleSeparator, int line, int column) {

    /** The pass-as template Parzen gives the executor; see {@link Blueprint} for flags. */
    public String effectivePassAs() {
        if ("flag".equals(type)) {
            if (passTrueAs != null) {
                return passTrueAs;
            }
            if (passFalseAs != null) {
                return ""; // Valohai: when either is set, pass-as is not used; a true flag then passes nothing
            }
            return passAs != null ? passAs : "--{name}";
        }
        return passAs != null ? passAs : "--{name}={value}";
    }
}
