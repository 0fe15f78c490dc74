package io.parzen.task.executions;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One run of an execution (docs/decisions/0023): attempt 1 is its first run; an attempt that Parzen lost (or whose
 * status the task's {@code retryOn} lists) is run again as attempt + 1, up to the task's {@code maxRetries}, and
 * only the final attempt counts for the task.
 *
 * @param status the attempt's status: a final one for an ended attempt; {@code queued}, {@code started} or
 *               {@code stopping} for the current attempt while it runs, or for an earlier one whose finish has not
 *               arrived
 */
@Schema(name = "ExecutionAttempt", description = "One run of an execution; a retried execution has several")
public record ExecutionAttempt(
        int attempt,
        String status,
        @Schema(description = "why it ended as it did: executor-lost, not-started, heartbeat-lost, workspace-error,"
                + " pod-evicted, node-lost (Parzen lost it: retried), exit-code, time-limit, stopped-by-user, ...",
                nullable = true)
        String statusReason,
        @Schema(nullable = true)
        Integer exitCode,
        @Schema(nullable = true)
        Instant startedAt,
        @Schema(nullable = true)
        Instant finishedAt) {

    /** This attempt has ended (its finish was seen). */
    public boolean ended() {
        return finishedAt != null;
    }
}
