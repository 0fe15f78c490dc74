package io.parzen.bench.pruning;

import io.parzen.optimizer.pruning.Direction;
import io.parzen.optimizer.space.LogUniform;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.Uniform;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic validation-loss curves that cross: configurations that learn fast plateau high.
 *
 * <p>Family: the "pow3" power law {@code y(t) = c + a·t^(−α)} of Domhan, Springenberg &amp; Hutter,
 * "Speeding up automatic hyperparameter optimization of deep neural networks by extrapolation of
 * learning curves", IJCAI 2015 (Table 1, written there for accuracy as {@code c − a·t^(−α)}), with
 * {@code a = 1 − c} so every curve starts at loss 1 at step 1, plus Gaussian noise σ = 0.005 per step:
 *
 * <pre>
 *   u = log10(learning_rate) ∈ [−4, 0],  r = regularization ∈ [0, 1]
 *   speed      α = 0.25 + 1.25 · (u + 4) / 4                 (a larger step size learns faster)
 *   plateau    c = 0.05 + 0.30 · ((u + 2.5) / 1.5)² + 0.15 · (r − 0.3)²   (best at u = −2.5, r = 0.3)
 *   loss(t)    = c + (1 − c) · t^(−α) + N(0, 0.005²),  t = 1..50
 * </pre>
 *
 * Every curve is at 1 at step 1 (step 1 says nothing). u = −1.5 (α ≈ 1.03, plateau 0.18) leads
 * u = −2.5 (α ≈ 0.72, plateau 0.05) until step 7, u = −1 leads u = −3.2 until step 11, u = −1.5 leads
 * u = −3 until step 38: fast learners plateau high, and their curves cross the slower, better ones,
 * which is what fools early stopping. The noise depends on the configuration and the seed only.
 */
public final class CrossingCurves implements CurveProblem {

    public static final int STEPS = 50;

    private static final SearchSpace SPACE = SearchSpace.of(
            new LogUniform("learning_rate", -4, 0, null), new Uniform("regularization", 0, 1, null));

    @Override
    public String name() {
        return "crossing";
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public Direction direction() {
        return Direction.MINIMIZE;
    }

    @Override
    public int steps() {
        return STEPS;
    }

    @Override
    public double[] curve(Map<String, Object> point, long seed) {
        double u = Math.log10(((Number) point.get("learning_rate")).doubleValue());
        double r = ((Number) point.get("regularization")).doubleValue();
        double alpha = 0.25 + 1.25 * (u + 4) / 4;
        double z = (u + 2.5) / 1.5;
        double c = 0.05 + 0.30 * z * z + 0.15 * (r - 0.3) * (r - 0.3);
        SplittableRandom noise = new SplittableRandom(seed * 31 + point.hashCode());
        double[] out = new double[STEPS];
        for (int t = 1; t <= STEPS; t++) {
            out[t - 1] = c + (1 - c) * Math.pow(t, -alpha) + 0.005 * gaussian(noise);
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller, one value
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
