package io.parzen.optimizer.service.study;

import io.parzen.events.ParameterSpec;
import io.parzen.optimizer.grid.VariantParameter;
import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.IntegerParameter;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import io.parzen.optimizer.space.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the parameters of a {@link io.parzen.events.TaskSpec} to the optimizer core's types: a
 * {@link SearchSpace} for random and Bayesian search, {@link VariantParameter}s for grid search.
 * Invalid input throws {@link io.parzen.optimizer.space.SpaceException} (from the core) or
 * {@link InvalidTaskSpecException}, both naming the field.
 */
public final class SpaceMapper {

    public static final String UNIFORM = "uniform";
    public static final String LOGUNIFORM = "loguniform";
    public static final String INTEGER = "integer";
    public static final String CATEGORICAL = "categorical";

    private SpaceMapper() {
    }

    /** The search space of a random or Bayesian task. */
    public static SearchSpace space(List<ParameterSpec> specs) {
        if (specs == null || specs.isEmpty()) {
            throw new InvalidTaskSpecException("parameters", specs, "at least one parameter is required");
        }
        List<Parameter> parameters = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            parameters.add(parameter(specs.get(i), "parameters[" + i + "]"));
        }
        return new SearchSpace(parameters);
    }

    /** One parameter; {@code field} is its path in the task spec, for error messages. */
    public static Parameter parameter(ParameterSpec p, String field) {
        if (p == null) {
            throw new InvalidTaskSpecException(field, null, "a parameter is required");
        }
        String distribution = p.distribution();
        if (distribution == null) {
            throw new InvalidTaskSpecException(field + ".distribution", null,
                    "one of uniform, loguniform, integer, categorical");
        }
        return switch (distribution) {
            case UNIFORM -> new Uniform(p.name(), required(p.min(), field + ".min"), required(p.max(), field + ".max"),
                    p.qStep());
            case LOGUNIFORM -> new LogUniform(p.name(), required(p.min(), field + ".min"),
                    required(p.max(), field + ".max"), p.qStep());
            case INTEGER -> new IntegerParameter(p.name(), integral(p.min(), field + ".min"),
                    integral(p.max(), field + ".max"), p.qStep() == null ? 1 : integral(p.qStep(), field + ".qStep"));
            case CATEGORICAL -> new Categorical(p.name(), p.values());
            default -> throw new InvalidTaskSpecException(field + ".distribution", distribution,
                    "one of uniform, loguniform, integer, categorical");
        };
    }

    /** The grid variants of a grid-search task, in order. */
    public static List<VariantParameter> variants(List<ParameterSpec> specs) {
        if (specs == null || specs.isEmpty()) {
            throw new InvalidTaskSpecException("parameters", specs, "at least one parameter is required");
        }
        List<VariantParameter> variants = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            ParameterSpec p = specs.get(i);
            String field = "parameters[" + i + "]";
            if (p == null || p.name() == null || p.name().isBlank()) {
                throw new InvalidTaskSpecException(field + ".name", p == null ? null : p.name(),
                        "a parameter needs a non-empty name");
            }
            if (p.style() == null || p.style().isBlank()) {
                throw new InvalidTaskSpecException(field + ".style", p.style(),
                        "grid search needs a style: single, multiple, linear, logspace or random");
            }
            variants.add(new VariantParameter(p.name(), p.style(), p.rules() == null ? Map.of() : p.rules()));
        }
        return variants;
    }

    /**
     * The space of a manual-search task: its declared parameters when every one has a distribution,
     * otherwise one categorical parameter per key of the parameter sets holding the values they list
     * (so that the engine can tell which sets were issued, and values compare by value). A value may be a
     * list (a Valohai {@code multiple} parameter's value); it is one choice.
     */
    public static SearchSpace manualSpace(List<ParameterSpec> declared, List<Map<String, Object>> sets) {
        if (declared != null && !declared.isEmpty()
                && declared.stream().allMatch(p -> p != null && p.distribution() != null)) {
            return space(declared);
        }
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (int i = 0; i < sets.size(); i++) {
            Map<String, Object> set = sets.get(i);
            if (set == null || set.isEmpty()) {
                throw new InvalidTaskSpecException("parameterSets[" + i + "]", set,
                        "a parameter set needs at least one value");
            }
            for (Map.Entry<String, Object> e : set.entrySet()) {
                Object v = e.getValue();
                if (!Values.isValue(v)) {
                    throw new InvalidTaskSpecException("parameterSets[" + i + "]." + e.getKey(), v,
                            "values must be strings, numbers or booleans, or (for a parameter with multiple)"
                                    + " lists of them");
                }
                List<Object> known = values.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                if (known.stream().noneMatch(k -> Values.same(k, v))) {
                    known.add(v);
                }
            }
        }
        List<Parameter> parameters = new ArrayList<>();
        values.forEach((name, list) -> parameters.add(new Categorical(name, list)));
        return new SearchSpace(parameters);
    }

    private static double required(Double v, String field) {
        if (v == null) {
            throw new InvalidTaskSpecException(field, null, "a number is required");
        }
        return v;
    }

    private static long integral(Double v, String field) {
        double d = required(v, field);
        if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) > 1e15) {
            throw new InvalidTaskSpecException(field, v, "an integer is required");
        }
        return (long) d;
    }
}
