package io.parzen.optimizer.pruning;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Hyperband over ASHA, Optuna's {@code HyperbandPruner} ({@code optuna/pruners/_hyperband.py}, Optuna 5.0).
 *
 * <p>{@code nBrackets = ⌊log_rf(maxResource / minResource)⌋ + 1}; bracket b is a
 * {@link SuccessiveHalvingPruner} with {@code min_early_stopping_rate = b} that sees only the trials of
 * its own bracket, and gets a share {@code ⌈nBrackets · rf^s / (s + 1)⌉}, {@code s = nBrackets − 1 − b},
 * of the trials.
 *
 * <p><b>Bracket of a trial</b>: exactly Optuna's {@code _get_bracket_id} —
 * {@code crc32("<study name>_<trial number>") mod Σ shares}, walked through the shares in bracket
 * order — with the task id as the study name and {@code seq − 1} as the trial number. It depends on
 * nothing else, so an execution keeps its bracket for its whole life and across restarts (as long
 * as the number of brackets is the same, see below).
 *
 * <p>Defaults ({@code HyperbandPruner.__init__}): {@code min_resource=1}, {@code max_resource="auto"}
 * (the largest last step of the COMPLETE trials + 1; no pruning while no trial is complete),
 * {@code reduction_factor=3}, {@code bootstrap_count=0} (needs an explicit max resource when
 * positive). Optuna fixes an "auto" max resource when the first trial completes; Parzen, being
 * stateless, takes the first-issued COMPLETE trial's last step + 1 and, like Optuna, counts no rung
 * records of the trials issued up to it (see {@link SuccessiveHalvingPruner}).
 */
public final class HyperbandPruner implements Pruner {

    public static final long DEFAULT_MIN_RESOURCE = 1;
    public static final int DEFAULT_REDUCTION_FACTOR = 3;
    public static final int DEFAULT_BOOTSTRAP_COUNT = 0;

    private final long minResource;
    /** Null = "auto". */
    private final Long maxResource;
    private final int reductionFactor;
    private final int bootstrapCount;

    /**
     * @param maxResource the largest step a trial reaches, or null for Optuna's "auto"
     * @throws IllegalArgumentException naming the parameter, its value and what is allowed
     */
    public HyperbandPruner(long minResource, Long maxResource, int reductionFactor, int bootstrapCount) {
        if (minResource < 1) {
            throw new IllegalArgumentException("minResource must be at least 1, got " + minResource);
        }
        if (maxResource != null && maxResource < minResource) {
            throw new IllegalArgumentException("maxResource must be \"auto\" or at least minResource ("
                    + minResource + "), got " + maxResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reductionFactor must be at least 2, got " + reductionFactor);
        }
        if (bootstrapCount < 0) {
            throw new IllegalArgumentException("bootstrapCount must not be negative, got " + bootstrapCount);
        }
        if (bootstrapCount > 0 && maxResource == null) {
            throw new IllegalArgumentException("bootstrapCount " + bootstrapCount
                    + " needs an explicit maxResource (\"auto\" is allowed only with bootstrapCount 0)");
        }
        this.minResource = minResource;
        this.maxResource = maxResource;
        this.reductionFactor = reductionFactor;
        this.bootstrapCount = bootstrapCount;
    }

    /** Optuna's defaults: 1, auto, 3, 0. */
    public HyperbandPruner() {
        this(DEFAULT_MIN_RESOURCE, null, DEFAULT_REDUCTION_FACTOR, DEFAULT_BOOTSTRAP_COUNT);
    }

    @Override
    public String type() {
        return "hyperband";
    }

    @Override
    public boolean shouldPrune(PruningStudy study, LearningCurve trial) {
        if (trial.lastStep() == null) {
            return false;
        }
        List<LearningCurve> others = study.others(trial.seq());
        long maxRes;
        if (maxResource != null) {
            maxRes = maxResource;
        } else {
            LearningCurve first = SuccessiveHalvingPruner.firstComplete(others);
            if (first == null) {
                return false;
            }
            maxRes = first.lastStep() + 1;
            others = SuccessiveHalvingPruner.recordingAfter(others, first);
        }
        int[] budgets = budgets(brackets(maxRes));
        int bracket = bracketOf(study.name(), trial.seq(), budgets);
        List<LearningCurve> sameBracket = others.stream()
                .filter(t -> bracketOf(study.name(), t.seq(), budgets) == bracket).toList();
        SuccessiveHalvingPruner sh = new SuccessiveHalvingPruner(minResource, reductionFactor, bracket, bootstrapCount);
        return sh.decide(sameBracket, trial, minResource, study.direction());
    }

    /** The number of brackets for a max resource ({@code math.floor(math.log(max / min, rf)) + 1}). */
    int brackets(long maxRes) {
        return (int) Math.floor(Math.log((double) maxRes / minResource) / Math.log(reductionFactor)) + 1;
    }

    /** Each bracket's share of trials ({@code _calculate_trial_allocation_budget}). */
    int[] budgets(int nBrackets) {
        int[] out = new int[nBrackets];
        for (int b = 0; b < nBrackets; b++) {
            int s = nBrackets - 1 - b;
            out[b] = (int) Math.ceil(nBrackets * Math.pow(reductionFactor, s) / (s + 1));
        }
        return out;
    }

    /** Optuna's {@code _get_bracket_id}: crc32 of {@code "<study>_<number>"} modulo the total budget. */
    static int bracketOf(String studyName, int seq, int[] budgets) {
        long total = 0;
        for (int b : budgets) {
            total += b;
        }
        CRC32 crc = new CRC32();
        crc.update((studyName + "_" + (seq - 1)).getBytes(StandardCharsets.UTF_8));
        long n = crc.getValue() % total;
        for (int b = 0; b < budgets.length; b++) {
            n -= budgets[b];
            if (n < 0) {
                return b;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
