package io.parzen.optimizer.space;

/**
 * Log Uniform: {@code minExponent} and {@code maxExponent} are base-10 exponents, so values lie in
 * [10^minExponent, 10^maxExponent] with a uniform density of their base-10 logarithm.
 *
 * <p>Q.Step rule (the same in grid, random and Bayesian search): the step applies to the
 * <em>value</em>, not to the exponent. A value is rounded to {@code 10^minExponent + k*qStep} and
 * kept inside the bounds.
 *
 * @param qStep quantization step on the value, or null
 */
public record LogUniform(String name, double minExponent, double maxExponent, Double qStep) implements Parameter {

    public LogUniform {
        Spaces.requireName(name);
        Spaces.requireRange(name, minExponent, maxExponent);
        Spaces.requireStep(name, Math.pow(10, minExponent), Math.pow(10, maxExponent), qStep);
    }

    public double low() {
        return Math.pow(10, minExponent);
    }

    public double high() {
        return Math.pow(10, maxExponent);
    }

    @Override
    public boolean isFinite() {
        return qStep != null;
    }

    @Override
    public long cardinality() {
        return qStep == null ? Long.MAX_VALUE : Spaces.gridCount(low(), high(), qStep);
    }

    @Override
    public Object normalize(Object value) {
        double v = Spaces.requireNumber(name, value);
        Spaces.requireInside(name, v, low(), high());
        return qStep == null ? v : Spaces.quantize(v, low(), high(), qStep);
    }
}
