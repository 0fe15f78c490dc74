package io.parzen.events.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Optional;

/**
 * The status of an execution (Valohai's names). {@code ExecutionFinished.status} is one of the
 * {@link #isFinal() final} ones; the others are shown by task-service only.
 */
public enum ExecutionStatus implements WireValue {
    CREATED("created"),
    QUEUED("queued"),
    STARTED("started"),
    STOPPING("stopping"),
    /** Stopped by a user, its task, its stop condition or its time limit. */
    STOPPED("stopped"),
    /** Exit code 0. */
    COMPLETE("complete"),
    /** A non-zero exit, or it could not start. */
    ERROR("error"),
    /** Killed by a signal, or its executor was lost. */
    CRASHED("crashed");

    private final String wireName;

    ExecutionStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The execution has ended: {@code stopped}, {@code complete}, {@code error}, {@code crashed}. */
    public boolean isFinal() {
        return this == STOPPED || this == COMPLETE || this == ERROR || this == CRASHED;
    }

    /**
     * The execution failed ({@code error}, {@code crashed}): a failed child for the task's
     * {@link OnChildError} policy and for {@link FirstBatch}. A stopped execution did not fail.
     */
    public boolean isFailed() {
        return this == ERROR || this == CRASHED;
    }

    /** {@code value} is a final status' wire name (false for null and unknown values). */
    public static boolean isFinal(String value) {
        return find(value).map(ExecutionStatus::isFinal).orElse(false);
    }

    /** {@code value} is a failed status' wire name (false for null and unknown values). */
    public static boolean isFailed(String value) {
        return find(value).map(ExecutionStatus::isFailed).orElse(false);
    }

    /** The wire names, in the order the status summary lists them. */
    public static List<String> wireNames() {
        return WireValue.wireNames(ExecutionStatus.class);
    }

    /** @throws UnknownWireValueException naming the value and the allowed ones */
    @JsonCreator
    public static ExecutionStatus fromWire(String value) {
        return WireValue.fromWire(ExecutionStatus.class, "execution status", value);
    }

    public static Optional<ExecutionStatus> find(String value) {
        return WireValue.find(ExecutionStatus.class, value);
    }

    public boolean is(String value) {
        return wireName.equals(value);
    }
}
