package io.parzen.events;

import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.events.vocabulary.StatusReason;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The contract's retry rule: whether an ended attempt of an execution is run again as a new attempt (same
 * execution id and seq, {@code attempt + 1}) or is the execution's final result. One pure function so that every
 * service that needs the answer (the optimizer, which re-issues the suggestion, and task-service, which decides
 * what counts for {@code onChildError}, {@code maxExecutions} and stop conditions) gets the same one.
 *
 * <p>The rule, in order:
 * <ol>
 *   <li>{@code complete}, or a status that is not final, is never retried;</li>
 *   <li>retries are exhausted when {@code attempt > maxRetries} (attempt 1 is the first run; with
 *       {@code maxRetries = 2} attempts 1 and 2 may be retried, attempt 3 is final);</li>
 *   <li>a reason that is a deliberate decision ({@code stopped-by-user}, {@code stopping-timeout},
 *       {@code stop-condition}, {@code pruned}) is never retried, whatever {@code retryOn} says;</li>
 *   <li>an {@link StatusReason#infrastructure() infrastructure} reason (Parzen lost the execution) is retried;</li>
 *   <li>otherwise it is retried only when its status is listed in the task's {@code retryOn}
 *       (e.g. {@code ["error"]} retries non-zero exits; {@code ["stopped"]} retries time limits).</li>
 * </ol>
 */
public final class Retries {

    /** What to do with an ended attempt. */
    public enum Decision {
        /** Run the execution again as attempt + 1; this attempt is not the execution's result. */
        RETRY,
        /** This attempt is the execution's result. */
        FINAL
    }

    /** The statuses a task may list in {@code retryOn}. */
    public static final List<String> RETRYABLE_STATUSES = List.of(
            ExecutionStatus.ERROR.wireName(), ExecutionStatus.CRASHED.wireName(), ExecutionStatus.STOPPED.wireName());

    /** Reasons that record somebody's (or some rule's) decision to end the execution: never undone by a retry. */
    private static final Set<String> DECISIONS = Set.of(
            StatusReason.STOPPED_BY_USER.wireName(), StatusReason.STOPPING_TIMEOUT.wireName(),
            StatusReason.STOP_CONDITION.wireName(), StatusReason.PRUNED.wireName());

    private Retries() {
    }

    /** The rule for a finished event and its task's settings (null {@code maxRetries} = the default). */
    public static Decision decide(ExecutionFinished finished, Integer maxRetries, Collection<String> retryOn) {
        return decide(finished.status(), finished.statusReason(), finished.attemptOrFirst(),
                maxRetries == null ? Events.DEFAULT_MAX_RETRIES : maxRetries, retryOn);
    }

    /** The rule for a finished event of a task. */
    public static Decision decide(ExecutionFinished finished, TaskSpec spec) {
        return decide(finished, spec.maxRetriesOrDefault(), spec.retryOnOrNone());
    }

    /** The rule on its plain inputs; {@code retryOn} may be null (= none). */
    public static Decision decide(String status, String statusReason, int attempt, int maxRetries,
            Collection<String> retryOn) {
        if (!ExecutionStatus.isFinal(status) || ExecutionStatus.COMPLETE.wireName().equals(status)) {
            return Decision.FINAL;
        }
        if (attempt > maxRetries) {
            return Decision.FINAL;
        }
        if (statusReason != null && DECISIONS.contains(statusReason)) {
            return Decision.FINAL;
        }
        if (StatusReason.isInfrastructure(statusReason)) {
            return Decision.RETRY;
        }
        return retryOn != null && retryOn.contains(status) ? Decision.RETRY : Decision.FINAL;
    }

    /** The ended attempt counts as the execution's result (for onChildError, maxExecutions, observations). */
    public static boolean isFinal(ExecutionFinished finished, TaskSpec spec) {
        return decide(finished, spec) == Decision.FINAL;
    }
}
