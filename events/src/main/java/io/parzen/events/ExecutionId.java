package io.parzen.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * The id of an execution: {@code <taskId>-<seq>}, the task id and the 1-based sequence number of
 * the execution within its task, written without leading zeros. Deterministic, so a suggestion
 * delivered twice is one execution and consumers drop the twin. Task ids may contain {@code -}
 * (UUIDs do): the sequence number is what follows the last one.
 *
 * @param taskId the task, not blank
 * @param seq the sequence number, 1 or more
 */
public record ExecutionId(String taskId, int seq) {

    public ExecutionId {
        Objects.requireNonNull(taskId, "taskId");
        if (taskId.isBlank()) {
            throw new IllegalArgumentException("the task id of an execution id must not be blank");
        }
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
    }

    /** The id of execution {@code seq} of task {@code taskId}. */
    public static ExecutionId of(String taskId, int seq) {
        return new ExecutionId(taskId, seq);
    }

    /**
     * Reads an execution id.
     *
     * @throws IllegalArgumentException naming the id and the form allowed: {@code <taskId>-<seq>}
     *         with a non-blank task id and a sequence number of 1 or more, in digits without leading zeros
     */
    @JsonCreator
    public static ExecutionId parse(String executionId) {
        return tryParse(executionId).orElseThrow(() -> new IllegalArgumentException("execution id "
                + (executionId == null ? "is missing" : "'" + executionId + "' is not allowed")
                + ": the form is <taskId>-<seq>, a task id and a sequence number of 1 or more"
                + " (digits, no leading zero), e.g. 3f1c2a9e-21"));
    }

    /** The execution id, or empty when {@code executionId} is not of the form {@code <taskId>-<seq>}. */
    public static Optional<ExecutionId> tryParse(String executionId) {
        if (executionId == null) {
            return Optional.empty();
        }
        int dash = executionId.lastIndexOf('-');
        if (dash < 1 || dash == executionId.length() - 1) {
            return Optional.empty();
        }
        String task = executionId.substring(0, dash);
        String digits = executionId.substring(dash + 1);
        if (task.isBlank() || digits.charAt(0) == '0' || digits.length() > 10) {
            return Optional.empty();
        }
        long seq = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            seq = seq * 10 + (c - '0');
        }
        if (seq > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new ExecutionId(task, (int) seq));
    }

    /** The id as events carry it: {@code <taskId>-<seq>}. */
    @JsonValue
    public String value() {
        return taskId + "-" + seq;
    }

    @Override
    public String toString() {
        return value();
    }
}
