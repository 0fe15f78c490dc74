package io.parzen.optimizer.space;

/**
 * Integer(min, max) with step (Q.Step) 1 unless given: values are {@code min + k*step} inside [min, max].
 */
public record IntegerParameter(String name, long min, long max, long step) implements Parameter {

    public IntegerParameter {
        Spaces.requireName(name);
        Spaces.requireRange(name, min, max);
        Spaces.requireStep(name, min, max, (double) step);
    }

    public IntegerParameter(String name, long min, long max) {
        this(name, min, max, 1);
    }

    @Override
    public boolean isFinite() {
        return true;
    }

    @Override
    public long cardinality() {
        return (max - min) / step + 1;
    }

    @Override
    public Object normalize(Object value) {
        double v = Spaces.requireNumber(name, value);
        Spaces.requireInside(name, v, min, max);
        long k = Math.round((v - min) / step);
        return Math.min(max, min + Math.max(0, k) * step);
    }
}
