package io.parzen.executor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.parzen.events.MetricLogged;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The output of a real process ({@code /bin/sh}): events in order, and a waiting reader woken by its end. */
@DisabledOnOs(OS.WINDOWS)
class ProcessOutputTest {

    private static final long AN_HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path dir;

    private ProcessOutput started(String script) throws Exception {
        BufferedWriter log = Files.newBufferedWriter(dir.resolve("log.txt"), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("/bin/sh", "-c", script).start();
        ProcessOutput out = new ProcessOutput("t", "t-1", 1, log);
        out.start(p);
        return out;
    }

    @Test
    void aReaderWaitingForEventsIsWokenWhenTheOutputEnds() throws Exception {
        ProcessOutput out = started("exit 0");

        // without the wake-up this poll would wait its whole hour; the test fails after 30 s
        MetricLogged next = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> out.poll(AN_HOUR_MILLIS));

        assertThat(next).isNull();
        assertThat(out.isDone()).isTrue();
        assertThat(out.isEmpty()).isTrue();
    }

    @Test
    void everyEventComesBeforeTheEndAndTheEndIsNeverHandedOut() throws Exception {
        ProcessOutput out = started("echo '{\"loss\": 1}'; echo '{\"loss\": 0.5}'; echo '{\"loss\": 0.25}'");

        List<MetricLogged> events = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            MetricLogged next;
            while ((next = out.poll(AN_HOUR_MILLIS)) != null) {
                events.add(next);
                out.drainTo(events);
            }
        });

        assertThat(events).extracting(MetricLogged::sequence).containsExactly(1, 2, 3);
        assertThat(events).extracting(e -> e.values().get("loss")).containsExactly(1, 0.5, 0.25);
        assertThat(out.isDone()).isTrue();
        assertThat(out.isEmpty()).isTrue();
    }
}
