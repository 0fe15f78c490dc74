package io.parzen.events.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Optional;

/** {@code TaskSpec.batching}: when the optimizer issues more executions. Absent means {@link #SYNCHRONOUS}. */
public enum Batching implements WireValue {
    /** Valohai's behaviour: the next batch when every execution of the current one has finished. */
    SYNCHRONOUS("synchronous"),
    /** An extension: a free slot is refilled as soon as one execution finishes. */
    ASYNCHRONOUS("asynchronous");

    /** What a task that names no batching gets. */
    public static final Batching DEFAULT = SYNCHRONOUS;

    private final String wireName;

    Batching(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static List<String> wireNames() {
        return WireValue.wireNames(Batching.class);
    }

    /** @throws UnknownWireValueException naming the value and the allowed ones */
    @JsonCreator
    public static Batching fromWire(String value) {
        return WireValue.fromWire(Batching.class, "batching", value);
    }

    /** {@link #DEFAULT} for null, else {@link #fromWire(String)}. */
    public static Batching fromWireOrDefault(String value) {
        return value == null ? DEFAULT : fromWire(value);
    }

    public static Optional<Batching> find(String value) {
        return WireValue.find(Batching.class, value);
    }

    public boolean is(String value) {
        return wireName.equals(value);
    }
}
