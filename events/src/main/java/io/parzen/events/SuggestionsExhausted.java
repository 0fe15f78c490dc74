package io.parzen.events;

import java.time.Instant;

/**
 * The optimizer cannot suggest more executions for a task: a finite space (a grid, the manual
 * parameter sets, a fully quantized space) has been issued completely before the maximum execution
 * count. task-service completes the task once the issued executions have finished.
 * Topic {@value Events#TOPIC_SUGGESTIONS_EXHAUSTED}, key = task id.
 *
 * @param issued how many executions were suggested in total
 * @param reason e.g. {@code grid-exhausted}, {@code space-exhausted}
 */
public record SuggestionsExhausted(String eventId, int schemaVersion, String taskId, Instant occurredAt,
        int issued, String reason) implements ParzenEvent {

    public static SuggestionsExhausted of(String taskId, int issued, String reason) {
        return new SuggestionsExhausted(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), issued,
                reason);
    }
}
