package io.parzen.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One parameter of a task's search space.
 *
 * <p>For Bayesian and random search, {@code distribution} is one of {@code uniform},
 * {@code loguniform} (min and max are base-10 exponents: -5..-1 means 1e-5..1e-1),
 * {@code integer} or {@code categorical} (with {@code values}); {@code qStep}, when given,
 * rounds values to {@code min + k*qStep} inside [min, max].
 *
 * <p>For grid search, {@code style} is one of Valohai's variant styles ({@code single},
 * {@code multiple}, {@code linear}, {@code logspace}, {@code random}) with its {@code rules}.
 *
 * <p>A value may be a <em>list</em> (of numbers, strings, booleans) only when {@code multiple} is set, as in
 * valohai.yaml: a categorical choice, a grid {@code single} value or {@code multiple} item, a parameter-set
 * value. {@code parameters.json} holds it as a JSON array; the command gets it as Valohai renders it.
 *
 * @param passAs how the executor passes the value, e.g. {@code --{name}={value}} (the default)
 * @param multiple Valohai's {@code multiple}: {@code repeat} (the pass-as arguments once per item:
 *        {@code --tag=a --tag=b}) or {@code separate} (the items joined by {@code multipleSeparator} into one
 *        value: {@code --tag=a,b}); null for a parameter without list values
 * @param multipleSeparator the separator of {@code separate} (Valohai's {@code multiple-separator}); null means
 *        {@value #DEFAULT_SEPARATOR}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParameterSpec(
        String name,
        String distribution,
        Double min,
        Double max,
        Double qStep,
        List<Object> values,
        String style,
        Map<String, Object> rules,
        String passAs,
        String multiple,
        String multipleSeparator) {

    /** {@code multiple: repeat}. */
    public static final String REPEAT = "repeat";
    /** {@code multiple: separate}. */
    public static final String SEPARATE = "separate";
    /** The separator of {@code separate} when none is given, as in Valohai. */
    public static final String DEFAULT_SEPARATOR = ",";

    /** A parameter without list values (the record before {@code multiple}). */
    public ParameterSpec(String name, String distribution, Double min, Double max, Double qStep, List<Object> values,
            String style, Map<String, Object> rules, String passAs) {
        this(name, distribution, min, max, qStep, values, style, rules, passAs, null, null);
    }

    /** The same parameter with Valohai's {@code multiple} mode and separator. */
    public ParameterSpec withMultiple(String mode, String separator) {
        return new ParameterSpec(name, distribution, min, max, qStep, values, style, rules, passAs, mode, separator);
    }

    /** A search-space parameter without grid style or pass-as. */
    public static ParameterSpec of(String name, String distribution, Double min, Double max, Double qStep,
            List<Object> values) {
        return new ParameterSpec(name, distribution, min, max, qStep, values, null, null, null);
    }
}
