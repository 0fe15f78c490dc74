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
 * @param passAs how the executor passes the value, e.g. {@code --{name}={value}} (the default)
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
        String passAs) {

    /** A search-space parameter without grid style or pass-as. */
    public static ParameterSpec of(String name, String distribution, Double min, Double max, Double qStep,
            List<Object> values) {
        return new ParameterSpec(name, distribution, min, max, qStep, values, null, null, null);
    }
}
