package io.parzen.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An executor still holds these executions of one task: one event per task per heartbeat interval
 * from each executor (one record per task keeps it cheap with thousands of queued executions).
 * An executor sends it when it accepts a request ({@code queued}) and then every interval for every
 * execution it holds, queued or running. task-service's watchdog counts a heartbeat as a sign of
 * life: an execution neither started nor heartbeated within its environment's start timeout, or
 * silent past its heartbeat timeout, becomes {@code crashed} ({@code not-started} /
 * {@code heartbeat-lost}). Topic {@value Events#TOPIC_EXECUTION_HEARTBEAT}, key = task id.
 *
 * @param executorId  the executor instance that holds them (e.g. {@code local@host})
 * @param environment the environment that executor serves for them
 * @param executions  the executions it holds, each with its attempt and state
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionHeartbeat(String eventId, int schemaVersion, String taskId, Instant occurredAt,
        String executorId, String environment, List<Held> executions) implements ParzenEvent {

    /** Waiting in the executor's queue. */
    public static final String QUEUED = "queued";
    /** Its process runs. */
    public static final String RUNNING = "running";

    public ExecutionHeartbeat {
        executions = executions == null ? List.of() : List.copyOf(executions);
    }

    /**
     * One execution an executor holds.
     *
     * @param attempt null = {@value Events#FIRST_ATTEMPT}
     * @param state   {@value #QUEUED} or {@value #RUNNING}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Held(String executionId, Integer attempt, String state) {

        /** {@link #attempt()}, or {@value Events#FIRST_ATTEMPT} when the producer omitted it. */
        public int attemptOrFirst() {
            return Events.attemptOrFirst(attempt);
        }
    }

    public static ExecutionHeartbeat of(String taskId, String executorId, String environment, List<Held> executions) {
        return new ExecutionHeartbeat(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), executorId,
                environment, executions);
    }
}
