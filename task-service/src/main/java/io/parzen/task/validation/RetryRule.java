package io.parzen.task.validation;

import io.parzen.events.Events;
import io.parzen.events.Retries;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A task's {@code maxRetries} and {@code retryOn} (docs/decisions/0023): {@code maxRetries} is how many more
 * attempts an execution Parzen lost (or one whose status is in {@code retryOn}) gets, an integer from 0 to
 * {@value #MAX_RETRIES} (default {@value Events#DEFAULT_MAX_RETRIES}; the bound keeps a broken environment from
 * burning machines on one execution); {@code retryOn} lists statuses of {@link Retries#RETRYABLE_STATUSES}, each
 * at most once. The same rule for tasks from REST, valohai.yaml blueprints and Kafka intake.
 */
final class RetryRule {

    /** The largest {@code maxRetries} accepted. */
    static final int MAX_RETRIES = 10;

    private RetryRule() {
    }

    static void check(Integer maxRetries, List<String> retryOn, List<FieldError> errors) {
        if (maxRetries != null && (maxRetries < 0 || maxRetries > MAX_RETRIES)) {
            errors.add(new FieldError("maxRetries", maxRetries, "must be an integer from 0 to " + MAX_RETRIES
                    + " (how many more attempts an execution gets; default " + Events.DEFAULT_MAX_RETRIES + ")"));
        }
        if (retryOn == null) {
            return;
        }
        if (retryOn.size() > Retries.RETRYABLE_STATUSES.size()) {
            errors.add(new FieldError("retryOn", retryOn.size() + " statuses", "lists at most "
                    + Retries.RETRYABLE_STATUSES.size() + " statuses, each once; allowed: " + Retries.RETRYABLE_STATUSES));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < retryOn.size(); i++) {
            String status = retryOn.get(i);
            if (status == null || !Retries.RETRYABLE_STATUSES.contains(status)) {
                errors.add(new FieldError("retryOn[" + i + "]", status, "is not a status that may be retried; allowed: "
                        + Retries.RETRYABLE_STATUSES));
            } else if (!seen.add(status)) {
                errors.add(new FieldError("retryOn[" + i + "]", status, "is listed twice; give each status once"));
            }
        }
    }
}
