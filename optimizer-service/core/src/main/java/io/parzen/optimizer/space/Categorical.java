package io.parzen.optimizer.space;

import java.util.List;

/**
 * Categorical: one of the given values (strings, numbers, booleans, or lists of them for a Valohai
 * {@code multiple} parameter), all distinct ({@link Values#same}).
 */
public record Categorical(String name, List<Object> values) implements Parameter {

    public Categorical {
        Spaces.requireName(name);
        values = Spaces.requireChoices(name, values);
    }

    @Override
    public boolean isFinite() {
        return true;
    }

    @Override
    public long cardinality() {
        return values.size();
    }

    /** The index of a value (numbers compare by numeric value), or -1. */
    public int indexOf(Object value) {
        for (int i = 0; i < values.size(); i++) {
            if (Spaces.sameValue(values.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object normalize(Object value) {
        int i = indexOf(value);
        if (i < 0) {
            throw new SpaceException(name, value, "allowed values are " + values);
        }
        return values.get(i);
    }
}
