package io.parzen.optimizer.engine.support;

import io.parzen.optimizer.space.Codec;
import java.util.random.RandomGenerator;

/**
 * Independent random draws of a point (the benchmark protocol's random seeding):
 * <ul>
 *   <li>Uniform: uniform in [min, max];</li>
 *   <li>Log Uniform: 10^U(minExponent, maxExponent), i.e. uniform in log space;</li>
 *   <li>Integer and quantized Uniform: uniform over the grid points {@code min + k*step}, each with the
 *       same weight (as Optuna's RandomSampler does; Valohai-style rounding of a continuous draw would
 *       give the two end points half weight);</li>
 *   <li>quantized Log Uniform: 10^U, then rounded to the nearest grid point (keeps the spread over
 *       decades; Optuna has no such distribution);</li>
 *   <li>Categorical: uniform over the values.</li>
 * </ul>
 */
public final class RandomSampling {

    private RandomSampling() {
    }

    /** One code of dimension d. */
    public static double draw(Codec codec, int d, RandomGenerator random) {
        switch (codec.kind(d)) {
            case CONTINUOUS -> {
                double lo = codec.low(d);
                double hi = codec.high(d);
                double u = lo + random.nextDouble() * (hi - lo);
                return Math.min(u, hi);
            }
            case DISCRETE -> {
                if (codec.isLog(d)) {
                    double lo = Math.log(codec.gridValue(d, 0));
                    double hi = Math.log(((io.parzen.optimizer.space.LogUniform) codec.parameter(d)).high());
                    double u = lo + random.nextDouble() * (hi - lo);
                    return codec.nearestIndex(d, u);
                }
                return random.nextLong(codec.count(d));
            }
            default -> {
                return random.nextLong(codec.count(d));
            }
        }
    }

    /** A whole point's codes. */
    public static double[] draw(Codec codec, RandomGenerator random) {
        double[] c = new double[codec.dims()];
        for (int d = 0; d < c.length; d++) {
            c[d] = draw(codec, d, random);
        }
        return c;
    }
}
