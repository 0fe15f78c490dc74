package io.parzen.events.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parzen.events.Events;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every word of the contract: its wire name, how it is read back, and what a wrong value is told. */
class VocabularyTest {

    private static final ObjectMapper MAPPER = Events.mapper();

    record Word<E extends Enum<E> & WireValue>(Class<E> type, String what, Function<String, E> fromWire,
            Function<String, Optional<E>> find, List<String> expected) {
    }

    static Stream<Arguments> words() {
        return Stream.of(
                new Word<>(TaskType.class, "task type", TaskType::fromWire, TaskType::find,
                        List.of("grid_search", "random_search", "bayesian_tpe", "manual_search")),
                new Word<>(Direction.class, "direction", Direction::fromWire, Direction::find,
                        List.of("maximize", "minimize")),
                new Word<>(Batching.class, "batching", Batching::fromWire, Batching::find,
                        List.of("synchronous", "asynchronous")),
                new Word<>(OnChildError.class, "on-child-error", OnChildError::fromWire, OnChildError::find,
                        List.of("continue-and-complete", "continue-and-error", "stop-all-and-error")),
                new Word<>(TaskStatus.class, "task status", TaskStatus::fromWire, TaskStatus::find,
                        List.of("created", "started", "stopping", "stopped", "complete", "error")),
                new Word<>(ExecutionStatus.class, "execution status", ExecutionStatus::fromWire,
                        ExecutionStatus::find,
                        List.of("created", "queued", "started", "stopping", "stopped", "complete", "error", "crashed")),
                new Word<>(ExhaustedReason.class, "suggestions-exhausted reason", ExhaustedReason::fromWire,
                        ExhaustedReason::find, List.of("grid-exhausted", "parameter-sets-exhausted",
                                "space-exhausted", "invalid-spec", "optimizer-error")))
                .map(w -> Arguments.of(w.type().getSimpleName(), w));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("words")
    <E extends Enum<E> & WireValue> void everyWordReadsBackAndWritesItsWireName(String name, Word<E> word)
            throws Exception {
        assertEquals(word.expected(), WireValue.wireNames(word.type()), "the contract's words, in order");
        for (E e : word.type().getEnumConstants()) {
            assertEquals(e, word.fromWire().apply(e.wireName()));
            assertEquals(Optional.of(e), word.find().apply(e.wireName()));
            assertEquals("\"" + e.wireName() + "\"", MAPPER.writeValueAsString(e), "JSON is the wire name");
            assertEquals(e, MAPPER.readValue("\"" + e.wireName() + "\"", word.type()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("words")
    <E extends Enum<E> & WireValue> void aWrongWordIsToldTheAllowedOnes(String name, Word<E> word) {
        for (String wrong : List.of("exploded", "", " " + word.expected().get(0),
                word.expected().get(0).toUpperCase(java.util.Locale.ROOT), word.type().getEnumConstants()[0].name())) {
            UnknownWireValueException e = assertThrows(UnknownWireValueException.class,
                    () -> word.fromWire().apply(wrong), wrong);
            assertEquals(wrong, e.value());
            assertEquals(word.expected(), e.allowed());
            assertEquals(word.what(), e.what());
            assertEquals(word.what() + " '" + wrong + "' is not allowed; allowed: " + String.join(", ", word.expected()),
                    e.getMessage());
            assertEquals(Optional.empty(), word.find().apply(wrong));
        }
        UnknownWireValueException missing = assertThrows(UnknownWireValueException.class,
                () -> word.fromWire().apply(null));
        assertEquals(word.what() + " is missing; allowed: " + String.join(", ", word.expected()), missing.getMessage());
        assertEquals(Optional.empty(), word.find().apply(null));
    }

    @Test
    void finalAndFailedExecutionStatuses() {
        assertEquals(Set.of("stopped", "complete", "error", "crashed"), wireNamesWhere(ExecutionStatus.values(),
                ExecutionStatus::isFinal));
        assertEquals(Set.of("error", "crashed"), wireNamesWhere(ExecutionStatus.values(), ExecutionStatus::isFailed));
        assertTrue(ExecutionStatus.isFailed("crashed"));
        assertFalse(ExecutionStatus.isFailed("stopped"));
        assertFalse(ExecutionStatus.isFailed(null));
        assertFalse(ExecutionStatus.isFinal("exploded"));
        assertTrue(ExecutionStatus.isFinal("complete"));
    }

    @Test
    void finalTaskStatusesAreTheOnesTaskFinishedCarries() {
        assertEquals(Set.of("stopped", "complete", "error"), wireNamesWhere(TaskStatus.values(), TaskStatus::isFinal));
        assertEquals(Set.of("stopped", "complete", "error"), wireNamesWhere(TaskStatus.values(), TaskStatus::finishes));
        assertFalse(TaskStatus.isFinal("stopping"));
        assertFalse(TaskStatus.isFinal(null));
        assertTrue(TaskStatus.isFinal("error"));
    }

    @Test
    void invalidSpecAndOptimizerErrorAreFailuresTheOthersRanOutOfPoints() {
        assertEquals(Set.of("invalid-spec", "optimizer-error"), wireNamesWhere(ExhaustedReason.values(),
                ExhaustedReason::isOptimizerFailure));
        assertTrue(ExhaustedReason.isOptimizerFailure("optimizer-error"));
        assertFalse(ExhaustedReason.isOptimizerFailure("grid-exhausted"));
        assertFalse(ExhaustedReason.isOptimizerFailure(null), "no reason: not a failure (older producers)");
        assertFalse(ExhaustedReason.isOptimizerFailure("something-new"), "an unknown reason is not a failure");
        assertEquals(ExhaustedReason.GRID_EXHAUSTED, ExhaustedReason.ranOutOfPoints(TaskType.GRID_SEARCH));
        assertEquals(ExhaustedReason.PARAMETER_SETS_EXHAUSTED, ExhaustedReason.ranOutOfPoints(TaskType.MANUAL_SEARCH));
        assertEquals(ExhaustedReason.SPACE_EXHAUSTED, ExhaustedReason.ranOutOfPoints(TaskType.RANDOM_SEARCH));
        assertEquals(ExhaustedReason.SPACE_EXHAUSTED, ExhaustedReason.ranOutOfPoints(TaskType.BAYESIAN_TPE));
        for (TaskType t : TaskType.values()) {
            assertFalse(ExhaustedReason.ranOutOfPoints(t).isOptimizerFailure(), t.name());
        }
    }

    @Test
    void absentFieldsMeanTheDefaults() {
        assertEquals(Batching.SYNCHRONOUS, Batching.fromWireOrDefault(null));
        assertEquals(Batching.ASYNCHRONOUS, Batching.fromWireOrDefault("asynchronous"));
        assertThrows(UnknownWireValueException.class, () -> Batching.fromWireOrDefault("sometimes"));
        assertEquals(OnChildError.CONTINUE_AND_ERROR, OnChildError.fromWireOrDefault(null));
        assertEquals(OnChildError.STOP_ALL_AND_ERROR, OnChildError.fromWireOrDefault("stop-all-and-error"));
        assertEquals(TaskDefaults.BATCHING, Batching.DEFAULT);
        assertEquals(TaskDefaults.ON_CHILD_ERROR, OnChildError.DEFAULT);
        assertEquals("optuna", TaskDefaults.ENGINE);
        assertEquals(20, TaskDefaults.RANDOM_STARTUP);
        assertEquals(5, TaskDefaults.BAYESIAN_BATCH_SIZE);
    }

    @Test
    void isComparesWithTheWireName() {
        assertTrue(TaskType.BAYESIAN_TPE.is("bayesian_tpe"));
        assertFalse(TaskType.BAYESIAN_TPE.is("BAYESIAN_TPE"));
        assertFalse(OnChildError.STOP_ALL_AND_ERROR.is(null));
        assertTrue(ExecutionStatus.CRASHED.is("crashed"));
    }

    private static <E extends WireValue> Set<String> wireNamesWhere(E[] values, java.util.function.Predicate<E> p) {
        return Arrays.stream(values).filter(p).map(WireValue::wireName).collect(Collectors.toSet());
    }
}
