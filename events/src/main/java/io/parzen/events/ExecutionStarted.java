package io.parzen.events;

import java.time.Instant;

/**
 * An executor started the process of an execution. Topic {@value Events#TOPIC_EXECUTION_STARTED},
 * key = task id. Optional for third-party executors: task-service also accepts an
 * {@link ExecutionFinished} without a prior start.
 *
 * @param executor the executor's name, e.g. {@code local@hostname}
 */
public record ExecutionStarted(String eventId, int schemaVersion, String taskId, Instant occurredAt,
        String executionId, int seq, String executor) implements ParzenEvent {

    public static ExecutionStarted of(String taskId, String executionId, int seq, String executor) {
        return new ExecutionStarted(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(),
                executionId, seq, executor);
    }
}
