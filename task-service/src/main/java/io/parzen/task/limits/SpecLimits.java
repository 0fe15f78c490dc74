package io.parzen.task.limits;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.events.condition.ConditionTooDeepException;
import io.parzen.events.condition.StopCondition;
import io.parzen.task.validation.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks a normalized task specification against {@link TaskLimits}: lengths of names, command,
 * working directory, string values and the early-stopping expression; counts of parameters,
 * values and parameter sets; the execution count and batch size; the expression's nesting. Each
 * violation names the field, the value (shortened when long) and the limit's property and value.
 */
public final class SpecLimits {

    private final TaskLimits limits;

    public SpecLimits(TaskLimits limits) {
        this.limits = limits;
    }

    /** Every limit {@code spec} exceeds; empty when it is within all of them. */
    public List<FieldError> check(TaskSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        length("name", spec.name(), limits.nameLength(), "name-length", errors);
        length("command", spec.command(), limits.commandLength(), "command-length", errors);
        length("workingDirectory", spec.workingDirectory(), limits.workingDirectoryLength(),
                "working-directory-length", errors);
        if (spec.maxExecutions() > limits.maxExecutions()) {
            errors.add(new FieldError("maxExecutions", spec.maxExecutions(), "is above the limit: at most "
                    + limits.maxExecutions() + " executions (" + property("max-executions")
                    + "); for a grid search without maxExecutions this is the grid size"));
        }
        if (spec.batchSize() > limits.batchSize()) {
            errors.add(new FieldError("batchSize", spec.batchSize(), "is above the limit: at most "
                    + limits.batchSize() + " executions per batch (" + property("batch-size") + ")"));
        }
        TargetSpec target = spec.target();
        if (target != null) {
            length("target.metric", target.metric(), limits.nameLength(), "name-length", errors);
        }
        if (spec.targets() != null) {
            for (int i = 0; i < spec.targets().size(); i++) {
                TargetSpec t = spec.targets().get(i);
                if (t != null) {
                    length("targets[" + i + "].metric", t.metric(), limits.nameLength(), "name-length", errors);
                }
            }
        }
        expression("earlyStopping", spec.earlyStopping(), errors);
        if (spec.constraints() != null && spec.constraints().size() <= io.parzen.events.condition.Constraint.MAX_COUNT) {
            for (int i = 0; i < spec.constraints().size(); i++) { // the same expression limits (ADR 0033)
                expression("constraints[" + i + "]", spec.constraints().get(i), errors);
            }
        }
        parameters(spec.parameters(), errors);
        parameterSets(spec.parameterSets(), errors);
        return errors;
    }

    private void parameters(List<ParameterSpec> parameters, List<FieldError> errors) {
        if (parameters == null) {
            return;
        }
        count("parameters", parameters, limits.parameters(), "parameters", errors);
        int checked = Math.min(parameters.size(), limits.parameters());
        for (int i = 0; i < checked; i++) {
            ParameterSpec p = parameters.get(i);
            if (p == null) {
                continue;
            }
            String at = "parameters[" + i + "]";
            length(at + ".name", p.name(), limits.nameLength(), "name-length", errors);
            length(at + ".passAs", p.passAs(), limits.commandLength(), "command-length", errors);
            values(at + ".values", p.values(), errors);
            if (p.rules() != null) {
                p.rules().forEach((key, value) -> {
                    String r = at + ".rules." + key;
                    if (value instanceof Collection<?> c) {
                        values(r, c, errors);
                    } else {
                        value(r, value, errors);
                    }
                });
            }
        }
    }

    private void values(String field, Collection<?> values, List<FieldError> errors) {
        if (values == null) {
            return;
        }
        count(field, values, limits.values(), "values", errors);
        int j = 0;
        for (Object v : values) {
            if (j >= limits.values()) {
                break;
            }
            value(field + "[" + j++ + "]", v, errors);
        }
    }

    private void value(String field, Object value, List<FieldError> errors) {
        if (value instanceof String s) {
            length(field, s, limits.valueLength(), "value-length", errors);
        } else if (value instanceof Collection<?> list) {
            values(field, list, errors); // a list value (Valohai multiple): its items count as values
        }
    }

    private void parameterSets(List<Map<String, Object>> sets, List<FieldError> errors) {
        if (sets == null) {
            return;
        }
        count("parameterSets", sets, limits.parameterSets(), "parameter-sets", errors);
        int checked = Math.min(sets.size(), limits.parameterSets());
        for (int i = 0; i < checked; i++) {
            Map<String, Object> set = sets.get(i);
            if (set == null) {
                continue;
            }
            count("parameterSets[" + i + "]", set.keySet(), limits.parameters(), "parameters", errors);
            for (Map.Entry<String, Object> e : set.entrySet()) {
                String at = "parameterSets[" + i + "]." + Shorten.text(e.getKey());
                length(at, e.getKey(), limits.nameLength(), "name-length", errors, "its parameter name");
                value(at, e.getValue(), errors);
            }
        }
    }

    private void expression(String field, String expression, List<FieldError> errors) {
        if (expression == null) {
            return;
        }
        int maxLength = Math.min(limits.expressionLength(), StopCondition.MAX_LENGTH);
        if (expression.length() > maxLength) {
            errors.add(tooLong(field, expression, maxLength, "expression-length", ""));
            return;
        }
        int maxDepth = Math.min(limits.expressionDepth(), StopCondition.MAX_DEPTH);
        try {
            StopCondition.parse(expression, maxLength, maxDepth);
        } catch (ConditionTooDeepException e) {
            errors.add(new FieldError(field, Shorten.text(expression), "is nested too deeply: more than "
                    + e.limit() + " levels at position " + e.position() + " (" + property("expression-depth") + ")"));
        } catch (RuntimeException e) {
            // other syntax errors are the validator's to report
        }
    }

    private static void count(String field, Collection<?> items, int limit, String name, List<FieldError> errors) {
        if (items.size() > limit) {
            errors.add(new FieldError(field, items.size() + " entries", "has too many entries: " + items.size()
                    + ", at most " + limit + " (" + property(name) + ")"));
        }
    }

    private static void length(String field, String value, int limit, String name, List<FieldError> errors) {
        length(field, value, limit, name, errors, "");
    }

    private static void length(String field, String value, int limit, String name, List<FieldError> errors,
            String what) {
        if (value != null && value.length() > limit) {
            errors.add(tooLong(field, value, limit, name, what));
        }
    }

    private static FieldError tooLong(String field, String value, int limit, String name, String what) {
        return new FieldError(field, Shorten.text(value), "is too long" + (what.isEmpty() ? "" : " (" + what + ")")
                + ": " + value.length() + " characters, at most " + limit + " (" + property(name) + ")");
    }

    static String property(String name) {
        return TaskLimits.PREFIX + name;
    }
}
