package io.parzen.optimizer.grid;

import io.parzen.optimizer.space.Categorical;
import io.parzen.optimizer.space.Parameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.SpaceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The expanded grid of a grid-search task: the product of the variant parameters' value lists
 * ({@link Variants#expand}) in declaration order, the <em>last</em> parameter varying fastest (like
 * {@code itertools.product} and nested loops written in declaration order). Point {@code i} is the
 * i-th combination in that order.
 */
public final class Grid {

    private final List<String> names;
    private final List<List<Object>> values;
    private final long size;

    private Grid(List<String> names, List<List<Object>> values) {
        this.names = List.copyOf(names);
        this.values = List.copyOf(values);
        long s = 1;
        for (List<Object> v : values) {
            s = Math.multiplyHigh(s, v.size()) != 0 || s * v.size() < 0 ? Long.MAX_VALUE : s * v.size();
        }
        this.size = s;
    }

    /**
     * Expands the variant parameters. {@code taskSeed} seeds {@code random} styles that give no seed.
     *
     * @throws SpaceException on an empty list, a repeated name or an invalid rule
     */
    public static Grid of(List<VariantParameter> variants, long taskSeed) {
        if (variants == null || variants.isEmpty()) {
            throw new SpaceException("parameters", variants, "a grid needs at least one parameter");
        }
        List<String> names = new ArrayList<>();
        List<List<Object>> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (VariantParameter v : variants) {
            List<Object> list = Variants.expand(v, taskSeed);
            if (!seen.add(v.name())) {
                throw new SpaceException("parameters", v.name(), "parameter names must be unique");
            }
            names.add(v.name());
            values.add(List.copyOf(list));
        }
        return new Grid(names, values);
    }

    public List<String> names() {
        return names;
    }

    /** The expanded value list of each parameter, in declaration order. */
    public List<List<Object>> values() {
        return values;
    }

    /** Number of grid points (saturating at {@link Long#MAX_VALUE}). */
    public long size() {
        return size;
    }

    /** Point i (0-based) of the product, the last parameter varying fastest. */
    public Map<String, Object> point(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        Object[] vals = new Object[names.size()];
        long rest = index;
        for (int d = names.size() - 1; d >= 0; d--) {
            int c = values.get(d).size();
            vals[d] = values.get(d).get((int) (rest % c));
            rest /= c;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int d = 0; d < vals.length; d++) {
            out.put(names.get(d), vals[d]);
        }
        return out;
    }

    /** Identity of a point for "already issued" checks: numbers compare by value. */
    public List<Object> key(Map<String, Object> point) {
        List<Object> k = new ArrayList<>(names.size());
        for (String n : names) {
            k.add(Variants.identity(point.get(n)));
        }
        return k;
    }

    /**
     * A search space of categorical parameters holding each list, so that a grid task's trials can be
     * kept in a {@link io.parzen.optimizer.study.Study}.
     */
    public SearchSpace space() {
        List<Parameter> ps = new ArrayList<>();
        for (int d = 0; d < names.size(); d++) {
            ps.add(new Categorical(names.get(d), values.get(d)));
        }
        return new SearchSpace(ps);
    }
}
