package io.parzen.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * An execution ended. Topic {@value Events#TOPIC_EXECUTION_FINISHED}, key = task id.
 *
 * @param status a final {@link io.parzen.events.vocabulary.ExecutionStatus}: {@code complete} (exit 0),
 *               {@code error} (non-zero exit or could not start), {@code stopped} (stopped by a user, the
 *               task or its time limit), {@code crashed} (killed by a signal or lost executor); a
 *               {@code String} so that every producer's event can be read (see the vocabulary package)
 * @param exitCode process exit code, or null when there was no process exit (e.g. could not start)
 * @param reason human-readable reason for a status other than {@code complete}; may be null
 * @param metrics the latest value of every metadata key the execution logged
 * @param statusReason why, as a code (words in {@link io.parzen.events.vocabulary.StatusReason}; those it marks
 *                     {@code infrastructure} say Parzen lost the execution and may run it again): for {@code stopped}
 *                     {@code stop-condition}, {@code stopped-by-user},
 *                     {@code time-limit}, or the reason of the task's {@code TaskFinished} such as
 *                     {@code user-stopped}, {@code task-finished} when it gave none); may be null (older
 *                     producers). Open-ended, so not an enum of the contract
 * @param attempt which run of the execution ended (1, 2, ...); null = 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionFinished(
        String eventId,
        int schemaVersion,
        String taskId,
        Instant occurredAt,
        String executionId,
        int seq,
        String status,
        Integer exitCode,
        String reason,
        Map<String, Object> metrics,
        Instant startedAt,
        Instant finishedAt,
        String statusReason,
        Integer attempt) implements ParzenEvent {

    /** The contract before attempts: kept so that existing call sites compile (attempt 1). */
    public ExecutionFinished(String eventId, int schemaVersion, String taskId, Instant occurredAt, String executionId,
            int seq, String status, Integer exitCode, String reason, Map<String, Object> metrics, Instant startedAt,
            Instant finishedAt, String statusReason) {
        this(eventId, schemaVersion, taskId, occurredAt, executionId, seq, status, exitCode, reason, metrics, startedAt,
                finishedAt, statusReason, null);
    }

    /** {@link #attempt()}, or {@value Events#FIRST_ATTEMPT} when the producer omitted it. */
    public int attemptOrFirst() {
        return Events.attemptOrFirst(attempt);
    }

    /** The contract before {@code statusReason}: kept so that existing call sites compile. */
    public ExecutionFinished(String eventId, int schemaVersion, String taskId, Instant occurredAt, String executionId,
            int seq, String status, Integer exitCode, String reason, Map<String, Object> metrics, Instant startedAt,
            Instant finishedAt) {
        this(eventId, schemaVersion, taskId, occurredAt, executionId, seq, status, exitCode, reason, metrics, startedAt,
                finishedAt, null, null);
    }

    /** {@link io.parzen.events.vocabulary.ExecutionStatus#COMPLETE}'s wire name, as a constant expression. */
    public static final String COMPLETE = "complete";
    /** {@link io.parzen.events.vocabulary.ExecutionStatus#ERROR}'s wire name, as a constant expression. */
    public static final String ERROR = "error";
    /** {@link io.parzen.events.vocabulary.ExecutionStatus#STOPPED}'s wire name, as a constant expression. */
    public static final String STOPPED = "stopped";
    /** {@link io.parzen.events.vocabulary.ExecutionStatus#CRASHED}'s wire name, as a constant expression. */
    public static final String CRASHED = "crashed";
}
