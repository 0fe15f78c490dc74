package io.parzen.events;

import static io.parzen.events.Retries.Decision.FINAL;
import static io.parzen.events.Retries.Decision.RETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parzen.events.Retries.Decision;
import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.events.vocabulary.StatusReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The retry rule over every status × reason × retryOn × attempt, checked against its written statement. */
class RetriesTest {

    private static final Set<String> DECISIONS = Set.of("stopped-by-user", "stopping-timeout", "stop-condition",
            "pruned");
    private static final List<List<String>> RETRY_ONS = List.of(List.of(), List.of("error"), List.of("crashed"),
            List.of("stopped"), List.of("error", "crashed", "stopped"));

    /** The rule as the contract states it, written independently of the implementation's order of checks. */
    private static Decision expected(String status, String reason, int attempt, int maxRetries, List<String> retryOn) {
        boolean failedOrStopped = status.equals("error") || status.equals("crashed") || status.equals("stopped");
        boolean left = attempt <= maxRetries;
        boolean decision = reason != null && DECISIONS.contains(reason);
        boolean infra = reason != null && StatusReason.find(reason).map(StatusReason::infrastructure).orElse(false);
        boolean asked = retryOn.contains(status);
        return failedOrStopped && left && !decision && (infra || asked) ? RETRY : FINAL;
    }

    @Test
    void everyCombination() {
        List<String> reasons = new ArrayList<>(StatusReason.wireNames());
        reasons.add(null);
        reasons.add("some-future-word");
        int checked = 0;
        for (ExecutionStatus status : ExecutionStatus.values()) {
            for (String reason : reasons) {
                for (List<String> retryOn : RETRY_ONS) {
                    for (int maxRetries = 0; maxRetries <= 3; maxRetries++) {
                        for (int attempt = 1; attempt <= 5; attempt++) {
                            assertEquals(expected(status.wireName(), reason, attempt, maxRetries, retryOn),
                                    Retries.decide(status.wireName(), reason, attempt, maxRetries, retryOn),
                                    status.wireName() + "/" + reason + "/" + retryOn + " attempt " + attempt
                                            + " of maxRetries " + maxRetries);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(ExecutionStatus.values().length * reasons.size() * RETRY_ONS.size() * 4 * 5, checked);
    }

    @Test
    void theIssuesCase_lostExecutorIsRetriedTwiceByDefaultThenFinal() {
        assertEquals(RETRY, Retries.decide(finished("crashed", "executor-lost", null), null, null));
        assertEquals(RETRY, Retries.decide(finished("crashed", "executor-lost", 2), null, null));
        assertEquals(FINAL, Retries.decide(finished("crashed", "executor-lost", 3), null, null));
    }

    @Test
    void userFailuresAreFinalUnlessTheTaskAsks() {
        assertEquals(FINAL, Retries.decide(finished("error", "exit-code", 1), 2, null));
        assertEquals(RETRY, Retries.decide(finished("error", "exit-code", 1), 2, List.of("error")));
        assertEquals(FINAL, Retries.decide(finished("stopped", "time-limit", 1), 2, List.of("error")));
        assertEquals(RETRY, Retries.decide(finished("stopped", "time-limit", 1), 2, List.of("stopped")));
        assertEquals(FINAL, Retries.decide(finished("stopped", "stopped-by-user", 1), 2, List.of("stopped")));
        assertEquals(FINAL, Retries.decide(finished("complete", null, 1), 2, List.of("error", "crashed", "stopped")));
    }

    @Test
    void maxRetriesZeroNeverRetries() {
        assertEquals(FINAL, Retries.decide(finished("crashed", "executor-lost", 1), 0, null));
    }

    @Test
    void taskSpecDefaultsApply() {
        TaskSpec spec = new TaskSpec("t", "random", null, "python train.py", null, List.of(), null, 1, 1, null, null,
                null, null, null, null, null, null, null, null);
        assertEquals(RETRY, Retries.decide(finished("crashed", "not-started", 1), spec));
        assertEquals(FINAL, Retries.decide(finished("error", "exit-code", 1), spec));
    }

    @Test
    void retryableStatusesAreTheFailedOrStoppedOnes() {
        assertEquals(List.of("error", "crashed", "stopped"), Retries.RETRYABLE_STATUSES);
        assertEquals(true, Arrays.stream(ExecutionStatus.values()).filter(s -> s.isFinal() && s != ExecutionStatus.COMPLETE)
                .map(ExecutionStatus::wireName).allMatch(Retries.RETRYABLE_STATUSES::contains));
    }

    private static ExecutionFinished finished(String status, String reason, Integer attempt) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new ExecutionFinished("e1", 1, "task", now, "task-1", 1, status, null, null, Map.of(), now, now, reason,
                attempt);
    }
}
