package io.parzen.task.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A task's {@code pruner} (docs/decisions/0031): {@code {"type": ..., "stepKey": "epoch", ...}} with Optuna's
 * parameters in camelCase and Optuna 5's defaults (optuna/pruners/_median.py, _percentile.py,
 * _successive_halving.py, _hyperband.py). The same rule for tasks from REST, valohai.yaml blueprints and Kafka
 * intake; the optimizer (which runs the rule) checks the same bounds again. {@link #normalize} fills in every
 * default, so the task view shows what runs.
 *
 * <table>
 *   <caption>types, parameters, defaults and bounds</caption>
 *   <tr><td>none</td><td>—</td></tr>
 *   <tr><td>median</td><td>nStartupTrials 5 (≥ 0), nWarmupSteps 0 (≥ 0), intervalSteps 1 (≥ 1), nMinTrials 1 (≥ 1)</td></tr>
 *   <tr><td>percentile</td><td>percentile (required, 0–100) and the four of median</td></tr>
 *   <tr><td>successive_halving</td><td>minResource "auto" (or ≥ 1), reductionFactor 4 (≥ 2), minEarlyStoppingRate 0
 *       (≥ 0), bootstrapCount 0 (≥ 0; &gt; 0 needs an integer minResource)</td></tr>
 *   <tr><td>hyperband</td><td>minResource 1 (≥ 1), maxResource "auto" (or ≥ minResource), reductionFactor 3 (≥ 2),
 *       bootstrapCount 0 (≥ 0; &gt; 0 needs an integer maxResource)</td></tr>
 * </table>
 */
final class PrunerRule {

    /** The pruner types, in the order the errors list them. */
    static final List<String> TYPES = List.of("none", "median", "percentile", "successive_halving", "hyperband");
    static final String DEFAULT_STEP_KEY = "epoch";
    private static final String AUTO = "auto";
    /** More keys than any type has (type, stepKey and at most five parameters): bounds what is stored and named. */
    static final int MAX_KEYS = 16;
    /** The longest {@code stepKey} (a metadata key). */
    static final int MAX_STEP_KEY = 255;

    private static final Map<String, Object> MEDIAN = ordered("nStartupTrials", 5, "nWarmupSteps", 0,
            "intervalSteps", 1, "nMinTrials", 1);
    private static final Map<String, Map<String, Object>> DEFAULTS = Map.of(
            "none", Map.of(),
            "median", MEDIAN,
            "percentile", MEDIAN,
            "successive_halving", ordered("minResource", AUTO, "reductionFactor", 4, "minEarlyStoppingRate", 0,
                    "bootstrapCount", 0),
            "hyperband", ordered("minResource", 1, "maxResource", AUTO, "reductionFactor", 3, "bootstrapCount", 0));

    private PrunerRule() {
    }

    /** {@code pruner} with its type in lower case and every absent parameter at its default; as given when unknown. */
    static Map<String, Object> normalize(Map<String, Object> pruner) {
        if (pruner == null || !(pruner.get("type") instanceof String t)) {
            return pruner;
        }
        String type = t.trim().toLowerCase(Locale.ROOT);
        Map<String, Object> defaults = DEFAULTS.get(type);
        if (defaults == null) {
            return pruner;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        if (!"none".equals(type)) {
            out.put("stepKey", pruner.getOrDefault("stepKey", DEFAULT_STEP_KEY));
        }
        if ("percentile".equals(type) && pruner.containsKey("percentile")) {
            out.put("percentile", pruner.get("percentile"));
        }
        defaults.forEach((k, v) -> out.put(k, pruner.getOrDefault(k, v)));
        pruner.forEach(out::putIfAbsent); // unknown keys stay, for the validator to name
        return out;
    }

    static void check(Map<String, Object> pruner, boolean hasTarget, List<FieldError> errors) {
        if (pruner == null) {
            return;
        }
        if (pruner.size() > MAX_KEYS) {
            errors.add(new FieldError("pruner", pruner.size() + " keys", "has at most " + MAX_KEYS
                    + " keys: type, stepKey and the type's parameters"));
            return;
        }
        Object rawType = pruner.get("type");
        String type = rawType instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : null;
        if (type == null || !DEFAULTS.containsKey(type)) {
            errors.add(new FieldError("pruner.type", rawType, rawType == null ? "is required; allowed: " + TYPES
                    : "is not a pruner type; allowed: " + TYPES));
            return;
        }
        Set<String> allowed = new TreeSet<>(DEFAULTS.get(type).keySet());
        if (type.equals("percentile")) {
            allowed.add("percentile");
        }
        for (String key : pruner.keySet()) {
            if (!key.equals("type") && !key.equals("stepKey") && !allowed.contains(key)) {
                errors.add(new FieldError("pruner." + key, pruner.get(key), "is not a parameter of pruner type '" + type
                        + "'; allowed: " + (allowed.isEmpty() ? "none" : allowed) + " and stepKey"));
            }
        }
        if (type.equals("none")) {
            return;
        }
        Object stepKey = pruner.get("stepKey");
        if (stepKey != null && !(stepKey instanceof String k && !k.isBlank() && k.length() <= MAX_STEP_KEY)) {
            Object shown = stepKey instanceof String k && k.length() > 40 ? k.substring(0, 40) + "…" : stepKey;
            errors.add(new FieldError("pruner.stepKey", shown, "must be a non-blank metadata key of at most "
                    + MAX_STEP_KEY + " characters that counts the steps (default " + DEFAULT_STEP_KEY + ")"));
        }
        if (!hasTarget) {
            errors.add(new FieldError("pruner", pruner.get("type"), "needs a single target: the pruner judges the"
                    + " target metric's reported values (a task with several targets cannot be pruned, as in Optuna)"));
        }
        switch (type) {
            case "median", "percentile" -> {
                if (type.equals("percentile")) {
                    Object p = pruner.get("percentile");
                    if (!(p instanceof Number n) || p instanceof Boolean || !(n.doubleValue() >= 0 && n.doubleValue() <= 100)) {
                        errors.add(new FieldError("pruner.percentile", p, "is required: a number from 0 to 100"));
                    }
                }
                integer(pruner, "nStartupTrials", 0, errors);
                integer(pruner, "nWarmupSteps", 0, errors);
                integer(pruner, "intervalSteps", 1, errors);
                integer(pruner, "nMinTrials", 1, errors);
            }
            case "successive_halving" -> {
                boolean auto = integerOrAuto(pruner, "minResource", 1, errors);
                integer(pruner, "reductionFactor", 2, errors);
                integer(pruner, "minEarlyStoppingRate", 0, errors);
                Long bootstrap = integer(pruner, "bootstrapCount", 0, errors);
                if (auto && bootstrap != null && bootstrap > 0) {
                    errors.add(new FieldError("pruner.bootstrapCount", bootstrap, "must be 0 while minResource is"
                            + " \"auto\" (Optuna's rule); give minResource as an integer"));
                }
            }
            case "hyperband" -> {
                Long min = integer(pruner, "minResource", 1, errors);
                boolean auto = integerOrAuto(pruner, "maxResource", min == null ? 1 : min, errors);
                integer(pruner, "reductionFactor", 2, errors);
                Long bootstrap = integer(pruner, "bootstrapCount", 0, errors);
                if (auto && bootstrap != null && bootstrap > 0) {
                    errors.add(new FieldError("pruner.bootstrapCount", bootstrap, "must be 0 while maxResource is"
                            + " \"auto\" (Optuna's rule); give maxResource as an integer"));
                }
            }
            default -> throw new IllegalStateException(type);
        }
    }

    /** The integer value of {@code key} (absent: null), an error when it is not an integer ≥ min. */
    private static Long integer(Map<String, Object> p, String key, long min, List<FieldError> errors) {
        Object v = p.get(key);
        if (v == null) {
            return null; // the default, within bounds
        }
        Long n = asLong(v);
        if (n == null || n < min) {
            errors.add(new FieldError("pruner." + key, v, "must be an integer >= " + min));
            return null;
        }
        return n;
    }

    /** Checks "auto" or an integer ≥ min; true when it is (or defaults to) "auto". */
    private static boolean integerOrAuto(Map<String, Object> p, String key, long min, List<FieldError> errors) {
        Object v = p.get(key);
        if (v == null || AUTO.equals(v)) {
            return true;
        }
        Long n = asLong(v);
        if (n == null || n < min) {
            errors.add(new FieldError("pruner." + key, v, "must be \"auto\" or an integer >= " + min));
        }
        return false;
    }

    private static Long asLong(Object v) {
        if (v instanceof Number n && !(v instanceof Boolean)) {
            double d = n.doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (long) d;
            }
        }
        return null;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
