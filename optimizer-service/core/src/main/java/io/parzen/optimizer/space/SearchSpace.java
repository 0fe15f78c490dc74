package io.parzen.optimizer.space;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An ordered list of uniquely named parameters. */
public record SearchSpace(List<Parameter> parameters) {

    public SearchSpace {
        if (parameters == null || parameters.isEmpty()) {
            throw new SpaceException("parameters", parameters, "a search space needs at least one parameter");
        }
        Set<String> names = new HashSet<>();
        for (Parameter p : parameters) {
            if (!names.add(p.name())) {
                throw new SpaceException("parameters", p.name(), "parameter names must be unique");
            }
        }
        parameters = List.copyOf(parameters);
    }

    public static SearchSpace of(Parameter... parameters) {
        return new SearchSpace(List.of(parameters));
    }

    public int size() {
        return parameters.size();
    }

    /** True when every parameter is finite, so the space can be exhausted. */
    public boolean isFinite() {
        return parameters.stream().allMatch(Parameter::isFinite);
    }

    /** Number of distinct points (saturating at {@link Long#MAX_VALUE}). */
    public long cardinality() {
        long total = 1;
        for (Parameter p : parameters) {
            long c = p.cardinality();
            if (c == Long.MAX_VALUE || total > Long.MAX_VALUE / c) {
                return Long.MAX_VALUE;
            }
            total *= c;
        }
        return total;
    }

    /** Validates and normalizes a point: every parameter present, every value allowed. */
    public Map<String, Object> normalize(Map<String, Object> point) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (!point.containsKey(p.name())) {
                throw new SpaceException(p.name(), null, "every parameter of the space needs a value");
            }
            out.put(p.name(), p.normalize(point.get(p.name())));
        }
        return out;
    }
}
