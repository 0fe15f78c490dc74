package io.parzen.events.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Optional;

/**
 * {@code SuggestionsExhausted.reason}: why the optimizer suggests no more executions. Three say
 * that it ran out of points (the task completes once the issued executions have finished), two that
 * it {@link #isOptimizerFailure() failed} (the task then ends in {@code error} at once).
 */
public enum ExhaustedReason implements WireValue {
    /** Every combination of a grid was issued. */
    GRID_EXHAUSTED("grid-exhausted"),
    /** Every parameter set of a manual search was issued. */
    PARAMETER_SETS_EXHAUSTED("parameter-sets-exhausted"),
    /** A finite (e.g. fully quantized) space of a random or Bayesian search was issued completely. */
    SPACE_EXHAUSTED("space-exhausted"),
    /** The task spec could not be turned into a study; nothing was issued. */
    INVALID_SPEC("invalid-spec"),
    /** The engine failed; nothing more will be issued. */
    OPTIMIZER_ERROR("optimizer-error");

    private final String wireName;

    ExhaustedReason(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The optimizer failed rather than ran out of points: {@code invalid-spec}, {@code optimizer-error}. */
    public boolean isOptimizerFailure() {
        return this == INVALID_SPEC || this == OPTIMIZER_ERROR;
    }

    /** {@code value} is the wire name of a failure (false for null and unknown values, as before the enum). */
    public static boolean isOptimizerFailure(String value) {
        return find(value).map(ExhaustedReason::isOptimizerFailure).orElse(false);
    }

    /** The reason an optimizer gives when a task of this type ran out of points. */
    public static ExhaustedReason ranOutOfPoints(TaskType type) {
        return switch (type) {
            case GRID_SEARCH -> GRID_EXHAUSTED;
            case MANUAL_SEARCH -> PARAMETER_SETS_EXHAUSTED;
            case RANDOM_SEARCH, BAYESIAN_TPE -> SPACE_EXHAUSTED;
        };
    }

    public static List<String> wireNames() {
        return WireValue.wireNames(ExhaustedReason.class);
    }

    /** @throws UnknownWireValueException naming the value and the allowed ones */
    @JsonCreator
    public static ExhaustedReason fromWire(String value) {
        return WireValue.fromWire(ExhaustedReason.class, "suggestions-exhausted reason", value);
    }

    public static Optional<ExhaustedReason> find(String value) {
        return WireValue.find(ExhaustedReason.class, value);
    }

    public boolean is(String value) {
        return wireName.equals(value);
    }
}
