package io.parzen.task.watchdog;

import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.events.vocabulary.StatusReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The watchdog's rule for one execution, from stored timestamps only (so it holds after a restart).
 * Silence is measured from the later of the last sign of life and {@code watchingSince} (when this
 * task-service began consuming events): time in which task-service could not read events does not
 * count against an execution.
 */
public final class Deadlines {

    private Deadlines() {
    }

    /** Why an execution is declared crashed. */
    public record Verdict(String statusReason, String reason) {
    }

    /**
     * @param status       the execution's stored status
     * @param requestedAt  when task-service read its {@code SuggestionRequested}, by its own clock; may be null
     * @param lastSeenAt   when task-service last consumed a start, metric or heartbeat of it; null = never
     * @param startedAt    its start as reported, may be null
     * @param environment  where it runs
     * @param watchingSince when task-service began consuming events (process start)
     */
    public static Optional<Verdict> judge(String status, Instant requestedAt, Instant lastSeenAt, Instant startedAt,
            String environment, Duration startTimeout, Duration heartbeatTimeout, Instant watchingSince, Instant now) {
        if (!ExecutionStatus.QUEUED.is(status) && !ExecutionStatus.STARTED.is(status)) {
            return Optional.empty();
        }
        Instant seen = lastSeenAt != null ? lastSeenAt : startedAt;
        if (seen == null) {
            Instant from = later(requestedAt == null ? watchingSince : requestedAt, watchingSince);
            if (now.isAfter(from.plus(startTimeout))) {
                return Optional.of(new Verdict(StatusReason.NOT_STARTED.wireName(), "not started within the start"
                        + " timeout " + startTimeout + " of environment '" + environment + "': no executor serving '"
                        + environment + "' took it (no ExecutionStarted or ExecutionHeartbeat)"));
            }
            return Optional.empty();
        }
        Instant from = later(seen, watchingSince);
        if (now.isAfter(from.plus(heartbeatTimeout))) {
            return Optional.of(new Verdict(StatusReason.HEARTBEAT_LOST.wireName(), "no heartbeat, start or metric"
                    + " from its executor within the heartbeat timeout " + heartbeatTimeout + " of environment '"
                    + environment + "' (last seen " + seen + ")"));
        }
        return Optional.empty();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
