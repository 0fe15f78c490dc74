package io.parzen.task.validation;

import io.parzen.events.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Fields of the event contract's {@link TaskSpec} that this version of Parzen does not carry out yet
 * ({@code warmStartFrom}). A task that sets one is refused with an error that says so, rather
 * than accepted and run without it: a platform that writes its own {@code TaskCreated} must not believe its
 * executions are warm-started when they are not. ({@code maxRetries} and {@code retryOn} are carried
 * out: {@link RetryRule}; {@code pruner}: {@link PrunerRule}.)
 */
final class NotYetSupported {

    private static final String MESSAGE = "is not supported by this version of Parzen yet; leave it out";

    private NotYetSupported() {
    }

    static List<FieldError> validate(TaskSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.warmStartFrom() != null) {
            errors.add(new FieldError("warmStartFrom", spec.warmStartFrom(), MESSAGE));
        }
        return errors;
    }
}
