package io.parzen.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Stop one execution; its task goes on. The executor that runs it stops the process (TERM, then
 * KILL after its grace period) and reports {@link ExecutionFinished} {@code stopped} with the
 * reason as {@code statusReason}; a queued one is dropped the same way. Unknown or already finished
 * executions are ignored (at-least-once delivery: a repeat is harmless).
 * Topic {@value Events#TOPIC_EXECUTION_STOP_REQUESTED}, key = task id.
 *
 * @param reason why, as a code: {@code stop-condition} (the step's stop condition held), {@code pruned}
 *               (the task's pruner judged it hopeless, docs/decisions/0031; never retried)
 * @param requestedBy who asked: {@code task-service} (a stop condition), {@code optimizer-service} (a pruner)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionStopRequested(String eventId, int schemaVersion, String taskId, Instant occurredAt,
        String executionId, String reason, String requestedBy) implements ParzenEvent {

    /** The step's {@code stop-condition} held on the execution's metadata. */
    public static final String STOP_CONDITION = "stop-condition";

    public static ExecutionStopRequested of(String taskId, String executionId, String reason, String requestedBy) {
        return new ExecutionStopRequested(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(),
                executionId, reason, requestedBy);
    }
}
