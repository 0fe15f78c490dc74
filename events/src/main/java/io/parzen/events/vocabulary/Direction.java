package io.parzen.events.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Optional;

/** {@code TargetSpec.direction}: which way the metric should go when a task gives no target value. */
public enum Direction implements WireValue {
    MAXIMIZE("maximize"),
    MINIMIZE("minimize");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static List<String> wireNames() {
        return WireValue.wireNames(Direction.class);
    }

    /** @throws UnknownWireValueException naming the value and the allowed ones */
    @JsonCreator
    public static Direction fromWire(String value) {
        return WireValue.fromWire(Direction.class, "direction", value);
    }

    public static Optional<Direction> find(String value) {
        return WireValue.find(Direction.class, value);
    }

    public boolean is(String value) {
        return wireName.equals(value);
    }
}
