package io.parzen.events.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Optional;

/** {@code TaskSpec.type}: how a task chooses its executions' parameters (Valohai's task types). */
public enum TaskType implements WireValue {
    /** Every combination of the parameters' values (Valohai's default type). */
    GRID_SEARCH("grid_search"),
    /** Random points of the search space. */
    RANDOM_SEARCH("random_search"),
    /** Bayesian optimization with the task's engine ({@link TaskDefaults#ENGINE} when it names none). */
    BAYESIAN_TPE("bayesian_tpe"),
    /** One execution per explicit parameter set, in order. */
    MANUAL_SEARCH("manual_search");

    private final String wireName;

    TaskType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The wire names, in the order error messages list them. */
    public static List<String> wireNames() {
        return WireValue.wireNames(TaskType.class);
    }

    /** @throws UnknownWireValueException naming the value and the allowed ones */
    @JsonCreator
    public static TaskType fromWire(String value) {
        return WireValue.fromWire(TaskType.class, "task type", value);
    }

    /** The type of this wire name, or empty (also for null). */
    public static Optional<TaskType> find(String value) {
        return WireValue.find(TaskType.class, value);
    }

    /** {@code value} is this type's wire name. */
    public boolean is(String value) {
        return wireName.equals(value);
    }
}
