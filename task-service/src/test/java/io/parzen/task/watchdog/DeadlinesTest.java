package io.parzen.task.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The watchdog's rule from stored timestamps: start timeout, heartbeat timeout, silence while not watching. */
class DeadlinesTest {

    private static final Duration START = Duration.ofMinutes(10);
    private static final Duration BEAT = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void notStartedWithinTheStartTimeout() {
        assertThat(Deadlines.judge("queued", T0, null, null, "gpu", START, BEAT, T0, T0.plus(START))).isEmpty();
        Deadlines.Verdict v = Deadlines.judge("queued", T0, null, null, "gpu", START, BEAT, T0,
                T0.plus(START).plusSeconds(1)).orElseThrow();
        assertThat(v.statusReason()).isEqualTo("not-started");
        assertThat(v.reason()).contains("'gpu'").contains("PT10M");
    }

    @Test
    void aHeartbeatedQueuedExecutionIsNotNotStartedButMayLoseItsHeartbeat() {
        Instant seen = T0.plus(Duration.ofMinutes(9));
        assertThat(Deadlines.judge("queued", T0, seen, null, "local", START, BEAT, T0, T0.plus(Duration.ofMinutes(13))))
                .isEmpty();
        assertThat(Deadlines.judge("queued", T0, seen, null, "local", START, BEAT, T0,
                seen.plus(BEAT).plusSeconds(1)).orElseThrow().statusReason()).isEqualTo("heartbeat-lost");
    }

    @Test
    void aStartedExecutionSilentPastTheHeartbeatTimeoutIsLost() {
        Instant started = T0.plusSeconds(30);
        assertThat(Deadlines.judge("started", T0, null, started, "local", START, BEAT, T0, started.plus(BEAT))).isEmpty();
        Deadlines.Verdict v = Deadlines.judge("started", T0, null, started, "local", START, BEAT, T0,
                started.plus(BEAT).plusMillis(1)).orElseThrow();
        assertThat(v.statusReason()).isEqualTo("heartbeat-lost");
        assertThat(v.reason()).contains("PT5M").contains("'local'");
    }

    @Test
    void silenceBeforeTaskServiceWatchedDoesNotCount() {
        // task-service was down for an hour: after its restart every execution gets its full timeout again
        Instant restart = T0.plus(Duration.ofHours(1));
        assertThat(Deadlines.judge("started", T0, T0, T0, "local", START, BEAT, restart, restart.plusSeconds(60)))
                .isEmpty();
        assertThat(Deadlines.judge("queued", T0, null, null, "local", START, BEAT, restart, restart.plusSeconds(60)))
                .isEmpty();
        assertThat(Deadlines.judge("started", T0, T0, T0, "local", START, BEAT, restart, restart.plus(BEAT).plusSeconds(1)))
                .isPresent();
    }

    @Test
    void finalAndStoppingExecutionsAreNotJudged() {
        Instant late = T0.plus(Duration.ofDays(1));
        for (String status : new String[] {"complete", "error", "stopped", "crashed", "stopping"}) {
            assertThat(Deadlines.judge(status, T0, null, null, "local", START, BEAT, T0, late)).isEmpty();
        }
    }
}
