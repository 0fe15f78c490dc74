package io.parzen.events.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Optional;

/**
 * The status of a task (Valohai's names). {@code TaskFinished.status} is one of the
 * {@link #finishes() finishing} ones; the others are shown by task-service only.
 */
public enum TaskStatus implements WireValue {
    CREATED("created"),
    STARTED("started"),
    /** A stop began: {@code TaskFinished(stopped)} was emitted, executions are still ending. */
    STOPPING("stopping"),
    STOPPED("stopped"),
    COMPLETE("complete"),
    ERROR("error");

    private final String wireName;

    TaskStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Nothing changes the task any more: {@code stopped}, {@code complete}, {@code error}. */
    public boolean isFinal() {
        return this == STOPPED || this == COMPLETE || this == ERROR;
    }

    /** May be the status of {@code TaskFinished}: the final ones. */
    public boolean finishes() {
        return isFinal();
    }

    /** {@code value} is a final status' wire name (false for null and unknown values). */
    public static boolean isFinal(String value) {
        return find(value).map(TaskStatus::isFinal).orElse(false);
    }

    public static List<String> wireNames() {
        return WireValue.wireNames(TaskStatus.class);
    }

    /** @throws UnknownWireValueException naming the value and the allowed ones */
    @JsonCreator
    public static TaskStatus fromWire(String value) {
        return WireValue.fromWire(TaskStatus.class, "task status", value);
    }

    public static Optional<TaskStatus> find(String value) {
        return WireValue.find(TaskStatus.class, value);
    }

    public boolean is(String value) {
        return wireName.equals(value);
    }
}
