package io.parzen.optimizer.service.study;

import io.parzen.events.TaskSpec;
import io.parzen.events.condition.ConditionSyntaxException;
import io.parzen.events.condition.Constraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task's {@code constraints} (ADR 0033) as the engines see them: one value per constraint for a complete
 * execution, its violation on the execution's final metadata (at most 0 when it holds, Optuna's
 * {@code constraints_func} values; {@code +Infinity} when it could not be evaluated, e.g. a missing key). The
 * expressions are evaluated by the contract's own code ({@link Constraint}), as task-service evaluates them for
 * its views, so both services agree on which executions are feasible.
 *
 * @param constraints the parsed constraints, in the task's order
 */
public record Constraints(List<Constraint> constraints) {

    /**
     * The task's constraints, or null when it has none.
     *
     * @throws InvalidTaskSpecException naming {@code constraints[i]} when one does not parse
     */
    public static Constraints of(TaskSpec spec) {
        List<String> texts = spec.constraints();
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        if (texts.size() > Constraint.MAX_COUNT) {
            throw new InvalidTaskSpecException("constraints", texts.size() + " constraints",
                    "at most " + Constraint.MAX_COUNT);
        }
        List<Constraint> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(Constraint.parse(texts.get(i)));
            } catch (ConditionSyntaxException | NullPointerException e) {
                throw new InvalidTaskSpecException("constraints[" + i + "]", texts.get(i), Constraint.ALLOWED);
            }
        }
        return new Constraints(List.copyOf(out));
    }

    /** The violation of every constraint on an execution's final metadata. */
    public double[] values(Map<String, Object> metrics) {
        return Constraint.violations(constraints, metrics);
    }

    /** As stored: a JSON-friendly list, null for a value that could not be evaluated (JSON has no Infinity). */
    static List<Double> stored(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(Double.isFinite(v) ? v : null);
        }
        return out;
    }

    /** The values from their stored form (null = could not be evaluated = +Infinity). */
    static double[] fromStored(List<Double> stored) {
        double[] out = new double[stored.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = stored.get(i);
            out[i] = v == null ? Double.POSITIVE_INFINITY : v;
        }
        return out;
    }
}
