package io.parzen.task.validation;

import io.parzen.events.condition.ConditionSyntaxException;
import io.parzen.events.condition.Constraint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code constraints} (ADR 0033): at most {@value Constraint#MAX_COUNT} distinct expressions
 * {@code <expression> <op> <number>}, op one of {@code <=}, {@code <}, {@code >=}, {@code >}, in the stop-condition
 * language over metadata keys. Each problem names {@code constraints[i]}, the value and what is allowed.
 */
final class ConstraintsRule {

    private ConstraintsRule() {
    }

    static void check(List<String> constraints, List<FieldError> errors) {
        if (constraints == null) {
            return;
        }
        if (constraints.size() > Constraint.MAX_COUNT) {
            errors.add(new FieldError("constraints", constraints.size() + " constraints",
                    "at most " + Constraint.MAX_COUNT + " constraints are allowed"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < constraints.size(); i++) {
            String at = "constraints[" + i + "]";
            String text = constraints.get(i);
            if (text == null || text.isBlank()) {
                errors.add(new FieldError(at, text, "must be a constraint: " + Constraint.ALLOWED));
                continue;
            }
            try {
                Constraint.parse(text);
            } catch (ConditionSyntaxException e) {
                errors.add(new FieldError(at, text, "is not a valid constraint at position " + e.position() + ": "
                        + e.getMessage() + " (allowed: " + Constraint.ALLOWED + ")"));
                continue;
            } catch (RuntimeException e) {
                errors.add(new FieldError(at, text, "is not a valid constraint: " + e.getMessage()
                        + " (allowed: " + Constraint.ALLOWED + ")"));
                continue;
            }
            if (!seen.add(text.strip())) {
                errors.add(new FieldError(at, text, "duplicates an earlier constraint; constraints must be distinct"));
            }
        }
    }
}
