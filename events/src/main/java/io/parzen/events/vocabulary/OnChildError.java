package io.parzen.events.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Optional;

/**
 * {@code TaskSpec.onChildError} (valohai.yaml {@code on-child-error}): what a failed execution
 * ({@link ExecutionStatus#isFailed()}) does to its task. Absent means {@link #CONTINUE_AND_ERROR}.
 */
public enum OnChildError implements WireValue {
    /** The task runs on and completes as if nothing failed. */
    CONTINUE_AND_COMPLETE("continue-and-complete"),
    /** The task runs on, then ends {@code error} if any child failed (Valohai's default). */
    CONTINUE_AND_ERROR("continue-and-error"),
    /** The first failed child stops the task with {@code error}. */
    STOP_ALL_AND_ERROR("stop-all-and-error");

    /** What a task that names no policy gets. */
    public static final OnChildError DEFAULT = CONTINUE_AND_ERROR;

    private final String wireName;

    OnChildError(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static List<String> wireNames() {
        return WireValue.wireNames(OnChildError.class);
    }

    /** @throws UnknownWireValueException naming the value and the allowed ones */
    @JsonCreator
    public static OnChildError fromWire(String value) {
        return WireValue.fromWire(OnChildError.class, "on-child-error", value);
    }

    /** {@link #DEFAULT} for null, else {@link #fromWire(String)}. */
    public static OnChildError fromWireOrDefault(String value) {
        return value == null ? DEFAULT : fromWire(value);
    }

    public static Optional<OnChildError> find(String value) {
        return WireValue.find(OnChildError.class, value);
    }

    public boolean is(String value) {
        return wireName.equals(value);
    }
}
