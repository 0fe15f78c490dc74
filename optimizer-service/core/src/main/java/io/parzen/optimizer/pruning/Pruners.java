package io.parzen.optimizer.pruning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds a pruner from a task's {@code pruner} object, e.g.
 * {@code {"type": "median", "stepKey": "epoch", "nWarmupSteps": 5}}. Parameters are Optuna's, in
 * camelCase, each with Optuna's default when absent (see the pruner classes for the source):
 *
 * <table>
 *   <caption>parameters by type</caption>
 *   <tr><th>type</th><th>parameters (default)</th></tr>
 *   <tr><td>{@code none}</td><td>—</td></tr>
 *   <tr><td>{@code median}</td><td>nStartupTrials (5), nWarmupSteps (0), intervalSteps (1), nMinTrials (1)</td></tr>
 *   <tr><td>{@code percentile}</td><td>percentile (required, 0–100), and the four of median</td></tr>
 *   <tr><td>{@code successive_halving}</td><td>minResource ("auto"), reductionFactor (4), minEarlyStoppingRate (0), bootstrapCount (0)</td></tr>
 *   <tr><td>{@code hyperband}</td><td>minResource (1), maxResource ("auto"), reductionFactor (3), bootstrapCount (0)</td></tr>
 * </table>
 *
 * {@code type} and {@code stepKey} (the metric key that gives the step, read by the service) are
 * not pruner parameters and are accepted for every type.
 */
public final class Pruners {

    /** The pruner types {@link #of} accepts. */
    public static final List<String> TYPES = List.of("none", "median", "percentile", "successive_halving", "hyperband");

    private static final Set<String> COMMON = Set.of("type", "stepKey");
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            "none", Set.of(),
            "median", Set.of("nStartupTrials", "nWarmupSteps", "intervalSteps", "nMinTrials"),
            "percentile", Set.of("percentile", "nStartupTrials", "nWarmupSteps", "intervalSteps", "nMinTrials"),
            "successive_halving", Set.of("minResource", "reductionFactor", "minEarlyStoppingRate", "bootstrapCount"),
            "hyperband", Set.of("minResource", "maxResource", "reductionFactor", "bootstrapCount"));

    private Pruners() {
    }

    /**
     * The pruner a task's {@code pruner} object describes; a null object is {@code none}.
     *
     * @throws IllegalArgumentException naming the field ({@code pruner.<name>}), the value and what is
     *     allowed, for an unknown type, an unknown parameter or a value out of range
     */
    public static Pruner of(Map<String, ?> spec) {
        if (spec == null) {
            return new NopPruner();
        }
        Object rawType = spec.get("type");
        if (!(rawType instanceof String s)) {
            throw new IllegalArgumentException("pruner.type is required, one of " + TYPES + "; got " + rawType);
        }
        String type = s.trim().toLowerCase(Locale.ROOT);
        Set<String> allowed = PARAMETERS.get(type);
        if (allowed == null) {
            throw new IllegalArgumentException("pruner.type '" + rawType + "' is unknown; allowed types are " + TYPES);
        }
        for (String key : spec.keySet()) {
            if (!COMMON.contains(key) && !allowed.contains(key)) {
                throw new IllegalArgumentException("pruner." + key + " is not a parameter of pruner type '" + type
                        + "'; allowed: " + new java.util.TreeSet<>(allowed));
            }
        }
        Map<String, ?> p = new LinkedHashMap<>(spec);
        try {
            return switch (type) {
                case "none" -> new NopPruner();
                case "median" -> PercentilePruner.median(
                        integer(p, "nStartupTrials", PercentilePruner.DEFAULT_STARTUP_TRIALS),
                        integer(p, "nWarmupSteps", PercentilePruner.DEFAULT_WARMUP_STEPS),
                        integer(p, "intervalSteps", PercentilePruner.DEFAULT_INTERVAL_STEPS),
                        integer(p, "nMinTrials", PercentilePruner.DEFAULT_MIN_TRIALS));
                case "percentile" -> new PercentilePruner(
                        number(p, "percentile"),
                        integer(p, "nStartupTrials", PercentilePruner.DEFAULT_STARTUP_TRIALS),
                        integer(p, "nWarmupSteps", PercentilePruner.DEFAULT_WARMUP_STEPS),
                        integer(p, "intervalSteps", PercentilePruner.DEFAULT_INTERVAL_STEPS),
                        integer(p, "nMinTrials", PercentilePruner.DEFAULT_MIN_TRIALS));
                case "successive_halving" -> new SuccessiveHalvingPruner(
                        integerOrAuto(p, "minResource"),
                        integer(p, "reductionFactor", SuccessiveHalvingPruner.DEFAULT_REDUCTION_FACTOR),
                        integer(p, "minEarlyStoppingRate", SuccessiveHalvingPruner.DEFAULT_MIN_EARLY_STOPPING_RATE),
                        integer(p, "bootstrapCount", SuccessiveHalvingPruner.DEFAULT_BOOTSTRAP_COUNT));
                case "hyperband" -> new HyperbandPruner(
                        integer(p, "minResource", (int) HyperbandPruner.DEFAULT_MIN_RESOURCE),
                        integerOrAuto(p, "maxResource"),
                        integer(p, "reductionFactor", HyperbandPruner.DEFAULT_REDUCTION_FACTOR),
                        integer(p, "bootstrapCount", HyperbandPruner.DEFAULT_BOOTSTRAP_COUNT));
                default -> throw new IllegalStateException(type);
            };
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith("pruner.") ? m : "pruner." + m, e);
        }
    }

    private static int integer(Map<String, ?> p, String key, int dflt) {
        Object v = p.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new IllegalArgumentException("pruner." + key + " must be an integer, got " + v);
    }

    private static Long integerOrAuto(Map<String, ?> p, String key) {
        Object v = p.get(key);
        if (v == null || "auto".equals(v)) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException("pruner." + key + " must be \"auto\" or an integer, got " + v);
    }

    private static double number(Map<String, ?> p, String key) {
        Object v = p.get(key);
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("pruner." + key + " is required and must be a number, got " + v);
    }
}
