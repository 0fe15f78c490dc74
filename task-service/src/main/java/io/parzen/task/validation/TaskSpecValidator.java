package io.parzen.task.validation;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.Batching;
import io.parzen.events.vocabulary.Direction;
import io.parzen.events.vocabulary.OnChildError;
import io.parzen.events.vocabulary.TaskType;
import io.parzen.events.condition.ConditionSyntaxException;
import io.parzen.events.condition.StopCondition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a normalized {@link TaskSpec} (see {@link TaskSpecNormalizer}) and reports every problem,
 * each naming the field, the value given and what is allowed. Used for tasks posted as JSON and for
 * tasks created from valohai.yaml blueprints alike.
 */
public final class TaskSpecValidator {

    private TaskSpecValidator() {
    }

    /** Every problem of {@code spec}; empty when it is valid. */
    public static List<FieldError> validate(TaskSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank()) {
            errors.add(new FieldError("name", spec.name(), "is required: a non-blank task name"));
        }
        // lengths, counts and non-finite numbers: io.parzen.task.limits (configurable)
        boolean knownType = TaskType.wireNames().contains(spec.type());
        if (!knownType) {
            errors.add(new FieldError("type", spec.type(), "is not a task type; allowed: " + TaskType.wireNames()));
        }
        if (spec.engine() != null && !Vocabulary.ENGINES.contains(spec.engine())) {
            errors.add(new FieldError("engine", spec.engine(), "is not an engine; allowed: " + Vocabulary.ENGINES));
        }
        ObjectivesRule.checkEngine(spec, errors);
        errors.addAll(CommandRules.validate(spec));
        errors.addAll(InputRules.validate(spec));
        WarmStartRule.check(spec, errors);
        if (spec.maxExecutions() < 1) {
            errors.add(new FieldError("maxExecutions", spec.maxExecutions(),
                    "is required: an integer >= 1 (the maximum execution count)"));
        }
        if (spec.batchSize() < 0 || (spec.batchSize() == 0 && spec.maxExecutions() >= 1)) {
            errors.add(new FieldError("batchSize", spec.batchSize(),
                    "must be an integer >= 1 (values above maxExecutions are capped)"));
        }
        if (spec.randomStartup() != null && spec.randomStartup() < 0) {
            errors.add(new FieldError("randomStartup", spec.randomStartup(), "must be an integer >= 0"));
        }
        if (spec.maximumQueuedExecutions() != null && spec.maximumQueuedExecutions() < 1) {
            errors.add(new FieldError("maximumQueuedExecutions", spec.maximumQueuedExecutions(),
                    "must be an integer >= 1"));
        }
        if (spec.timeLimitSeconds() != null && spec.timeLimitSeconds() < 1) {
            errors.add(new FieldError("timeLimitSeconds", spec.timeLimitSeconds(), "must be an integer >= 1 (seconds)"));
        }
        if (!Batching.wireNames().contains(spec.batching())) {
            errors.add(new FieldError("batching", spec.batching(), "allowed: " + Batching.wireNames()));
        }
        if (!OnChildError.wireNames().contains(spec.onChildError())) {
            errors.add(new FieldError("onChildError", spec.onChildError(), "allowed: " + OnChildError.wireNames()));
        }
        if (spec.targets() == null && spec.referencePoint() == null) {
            validateTarget(spec, errors);
        } else {
            ObjectivesRule.check(spec, errors);
        }
        validateEarlyStopping(spec.earlyStopping(), errors);
        validateExpression("executionStopCondition", spec.executionStopCondition(), errors);
        validateParameters(spec, errors);
        validateParameterSets(spec, errors);
        WorkingDirectoryRule.check(spec.workingDirectory(), errors);
        EnvironmentVariablesRule.check(spec.environmentVariables(), errors);
        EnvironmentRule.check(spec.environment(), spec.image(), errors);
        RetryRule.check(spec.maxRetries(), spec.retryOn(), errors);
        PrunerRule.check(spec.pruner(), spec.target() != null && spec.target().metric() != null
                && !spec.target().metric().isBlank(), errors);
        ConstraintsRule.check(spec.constraints(), errors);
        return errors;
    }

    private static void validateTarget(TaskSpec spec, List<FieldError> errors) {
        TargetSpec t = spec.target();
        if (t == null) {
            if (TaskType.BAYESIAN_TPE.is(spec.type())) {
                errors.add(new FieldError("target", null,
                        "is required for bayesian_tpe: {\"metric\": KEY, \"value\": NUMBER} or "
                                + "{\"metric\": KEY, \"direction\": \"maximize\"|\"minimize\"}"));
            }
            return;
        }
        if (t.metric() == null || t.metric().isBlank()) {
            errors.add(new FieldError("target.metric", t.metric(),
                    "is required: the metadata key the training code prints, e.g. \"val_accuracy\""));
        }
        if (t.value() != null && t.direction() != null) {
            errors.add(new FieldError("target", Map.of("value", t.value(), "direction", t.direction()),
                    "give either a target value or a direction, not both"));
        } else if (t.value() == null && t.direction() == null) {
            errors.add(new FieldError("target", null,
                    "give a target value (a number) or a direction (\"maximize\" or \"minimize\")"));
        }
        if (t.direction() != null && !Direction.wireNames().contains(t.direction())) {
            errors.add(new FieldError("target.direction", t.direction(), "allowed: " + Direction.wireNames()));
        }
        if (t.value() != null && (t.value().isNaN() || t.value().isInfinite())) {
            errors.add(new FieldError("target.value", t.value(), "must be a finite number"));
        }
    }

    private static void validateEarlyStopping(String expression, List<FieldError> errors) {
        validateExpression("earlyStopping", expression, errors);
    }

    /** A stop-condition expression in field {@code field}: the task's or one execution's. */
    private static void validateExpression(String field, String expression, List<FieldError> errors) {
        if (expression == null) {
            return;
        }
        try {
            StopCondition.parse(expression);
        } catch (ConditionSyntaxException e) {
            errors.add(new FieldError(field, expression, "is not a valid expression at position "
                    + e.position() + ": " + e.getMessage()
                    + " (allowed: comparisons, and/or/not, arithmetic, abs/min/max, metadata keys, execution.duration)"));
        } catch (RuntimeException e) {
            errors.add(new FieldError(field, expression, "is not a valid expression: " + e.getMessage()));
        }
    }

    private static void validateParameters(TaskSpec spec, List<FieldError> errors) {
        List<ParameterSpec> params = spec.parameters() == null ? List.of() : spec.parameters();
        boolean manual = TaskType.MANUAL_SEARCH.is(spec.type());
        if (params.isEmpty() && !manual) {
            errors.add(new FieldError("parameters", params, "at least one parameter is required"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < params.size(); i++) {
            String at = "parameters[" + i + "]";
            ParameterSpec p = params.get(i);
            if (p == null) {
                errors.add(new FieldError(at, null, "must be a parameter object"));
                continue;
            }
            if (p.name() == null || p.name().isBlank()) {
                errors.add(new FieldError(at + ".name", p.name(), "is required: a non-blank parameter name"));
            } else if (!names.add(p.name())) {
                errors.add(new FieldError(at + ".name", p.name(), "duplicates another parameter's name; names must be unique"));
            }
            validateMultiple(at, p, errors);
            if (manual) {
                continue; // manual search takes its values from parameterSets; parameters only carry passAs/multiple
            }
            if (p.style() != null) {
                validateStyle(at, p, errors);
            } else if (TaskType.GRID_SEARCH.is(spec.type())) {
                errors.add(new FieldError(at + ".style", null,
                        "is required for grid_search; allowed: " + Vocabulary.STYLES + " with \"rules\""));
            } else if (p.distribution() == null) {
                errors.add(new FieldError(at + ".distribution", null,
                        "is required; allowed: " + Vocabulary.DISTRIBUTIONS + " (or a grid \"style\")"));
            } else {
                validateDistribution(at, p, errors);
            }
        }
    }

    private static void validateDistribution(String at, ParameterSpec p, List<FieldError> errors) {
        String d = p.distribution();
        if (!Vocabulary.DISTRIBUTIONS.contains(d)) {
            errors.add(new FieldError(at + ".distribution", d, "allowed: " + Vocabulary.DISTRIBUTIONS));
            return;
        }
        if ("categorical".equals(d)) {
            List<Object> values = p.values();
            if (values == null || values.isEmpty()) {
                errors.add(new FieldError(at + ".values", values, "is required for categorical: a non-empty list of distinct values"));
                return;
            }
            Set<Object> seen = new HashSet<>();
            for (int j = 0; j < values.size(); j++) {
                Object v = values.get(j);
                String problem = valueProblem(p, v);
                if (problem != null) {
                    errors.add(new FieldError(at + ".values[" + j + "]", v, problem));
                } else if (!seen.add(identity(v))) {
                    errors.add(new FieldError(at + ".values[" + j + "]", v, "duplicates an earlier value; values must be distinct"));
                }
            }
            return;
        }
        Double min = p.min();
        Double max = p.max();
        String bounds = "loguniform".equals(d) ? " (base-10 exponents: -5 means 1e-5)" : "";
        if (min == null) {
            errors.add(new FieldError(at + ".min", null, "is required for " + d + bounds));
        }
        if (max == null) {
            errors.add(new FieldError(at + ".max", null, "is required for " + d + bounds));
        }
        if (min != null && max != null && !(min < max)) {
            errors.add(new FieldError(at + ".max", max, "must be greater than min (" + min + ")"));
        }
        if ("integer".equals(d)) {
            if (min != null && min != Math.rint(min)) {
                errors.add(new FieldError(at + ".min", min, "must be a whole number for integer"));
            }
            if (max != null && max != Math.rint(max)) {
                errors.add(new FieldError(at + ".max", max, "must be a whole number for integer"));
            }
        }
        if (p.qStep() != null) {
            if (!(p.qStep() > 0)) {
                errors.add(new FieldError(at + ".qStep", p.qStep(), "must be > 0 (leave it out for no quantization)"));
            } else if (min != null && max != null && min < max && p.qStep() > max - min) {
                errors.add(new FieldError(at + ".qStep", p.qStep(),
                        "is wider than the range max - min (" + (max - min) + "); must be <= it"));
            } else if ("integer".equals(d) && p.qStep() != Math.rint(p.qStep())) {
                errors.add(new FieldError(at + ".qStep", p.qStep(), "must be a whole number for integer"));
            }
        }
        if (p.values() != null && !p.values().isEmpty()) {
            errors.add(new FieldError(at + ".values", p.values(), "only categorical parameters take values"));
        }
    }

    private static void validateStyle(String at, ParameterSpec p, List<FieldError> errors) {
        String style = p.style();
        if (!Vocabulary.STYLES.contains(style)) {
            errors.add(new FieldError(at + ".style", style, "allowed: " + Vocabulary.STYLES));
            return;
        }
        Map<String, Object> rules = p.rules();
        String r = at + ".rules";
        if (rules == null) {
            errors.add(new FieldError(r, null, "is required with style " + style));
            return;
        }
        switch (style) {
            case "single" -> {
                if (!rules.containsKey("value") || rules.get("value") == null) {
                    errors.add(new FieldError(r + ".value", null, "is required for style single"));
                } else if (valueProblem(p, rules.get("value")) != null) {
                    errors.add(new FieldError(r + ".value", rules.get("value"), valueProblem(p, rules.get("value"))));
                }
            }
            case "multiple" -> {
                Object items = rules.get("items");
                if (!(items instanceof Collection<?> c) || c.isEmpty()) {
                    errors.add(new FieldError(r + ".items", items, "is required for style multiple: a non-empty list"));
                } else {
                    int j = 0;
                    for (Object v : c) {
                        String problem = valueProblem(p, v);
                        if (problem != null) {
                            errors.add(new FieldError(r + ".items[" + j + "]", v, problem));
                        }
                        j++;
                    }
                }
            }
            case "linear" -> {
                Double start = requireNumber(r, "start", rules, errors);
                Double end = requireNumber(r, "end", rules, errors);
                Double step = requireNumber(r, "step", rules, errors);
                if (step != null && !(step > 0)) {
                    errors.add(new FieldError(r + ".step", step, "must be > 0"));
                }
                if (start != null && end != null && end < start) {
                    errors.add(new FieldError(r + ".end", end, "must be >= start (" + start + ")"));
                }
            }
            case "logspace" -> {
                Object start = rules.containsKey("start") ? rules.get("start") : rules.get("min");
                Object end = rules.containsKey("end") ? rules.get("end") : rules.get("max");
                if (!(start instanceof Number)) {
                    errors.add(new FieldError(r + ".start", start, "is required for style logspace: a number (alias min)"));
                }
                if (!(end instanceof Number)) {
                    errors.add(new FieldError(r + ".end", end, "is required for style logspace: a number (alias max)"));
                }
                requireCount(r, rules, errors);
                Object base = rules.get("base");
                if (base != null && !(base instanceof Number n && n.doubleValue() > 0)) {
                    errors.add(new FieldError(r + ".base", base, "must be a number > 0 (default 10)"));
                }
            }
            case "random" -> {
                Double min = requireNumber(r, "min", rules, errors);
                Double max = requireNumber(r, "max", rules, errors);
                if (min != null && max != null && !(min < max)) {
                    errors.add(new FieldError(r + ".max", max, "must be greater than min (" + min + ")"));
                }
                requireCount(r, rules, errors);
                Object dist = rules.get("distribution");
                if (dist != null && !List.of("uniform", "loguniform", "log_uniform", "normal", "lognormal")
                        .contains(String.valueOf(dist).toLowerCase())) {
                    errors.add(new FieldError(r + ".distribution", dist,
                            "allowed: [uniform, loguniform, normal, lognormal]"));
                }
            }
            default -> {
            }
        }
    }

    private static Double requireNumber(String r, String key, Map<String, Object> rules, List<FieldError> errors) {
        Object v = rules.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        errors.add(new FieldError(r + "." + key, v, "is required: a number"));
        return null;
    }

    private static void requireCount(String r, Map<String, Object> rules, List<FieldError> errors) {
        Object count = rules.get("count");
        if (!(count instanceof Number n) || n.doubleValue() < 1 || n.doubleValue() != Math.rint(n.doubleValue())) {
            errors.add(new FieldError(r + ".count", count, "is required: a whole number >= 1"));
        }
    }

    private static void validateParameterSets(TaskSpec spec, List<FieldError> errors) {
        List<Map<String, Object>> sets = spec.parameterSets();
        boolean manual = TaskType.MANUAL_SEARCH.is(spec.type());
        if (manual && (sets == null || sets.isEmpty())) {
            errors.add(new FieldError("parameterSets", sets,
                    "is required for manual_search: a non-empty list of objects, one execution each"));
            return;
        }
        if (sets == null) {
            return;
        }
        if (!manual) {
            errors.add(new FieldError("parameterSets", sets, "only manual_search takes parameter sets"));
            return;
        }
        for (int i = 0; i < sets.size(); i++) {
            Map<String, Object> set = sets.get(i);
            if (set == null) {
                errors.add(new FieldError("parameterSets[" + i + "]", null, "must be an object of parameter values"));
                continue;
            }
            for (Map.Entry<String, Object> e : set.entrySet()) {
                Object v = e.getValue();
                ParameterSpec declared = spec.parameters() == null ? null : spec.parameters().stream()
                        .filter(p -> p != null && e.getKey().equals(p.name())).findFirst()
                        .orElse(new ParameterSpec(e.getKey(), null, null, null, null, null, null, null, null));
                String problem = valueProblem(declared, v);
                if (problem != null) {
                    errors.add(new FieldError("parameterSets[" + i + "]." + e.getKey(), v, problem));
                }
            }
        }
    }

    /** {@code multiple} is repeat or separate (or absent); the separator is not empty. */
    private static void validateMultiple(String at, ParameterSpec p, List<FieldError> errors) {
        if (p.multiple() != null && !MULTIPLE.contains(p.multiple())) {
            errors.add(new FieldError(at + ".multiple", p.multiple(), "allowed: " + MULTIPLE
                    + " (leave it out for a parameter without list values)"));
        }
        if (p.multipleSeparator() != null && p.multipleSeparator().isEmpty()) {
            errors.add(new FieldError(at + ".multipleSeparator", p.multipleSeparator(),
                    "must not be empty (leave it out for the default \",\")"));
        }
    }

    private static final List<String> MULTIPLE = List.of(ParameterSpec.REPEAT, ParameterSpec.SEPARATE);

    /**
     * Why a value is not a value of parameter {@code p}, or null: a string, a number or a boolean, or (only
     * when {@code p} sets {@code multiple}) a list of them.
     */
    static String valueProblem(ParameterSpec p, Object v) {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return null;
        }
        if (v instanceof List<?> list) {
            if (p.multiple() == null) {
                return "is a list, but parameter \"" + p.name() + "\" does not set multiple"
                        + " (repeat or separate); without it a value is a string, a number or a boolean";
            }
            for (Object item : list) {
                if (!(item instanceof String || item instanceof Number || item instanceof Boolean)) {
                    return "holds " + item + "; the items of a list value are strings, numbers or booleans";
                }
            }
            return null;
        }
        return "must be a string, a number or a boolean" + (p.multiple() != null
                ? " (or a list of them)" : "");
    }

    /** A value's identity for duplicate checks: numbers by value, lists item by item. */
    private static Object identity(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(TaskSpecValidator::identity).toList();
        }
        return v;
    }
}
