package io.parzen.optimizer.pruning;

import io.parzen.optimizer.study.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous Successive Halving (ASHA), Optuna's {@code SuccessiveHalvingPruner}
 * ({@code optuna/pruners/_successive_halving.py}, Optuna 5.0).
 *
 * <p>Rung k is reached at step {@code minResource · reductionFactor^(minEarlyStoppingRate + k)}. When
 * a running trial reports at or past the step of its next rung, its value there is recorded for that
 * rung and compared with the values other trials recorded for the same rung: it is promoted (not
 * pruned) when it is among the best {@code ⌊n / reductionFactor⌋} of the n competing values (itself
 * included), or the best one while n &lt; reductionFactor ({@code _is_trial_promotable_to_next_rung}).
 * A NaN value at a rung is pruned; with {@code n ≤ bootstrapCount} the trial is pruned. One report
 * may pass several rungs.
 *
 * <p>Defaults ({@code SuccessiveHalvingPruner.__init__}): {@code min_resource="auto"} (the largest last
 * step of the COMPLETE trials // 100, at least 1; no pruning while no trial is complete),
 * {@code reduction_factor=4}, {@code min_early_stopping_rate=0}, {@code bootstrap_count=0}
 * ({@code bootstrap_count > 0} needs an explicit {@code min_resource}).
 *
 * <p><b>Stateless</b>: Optuna stores each trial's rung values as system attributes
 * ({@code completed_rung_k}) when it passes a rung, and freezes an "auto" min resource at its first
 * estimate. Parzen derives both from the learning curves instead: a trial's value for rung k is its
 * value at its first reported step at or past the rung's step — what Optuna records when the trial
 * is checked after every report — except that a PRUNED trial records only the first rung of its last
 * step (the one it was stopped at), a NaN value records nothing, and "auto" is re-estimated from
 * the trials: the first-issued COMPLETE trial's last step // 100, and trials issued up to that one
 * hold no records (Optuna decides nothing, records nothing, before a trial is complete). Both are exact
 * for trials run one after another; with parallel executions, records made by trials issued before the
 * first complete one, after it completed, are not counted (a little less pruning, never more).
 */
public final class SuccessiveHalvingPruner implements Pruner {

    public static final int DEFAULT_REDUCTION_FACTOR = 4;
    /** "auto" minResource = last step of the first complete trial // this, at least 1 (Optuna 5 {@code _successive_halving.py}). */
    public static final long AUTO_MIN_RESOURCE_DIVISOR = 100;
    public static final int DEFAULT_MIN_EARLY_STOPPING_RATE = 0;
    public static final int DEFAULT_BOOTSTRAP_COUNT = 0;

    /** Null = "auto". */
    private final Long minResource;
    private final int reductionFactor;
    private final int minEarlyStoppingRate;
    private final int bootstrapCount;

    /**
     * @param minResource the step of rung 0, or null for Optuna's "auto"
     * @throws IllegalArgumentException naming the parameter, its value and what is allowed
     */
    public SuccessiveHalvingPruner(Long minResource, int reductionFactor, int minEarlyStoppingRate, int bootstrapCount) {
        if (minResource != null && minResource < 1) {
            throw new IllegalArgumentException("minResource must be \"auto\" or at least 1, got " + minResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reductionFactor must be at least 2, got " + reductionFactor);
        }
        if (minEarlyStoppingRate < 0) {
            throw new IllegalArgumentException("minEarlyStoppingRate must not be negative, got " + minEarlyStoppingRate);
        }
        if (bootstrapCount < 0) {
            throw new IllegalArgumentException("bootstrapCount must not be negative, got " + bootstrapCount);
        }
        if (bootstrapCount > 0 && minResource == null) {
            throw new IllegalArgumentException("bootstrapCount " + bootstrapCount
                    + " needs an explicit minResource (\"auto\" is allowed only with bootstrapCount 0)");
        }
        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
        this.bootstrapCount = bootstrapCount;
    }

    /** Optuna's defaults: auto, 4, 0, 0. */
    public SuccessiveHalvingPruner() {
        this(null, DEFAULT_REDUCTION_FACTOR, DEFAULT_MIN_EARLY_STOPPING_RATE, DEFAULT_BOOTSTRAP_COUNT);
    }

    @Override
    public String type() {
        return "successive_halving";
    }

    @Override
    public boolean shouldPrune(PruningStudy study, LearningCurve trial) {
        if (trial.lastStep() == null) {
            return false;
        }
        List<LearningCurve> others = study.others(trial.seq());
        if (minResource != null) {
            return decide(others, trial, minResource, study.direction());
        }
        LearningCurve first = firstComplete(others);
        if (first == null) {
            return false;
        }
        return decide(recordingAfter(others, first), trial, Math.max(first.lastStep() / AUTO_MIN_RESOURCE_DIVISOR, 1L), study.direction());
    }

    /**
     * The COMPLETE trial with a last step that was issued first, or null: Optuna fixes an "auto"
     * resource when the first trial completes, from the complete trials then ({@code _estimate_min_resource},
     * {@code HyperbandPruner._try_initialization}).
     */
    static LearningCurve firstComplete(List<LearningCurve> trials) {
        LearningCurve first = null;
        for (LearningCurve t : trials) {
            if (t.state() == TrialState.COMPLETE && t.lastStep() != null && (first == null || t.seq() < first.seq())) {
                first = t;
            }
        }
        return first;
    }

    /**
     * The trials that can hold rung records under an "auto" resource: before it is fixed Optuna
     * returns "do not prune" without recording anything, so the trials issued up to the first complete
     * one (which ran, one after another, before it) have no records.
     */
    static List<LearningCurve> recordingAfter(List<LearningCurve> trials, LearningCurve first) {
        return trials.stream().filter(t -> t.seq() > first.seq()).toList();
    }

    /** The SH rule for {@code trial} against {@code others} (the whole study, or one Hyperband bracket). */
    boolean decide(List<LearningCurve> others, LearningCurve trial, long minRes, Direction direction) {
        long step = trial.lastStep();
        double value = trial.values().get(step);
        int rung = currentRung(trial, step, minRes);
        while (true) {
            long promotionStep = promotionStep(minRes, rung);
            if (step < promotionStep) {
                return false;
            }
            if (Double.isNaN(value)) {
                return true;
            }
            List<Double> competing = new ArrayList<>();
            for (LearningCurve other : others) {
                List<Double> recorded = rungValues(other, minRes);
                if (recorded.size() > rung) {
                    competing.add(recorded.get(rung));
                }
            }
            competing.add(value);
            if (competing.size() <= bootstrapCount) {
                return true;
            }
            if (!promotable(value, competing, direction)) {
                return true;
            }
            rung++;
        }
    }

    /** {@code minRes · rf^(minEarlyStoppingRate + rung)}, saturating at Long.MAX_VALUE. */
    long promotionStep(long minRes, int rung) {
        long s = minRes;
        for (int i = 0; i < minEarlyStoppingRate + rung; i++) {
            if (s > Long.MAX_VALUE / reductionFactor) {
                return Long.MAX_VALUE;
            }
            s *= reductionFactor;
        }
        return s;
    }

    /** The rungs a running trial passed at the reports before {@code step} ({@code _get_current_rung}). */
    private int currentRung(LearningCurve trial, long step, long minRes) {
        int rung = 0;
        for (Map.Entry<Long, Double> e : trial.values().headMap(step, false).entrySet()) {
            while (e.getKey() >= promotionStep(minRes, rung) && !Double.isNaN(e.getValue())) {
                rung++;
            }
        }
        return rung;
    }

    /** The value a trial recorded for each rung it reached, by rung (index = rung, null = none). */
    private List<Double> rungValues(LearningCurve trial, long minRes) {
        List<Double> out = new ArrayList<>();
        Long last = trial.lastStep();
        for (Map.Entry<Long, Double> e : trial.values().entrySet()) {
            double v = e.getValue();
            while (e.getKey() >= promotionStep(minRes, out.size())) {
                if (Double.isNaN(v)) {
                    return out; // pruned at this rung without a record
                }
                out.add(v);
                if (trial.state() == TrialState.PRUNED && e.getKey().equals(last)) {
                    return out; // stopped at the first rung of its last report
                }
            }
        }
        return out;
    }

    /** Optuna's {@code _is_trial_promotable_to_next_rung}. */
    private boolean promotable(double value, List<Double> competing, Direction direction) {
        int idx = competing.size() / reductionFactor - 1;
        if (idx == -1) {
            idx = 0;
        }
        double[] sorted = competing.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        if (direction == Direction.MAXIMIZE) {
            return value >= sorted[sorted.length - 1 - idx];
        }
        return value <= sorted[idx];
    }
}
