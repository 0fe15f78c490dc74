package io.parzen.events;

import java.time.Instant;

/**
 * The optimizer cannot suggest more executions for a task: a finite space (a grid, the manual
 * parameter sets, a fully quantized space) has been issued completely before the maximum execution
 * count. task-service completes the task once the issued executions have finished.
 * Topic {@value Events#TOPIC_SUGGESTIONS_EXHAUSTED}, key = task id.
 *
 * @param issued how many executions were suggested in total
 * @param reason an {@link io.parzen.events.vocabulary.ExhaustedReason}: {@code grid-exhausted},
 *               {@code parameter-sets-exhausted}, {@code space-exhausted} (no more points), or
 *               {@code invalid-spec}, {@code optimizer-error} (the optimizer failed: the task ends in
 *               {@code error}); a {@code String} so that every producer's event can be read
 */
public record SuggestionsExhausted(String eventId, int schemaVersion, String taskId, Instant occurredAt,
        int issued, String reason) implements ParzenEvent {

    public static SuggestionsExhausted of(String taskId, int issued, io.parzen.events.vocabulary.ExhaustedReason reason) {
        return of(taskId, issued, reason.wireName());
    }

    public static SuggestionsExhausted of(String taskId, int issued, String reason) {
        return new SuggestionsExhausted(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), issued,
                reason);
    }
}
