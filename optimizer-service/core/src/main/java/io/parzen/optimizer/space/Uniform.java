package io.parzen.optimizer.space;

/**
 * Uniform(min, max) with an optional Q.Step: values are {@code min + k*qStep}, never outside [min, max].
 *
 * @param qStep the quantization step, or null for a continuous parameter
 */
public record Uniform(String name, double min, double max, Double qStep) implements Parameter {

    public Uniform {
        Spaces.requireName(name);
        Spaces.requireRange(name, min, max);
        Spaces.requireStep(name, min, max, qStep);
    }

    @Override
    public boolean isFinite() {
        return qStep != null;
    }

    @Override
    public long cardinality() {
        return qStep == null ? Long.MAX_VALUE : Spaces.gridCount(min, max, qStep);
    }

    @Override
    public Object normalize(Object value) {
        double v = Spaces.requireNumber(name, value);
        Spaces.requireInside(name, v, min, max);
        return qStep == null ? v : Spaces.quantize(v, min, max, qStep);
    }
}
