package io.parzen.executor.process;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real full disk: the execution folders on a tmpfs of {@value #SIZE_MB} MiB (mounted for the test; skipped where
 * the test may not mount). A training that fills it fails: {@code crashed} / {@code workspace-error}, so task-service
 * retries it (ADR 0026); the next execution waits queued while the disk is full and runs once space is freed.
 */
@QuarkusTest
@TestProfile(DiskFullFlowTest.SmallDisk.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class DiskFullFlowTest {

    static final int SIZE_MB = 8;
    static final Path MOUNT = Path.of("target/small-disk").toAbsolutePath();
    static volatile boolean mounted;

    /** The execution folders on a tmpfs of {@value #SIZE_MB} MiB, 2 MiB kept free. */
    public static class SmallDisk implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            mounted = mount();
            return Map.of("parzen.executor.data-dir", MOUNT.resolve("executions").toString(),
                    "parzen.executor.min-free-disk", "2M");
        }
    }

    static boolean mount() {
        try {
            Files.createDirectories(MOUNT);
            run("umount", MOUNT.toString());
            return run("mount", "-t", "tmpfs", "-o", "size=" + SIZE_MB + "m", "tmpfs", MOUNT.toString()) == 0
                    && DiskSpace.usableBytes(MOUNT) <= SIZE_MB * 1048576L;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static int run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor();
    }

    @AfterAll
    static void unmount() throws IOException, InterruptedException {
        if (mounted) {
            run("umount", "-l", MOUNT.toString());
        }
    }

    @Inject
    ExecutionScheduler scheduler;

    @Test
    void aTrainingThatFillsTheDiskIsRetriableAndTheNextOneWaitsForSpace() throws Exception {
        Assumptions.assumeTrue(mounted, "needs to mount a tmpfs (root on Linux)");
        String task = newTaskId();
        SuggestionRequested filler = request(task, 1, Map.of(), "python3 fill_disk.py", "scripts", null, null);
        Fixtures.kafka().send(filler);
        ExecutionFinished failed = awaitFinished(filler.executionId(), Duration.ofSeconds(60));
        assertThat(failed.status()).isEqualTo(ExecutionFinished.CRASHED);
        assertThat(failed.statusReason()).isEqualTo("workspace-error");
        assertThat(failed.exitCode()).isEqualTo(1);
        // what was full is either the free space under min-free-disk or, when the filler's last lines came after
        // the disk filled up, the execution's log that could not be written (Outcome.failedOnFullDisk): both happen
        assertThat(failed.reason()).startsWith("exit code 1 while the disk was full: ").satisfiesAnyOf(
                reason -> assertThat(reason).contains("the disk of ").contains("parzen.executor.min-free-disk 2.0 MiB"),
                reason -> assertThat(reason).contains("cannot write the execution folder ")
                        .endsWith("No space left on device (the disk is full)"));
        assertThat(scheduler.diskFull()).isTrue();

        SuggestionRequested next = request(task, 2, Map.of("steps", 1));
        Fixtures.kafka().send(next);
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.heldAttempt(next.executionId()) != null);
        Thread.sleep(3000); // it would have started by now if the disk were not full
        assertThat(Fixtures.started(next.executionId())).as("nothing starts on a full disk").isEmpty();
        assertThat(scheduler.queuedCount()).isEqualTo(1);

        try (Stream<Path> files = Files.walk(MOUNT)) {
            List<Path> big = files.filter(f -> f.getFileName().toString().equals("filler.bin")).toList();
            assertThat(big).hasSize(1);
            Files.delete(big.get(0));
        }
        ExecutionFinished ran = awaitFinished(next.executionId(), Duration.ofSeconds(60));
        assertThat(ran.status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(scheduler.diskFull()).isFalse();
    }
}
