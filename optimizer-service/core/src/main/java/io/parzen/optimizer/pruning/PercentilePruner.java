package io.parzen.optimizer.pruning;

import io.parzen.optimizer.study.TrialState;
import java.util.Arrays;
import java.util.List;

/**
 * Optuna's {@code PercentilePruner} ({@code optuna/pruners/_percentile.py}, Optuna 5.0) and, with
 * percentile 50, its {@code MedianPruner} ({@code optuna/pruners/_median.py}).
 *
 * <p>At step s of a running trial, prune when the trial's <em>best</em> intermediate value so far
 * (NaNs ignored; {@code nanmin}/{@code nanmax}) is worse than the given percentile of the values
 * that the study's COMPLETE trials reported at step s ({@code numpy.nanpercentile}, linear
 * interpolation; for MAXIMIZE the percentile {@code 100 − p} is taken). Not pruned:
 * <ul>
 *   <li>while fewer than {@code nStartupTrials} trials are COMPLETE (and never with none);</li>
 *   <li>at steps below {@code nWarmupSteps};</li>
 *   <li>unless s is the trial's first report in its interval: the checks happen at
 *       {@code nWarmupSteps + k·intervalSteps}, and a check that finds no report there is postponed
 *       to the next reported step ({@code _is_first_in_interval_step});</li>
 *   <li>when fewer than {@code nMinTrials} complete trials reported step s (NaN reports count), or
 *       when all of those are NaN.</li>
 * </ul>
 * Pruned: a trial whose every intermediate value is NaN (once the rules above allow a check).
 *
 * <p>Defaults ({@code MedianPruner.__init__}): {@code n_startup_trials=5}, {@code n_warmup_steps=0},
 * {@code interval_steps=1}, {@code n_min_trials=1}. {@code PercentilePruner} has the same defaults
 * and a required percentile in [0, 100].
 */
public final class PercentilePruner implements Pruner {

    public static final int DEFAULT_STARTUP_TRIALS = 5;
    /** The median is the 50th percentile (Optuna 5 {@code MedianPruner} is a {@code PercentilePruner(50.0)}). */
    public static final double MEDIAN_PERCENTILE = 50.0;
    public static final int DEFAULT_WARMUP_STEPS = 0;
    public static final int DEFAULT_INTERVAL_STEPS = 1;
    public static final int DEFAULT_MIN_TRIALS = 1;

    private final String type;
    private final double percentile;
    private final int nStartupTrials;
    private final long nWarmupSteps;
    private final long intervalSteps;
    private final int nMinTrials;

    /**
     * @throws IllegalArgumentException naming the parameter, its value and what is allowed
     */
    public PercentilePruner(double percentile, int nStartupTrials, long nWarmupSteps, long intervalSteps, int nMinTrials) {
        this("percentile", percentile, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }

    private PercentilePruner(String type, double percentile, int nStartupTrials, long nWarmupSteps,
            long intervalSteps, int nMinTrials) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100 inclusive, got " + percentile);
        }
        if (nStartupTrials < 0) {
            throw new IllegalArgumentException("nStartupTrials must not be negative, got " + nStartupTrials);
        }
        if (nWarmupSteps < 0) {
            throw new IllegalArgumentException("nWarmupSteps must not be negative, got " + nWarmupSteps);
        }
        if (intervalSteps < 1) {
            throw new IllegalArgumentException("intervalSteps must be at least 1, got " + intervalSteps);
        }
        if (nMinTrials < 1) {
            throw new IllegalArgumentException("nMinTrials must be at least 1, got " + nMinTrials);
        }
        this.type = type;
        this.percentile = percentile;
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
        this.intervalSteps = intervalSteps;
        this.nMinTrials = nMinTrials;
    }

    /** Optuna's {@code MedianPruner(n_startup_trials, n_warmup_steps, interval_steps, n_min_trials=…)}. */
    public static PercentilePruner median(int nStartupTrials, long nWarmupSteps, long intervalSteps, int nMinTrials) {
        return new PercentilePruner("median", MEDIAN_PERCENTILE, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }

    /** {@code MedianPruner()} with Optuna's defaults (5, 0, 1, 1). */
    public static PercentilePruner median() {
        return median(DEFAULT_STARTUP_TRIALS, DEFAULT_WARMUP_STEPS, DEFAULT_INTERVAL_STEPS, DEFAULT_MIN_TRIALS);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public boolean shouldPrune(PruningStudy study, LearningCurve trial) {
        List<LearningCurve> complete = study.others(trial.seq()).stream()
                .filter(t -> t.state() == TrialState.COMPLETE).toList();
        if (complete.isEmpty() || complete.size() < nStartupTrials) {
            return false;
        }
        Long step = trial.lastStep();
        if (step == null || step < nWarmupSteps) {
            return false;
        }
        if (!isFirstInIntervalStep(step, trial)) {
            return false;
        }
        Direction direction = study.direction();
        double best = bestOverSteps(trial, direction);
        if (Double.isNaN(best)) {
            return true;
        }
        double p = percentileOverTrials(complete, direction, step);
        if (Double.isNaN(p)) {
            return false;
        }
        return direction.better(p, best);
    }

    /** Optuna's {@code _is_first_in_interval_step}. */
    private boolean isFirstInIntervalStep(long step, LearningCurve trial) {
        long nearestLowerPruningStep = Math.floorDiv(step - nWarmupSteps, intervalSteps) * intervalSteps + nWarmupSteps;
        Long secondLast = trial.values().lowerKey(step);
        return (secondLast == null ? -1 : secondLast) < nearestLowerPruningStep;
    }

    /** {@code nanmin} (MINIMIZE) or {@code nanmax} (MAXIMIZE) of the trial's values; NaN when all are NaN. */
    static double bestOverSteps(LearningCurve trial, Direction direction) {
        double best = Double.NaN;
        for (double v : trial.values().values()) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.better(v, best))) {
                best = v;
            }
        }
        return best;
    }

    private double percentileOverTrials(List<LearningCurve> complete, Direction direction, long step) {
        double[] values = complete.stream().filter(t -> t.values().containsKey(step))
                .mapToDouble(t -> t.values().get(step)).toArray();
        if (values.length < nMinTrials) {
            return Double.NaN;
        }
        double q = direction == Direction.MAXIMIZE ? 100 - percentile : percentile;
        return nanPercentile(values, q);
    }

    /**
     * {@code numpy.nanpercentile(values, q)} with numpy's default linear method, including its
     * {@code _lerp} (interpolated from the upper neighbour when the fraction is at least 0.5); NaN when
     * every value is NaN.
     */
    static double nanPercentile(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return Double.NaN;
        }
        double virtual = (n - 1) * (q / 100.0);
        double floor = Math.floor(virtual);
        int prev = (int) Math.max(0, Math.min(n - 1, floor));
        int next = Math.min(n - 1, prev + 1);
        double t = virtual - floor;
        double a = v[prev];
        double b = v[next];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
