package io.parzen.events.vocabulary;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A word of the event contract: an enum constant with the exact string the events carry.
 *
 * <p>The event records keep these fields as {@code String}s (see {@link io.parzen.events.TaskSpec});
 * a consumer turns a field into its word with the enum's {@code fromWire}, which names the value and
 * the allowed ones when the value is not a word of the contract.
 */
public interface WireValue {

    /** The string the events carry, e.g. {@code bayesian_tpe}. */
    @JsonValue
    String wireName();

    /** The wire names of an enum's constants, in declaration order (the order error messages list them). */
    static <E extends Enum<E> & WireValue> List<String> wireNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireValue::wireName).toList();
    }

    /** The constant whose wire name is {@code value} (exact match), or empty (also for null). */
    static <E extends Enum<E> & WireValue> Optional<E> find(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (E e : type.getEnumConstants()) {
            if (e.wireName().equals(value)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The constant whose wire name is {@code value}.
     *
     * @param what what the value is, for the message (e.g. {@code task type})
     * @throws UnknownWireValueException naming the value and the allowed ones
     */
    static <E extends Enum<E> & WireValue> E fromWire(Class<E> type, String what, String value) {
        return find(type, value).orElseThrow(() -> new UnknownWireValueException(what, value, wireNames(type)));
    }
}
