package io.parzen.task.validation;

import java.util.List;

/** A task specification was rejected; carries every problem found, not just the first. */
public class TaskValidationException extends RuntimeException {

    private final List<FieldError> errors;

    public TaskValidationException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder("invalid task:");
        for (FieldError e : errors) {
            sb.append(' ').append(e.field()).append(": ").append(e.message()).append(';');
        }
        return sb.toString();
    }
}
