package io.parzen.events;

import java.time.Instant;

/**
 * An executor started the process of an execution. Topic {@value Events#TOPIC_EXECUTION_STARTED},
 * key = task id. Optional for third-party executors: task-service also accepts an
 * {@link ExecutionFinished} without a prior start.
 *
 * @param executor the executor's name, e.g. {@code local@hostname}
 * @param attempt which run of the execution this is (1, 2, ...); null = 1
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record ExecutionStarted(String eventId, int schemaVersion, String taskId, Instant occurredAt,
        String executionId, int seq, String executor, Integer attempt) implements ParzenEvent {

    /** The event before attempts (kept so that call sites compile): attempt 1. */
    public ExecutionStarted(String eventId, int schemaVersion, String taskId, Instant occurredAt, String executionId,
            int seq, String executor) {
        this(eventId, schemaVersion, taskId, occurredAt, executionId, seq, executor, null);
    }

    /** {@link #attempt()}, or {@value Events#FIRST_ATTEMPT} when the producer omitted it. */
    public int attemptOrFirst() {
        return Events.attemptOrFirst(attempt);
    }

    public static ExecutionStarted of(String taskId, String executionId, int seq, String executor, int attempt) {
        return new ExecutionStarted(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(),
                executionId, seq, executor, attempt);
    }

    public static ExecutionStarted of(String taskId, String executionId, int seq, String executor) {
        return new ExecutionStarted(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(),
                executionId, seq, executor);
    }
}
