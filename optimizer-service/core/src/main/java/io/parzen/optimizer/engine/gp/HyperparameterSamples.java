package io.parzen.optimizer.engine.gp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Samples of the GP's hyperparameters from their posterior, for an acquisition integrated over them
 * instead of evaluated at the MAP (Snoek, Larochelle and Adams 2012, <i>Practical Bayesian Optimization
 * of Machine Learning Algorithms</i>, section 3.2: Spearmint's "integrated acquisition function", with
 * slice sampling of the hyperparameters). The density is the MAP fit's own objective, {@code
 * exp(−negLogPosterior(θ))} over θ = (ln ℓ per parameter, ln signal[, ln noise]), so the samples sit
 * around the MAP and spread as far as the data leave the length scales undetermined.
 *
 * <p>Univariate slice sampling with stepping out (Neal 2003, <i>Slice sampling</i>, Ann. Statist. 31,
 * figs. 3 and 5), one coordinate after the other, from the MAP; {@value #BURN_IN} sweeps are dropped,
 * then one sample is kept every {@value #THIN} sweeps.
 */
final class HyperparameterSamples {

    /** Sweeps before the first kept sample (the chain starts at the MAP, so few are needed). */
    static final int BURN_IN = 10;
    /** Sweeps between kept samples. */
    static final int THIN = 2;
    /** Initial slice width in each coordinate (natural-log units: a factor e of a length scale). */
    static final double WIDTH = 1.0;
    /** Most steps out on each side of a slice. */
    static final int MAX_STEPS_OUT = 8;
    /** Most shrinkage proposals of one coordinate update before it keeps its value. */
    static final int MAX_SHRINKS = 30;

    private HyperparameterSamples() {
    }

    /**
     * {@code count} samples of θ.
     *
     * @param logDensity ln of the unnormalized posterior density (−∞ outside its support)
     * @param start the MAP θ, where the chain starts
     * @param sampled how many leading coordinates of θ are sampled (the rest stay as in {@code start})
     */
    static List<double[]> sample(ToDoubleFunction<double[]> logDensity, double[] start,
            int sampled, int count, RandomGenerator rng) {
        double[] t = start.clone();
        double current = logDensity.applyAsDouble(t);
        List<double[]> out = new ArrayList<>(count);
        if (!Double.isFinite(current)) {
            return out;
        }
        int sweeps = BURN_IN + THIN * count;
        for (int sweep = 1; sweep <= sweeps; sweep++) {
            for (int k = 0; k < sampled; k++) {
                current = update(logDensity, t, k, current, rng);
            }
            if (sweep > BURN_IN && (sweep - BURN_IN) % THIN == 0) {
                out.add(t.clone());
            }
        }
        return out;
    }

    /** One slice-sampling update of coordinate k; answers the log density at the new point. */
    private static double update(ToDoubleFunction<double[]> logDensity, double[] t, int k,
            double current, RandomGenerator rng) {
        double x0 = t[k];
        double level = current + Math.log(1 - rng.nextDouble()); // ln(u · p(x0)), u in (0, 1]
        double left = x0 - WIDTH * rng.nextDouble();
        double right = left + WIDTH;
        int j = rng.nextInt(MAX_STEPS_OUT + 1);
        int m = MAX_STEPS_OUT - j;
        while (j-- > 0 && at(logDensity, t, k, left) > level) {
            left -= WIDTH;
        }
        while (m-- > 0 && at(logDensity, t, k, right) > level) {
            right += WIDTH;
        }
        for (int s = 0; s < MAX_SHRINKS; s++) {
            double x1 = left + (right - left) * rng.nextDouble();
            double v = at(logDensity, t, k, x1);
            if (v > level) {
                t[k] = x1;
                return v;
            }
            if (x1 < x0) {
                left = x1;
            } else {
                right = x1;
            }
        }
        t[k] = x0;
        return current;
    }

    private static double at(ToDoubleFunction<double[]> logDensity, double[] t, int k, double v) {
        double keep = t[k];
        t[k] = v;
        double d = logDensity.applyAsDouble(t);
        t[k] = keep;
        return Double.isNaN(d) ? Double.NEGATIVE_INFINITY : d;
    }
}
