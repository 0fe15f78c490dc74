package io.parzen.task.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * PED-ANOVA parameter importance (Watanabe et al., "PED-ANOVA: Efficiently Quantifying
 * Hyperparameter Importance in Arbitrary Subspaces", IJCAI 2023), computed as Optuna's
 * {@code PedAnovaImportanceEvaluator} ({@code optuna/importance/_ped_anova/}) computes it, in plain
 * Java:
 *
 * <ol>
 *   <li>the observations are the completed executions with the metric and every parameter; their loss
 *       is the value to minimize (the metric, its negation for maximize, or its distance to the target
 *       value);</li>
 *   <li>the <em>top</em> observations are those with loss at most
 *       {@code max(2nd smallest loss, quantile(loss, targetQuantile, "higher"))};</li>
 *   <li>for each parameter a Scott's-rule Parzen estimator ({@link ScottParzenEstimator}) is fitted on a
 *       grid to the top observations and one to the observations of the region (with
 *       {@code regionQuantile = 1}: all of them — Optuna's {@code evaluate_on_local=True});</li>
 *   <li>the importance is the Pearson divergence {@code Σ p_local · (p_top/p_local − 1)²} over the grid
 *       (both densities plus 1e-12), normalized so that the importances sum to 1.</li>
 * </ol>
 *
 * Defaults and their source: {@code targetQuantile = 0.1} (Optuna's {@code baseline_quantile=0.1},
 * the paper's γ'), {@code regionQuantile = 1.0} (the paper's γ: the whole observed region, which is what
 * Optuna's {@code evaluate_on_local=True} does), 50 grid cells per numeric parameter ({@code _n_steps}),
 * prior weight 1.0 ({@code _consider_prior=True}, {@code _prior_weight=1.0}), at least 2 top observations
 * ({@code _min_n_top_trials=2}). A parameter with a single possible value has importance 0. With fewer
 * than {@value #MIN_OBSERVATIONS} observations there is no estimate: the result is empty with a reason.
 * An integer parameter whose values fit in 50 cells is counted per value; a larger one on 50 cells.
 */
public final class PedAnova {

    public static final String METHOD = "PED-ANOVA";
    public static final double TARGET_QUANTILE = 0.1;
    public static final double REGION_QUANTILE = 1.0;
    static final double PRIOR_WEIGHT = 1.0;
    static final int MIN_TOP = 2;
    /** Optuna answers equal importances for {@code len(trials) <= min_n_top_trials}; here: no estimate. */
    public static final int MIN_OBSERVATIONS = MIN_TOP + 1;
    private static final double EPS = 1e-12;

    private PedAnova() {
    }

    /** One observation: the parameters of an execution and its loss (lower is better). */
    public record Observation(Map<String, Object> parameters, double loss) {
    }

    /** One parameter's importance. */
    public record Importance(String name, double importance) {
    }

    /**
     * The importances, highest first; empty with {@code reason} when there is no estimate.
     *
     * @param observations how many observations took part
     */
    public record Result(int observations, List<Importance> parameters, String reason) {
    }

    public static Result evaluate(List<Dimension> dimensions, List<Observation> all) {
        return evaluate(dimensions, all, TARGET_QUANTILE, REGION_QUANTILE);
    }

    public static Result evaluate(List<Dimension> dimensions, List<Observation> all, double targetQuantile,
            double regionQuantile) {
        if (dimensions.isEmpty()) {
            return new Result(0, List.of(), "the task has no parameters");
        }
        List<Observation> usable = all.stream()
                .filter(o -> Double.isFinite(o.loss()) && dimensions.stream().allMatch(d -> usable(d, o)))
                .toList();
        if (usable.size() < MIN_OBSERVATIONS) {
            return new Result(usable.size(), List.of(), "PED-ANOVA needs at least " + MIN_OBSERVATIONS
                    + " completed executions with the metric and every parameter; there " + (usable.size() == 1
                    ? "is 1" : "are " + usable.size()));
        }
        List<Dimension> varying = dimensions.stream().filter(d -> !d.single()).toList();
        List<Importance> result = new ArrayList<>();
        if (!varying.isEmpty()) {
            // both quantiles are of all observations (the paper's γ' <= γ): top within region
            List<Observation> region = filter(usable, Math.max(regionQuantile, targetQuantile));
            List<Observation> top = filter(usable, targetQuantile);
            double[] divergence = new double[varying.size()];
            double sum = 0;
            for (int i = 0; i < varying.size(); i++) {
                divergence[i] = pearsonDivergence(varying.get(i), top, region);
                sum += divergence[i];
            }
            for (int i = 0; i < varying.size(); i++) {
                double importance = sum > 0 ? divergence[i] / sum : 1.0 / varying.size();
                result.add(new Importance(varying.get(i).name(), importance));
            }
        }
        dimensions.stream().filter(Dimension::single).forEach(d -> result.add(new Importance(d.name(), 0.0)));
        result.sort(Comparator.comparingDouble(Importance::importance).reversed());
        return new Result(usable.size(), List.copyOf(result), null);
    }

    /** The observations whose loss is at most Optuna's cut-off for {@code quantile} (at least {@link #MIN_TOP}). */
    static List<Observation> filter(List<Observation> observations, double quantile) {
        if (quantile >= 1.0) {
            return observations;
        }
        double[] losses = observations.stream().mapToDouble(Observation::loss).sorted().toArray();
        int n = losses.length;
        double higher = losses[(int) Math.ceil(quantile * (n - 1))]; // numpy quantile, interpolation="higher"
        double cutoff = Math.max(losses[Math.min(n, MIN_TOP) - 1], higher);
        return observations.stream().filter(o -> o.loss() <= cutoff).toList();
    }

    static double pearsonDivergence(Dimension d, List<Observation> top, List<Observation> local) {
        double[] pTop = density(d, top);
        double[] pLocal = density(d, local);
        double divergence = 0;
        for (int i = 0; i < pTop.length; i++) {
            double t = pTop[i] + EPS;
            double l = pLocal[i] + EPS;
            divergence += l * (t / l - 1) * (t / l - 1);
        }
        return divergence;
    }

    private static double[] density(Dimension d, List<Observation> observations) {
        if (!d.numeric()) {
            double[] counts = new double[d.choices().size()];
            for (Observation o : observations) {
                counts[d.choiceIndex(o.parameters().get(d.name()))]++;
            }
            return ScottParzenEstimator.categorical(counts, PRIOR_WEIGHT);
        }
        double[] grid = d.grid();
        double half = (grid[1] - grid[0]) / 2;
        double[] counts = new double[grid.length];
        for (Observation o : observations) {
            double x = d.scaled(o.parameters().get(d.name())) - half;
            // numpy searchsorted(grid, x, side="left"): the first cell whose grid point is >= x
            int i = Arrays.binarySearch(grid, x);
            int cell = i >= 0 ? firstEqual(grid, i) : -i - 1;
            counts[Math.min(cell, grid.length - 1)]++;
        }
        return ScottParzenEstimator.numeric(counts, PRIOR_WEIGHT);
    }

    private static int firstEqual(double[] grid, int i) {
        while (i > 0 && grid[i - 1] == grid[i]) {
            i--;
        }
        return i;
    }

    private static boolean usable(Dimension d, Observation o) {
        Object v = o.parameters().get(d.name());
        if (v == null) {
            return false;
        }
        return d.numeric() ? d.scaled(v) != null : d.choiceIndex(v) >= 0;
    }
}
