package io.parzen.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.MetricLogged;
import io.parzen.executor.execution.Execution;
import io.parzen.executor.execution.ExecutionService.StartedProcess;
import io.parzen.executor.execution.ExecutionStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run through its four steps with a made-up context: no Quarkus, no database, a real process
 * ({@code /bin/sh}).
 */
@DisabledOnOs(OS.WINDOWS)
class ProcessRunTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Records records = new Records();
    private final List<ProcessRun> ended = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    /** What the run recorded, in order. */
    static final class Records implements RunRecords {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<MetricLogged> events = Collections.synchronizedList(new ArrayList<>());
        /** The attempt each call named. */
        final List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());
        volatile StartedProcess started;
        volatile Outcome outcome;
        volatile Map<String, Object> metrics;
        volatile Map<String, Object> latestOfLastBatch;
        volatile Instant finishedAt;
        volatile Instant finishRecordedAt;
        volatile boolean stillQueued = true;
        volatile RuntimeException failStart;
        /** How long recording the start takes (a slow database). */
        volatile long startDelayMillis;
        volatile Instant startRecordedAt;

        @Override
        public void stoppedBeforeStart(String executionId, String reason) {
            calls.add("stoppedBeforeStart " + executionId + " " + reason);
        }

        @Override
        public boolean started(String executionId, int attempt, StartedProcess process) {
            calls.add("started " + executionId);
            attempts.add(attempt);
            if (failStart != null) {
                throw failStart;
            }
            started = process;
            if (startDelayMillis > 0) {
                try {
                    Thread.sleep(startDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            startRecordedAt = Instant.now();
            return stillQueued;
        }

        @Override
        public void metrics(String executionId, int attempt, List<MetricLogged> batch, int metricCount,
                Map<String, Object> latest) {
            calls.add("metrics " + executionId);
            attempts.add(attempt);
            events.addAll(batch);
            latestOfLastBatch = latest;
        }

        @Override
        public void finished(String executionId, int attempt, Outcome o, Map<String, Object> values,
                Instant finishedAt, StartedProcess process) {
            calls.add("finished " + executionId);
            finishedWith = process;
            attempts.add(attempt);
            outcome = o;
            metrics = values;
            this.finishedAt = finishedAt;
            finishRecordedAt = Instant.now();
        }

        @Override
        public void processStarted(String executionId, int attempt, StartedProcess process) {
            calls.add("processStarted " + executionId);
            attempts.add(attempt);
            started = process;
        }

        /** The process that the finish of a run started at acceptance carried. */
        volatile StartedProcess finishedWith;
    }

    private Execution execution(Long timeLimitSeconds) {
        return execution(timeLimitSeconds, null);
    }

    private Execution execution(Long timeLimitSeconds, Integer attempt) {
        Execution e = new Execution();
        e.attempt = attempt;
        e.id = "t-1";
        e.taskId = "t";
        e.seq = 1;
        e.timeLimitSeconds = timeLimitSeconds;
        return e;
    }

    /** Free bytes of the (pretended) disk of the execution folders; the minimum is 1 MiB. */
    private final java.util.concurrent.atomic.AtomicLong freeBytes = new java.util.concurrent.atomic.AtomicLong(1L << 40);

    private RunContext context(RunContext.Preparation preparation) {
        return new RunContext(preparation, records, "test-executor", Duration.ofMillis(500), timers,
                shuttingDown::get, ended::add, new DiskSpace(dir, 1L << 20, freeBytes::get));
    }

    /** A preparation that runs {@code script} with {@code /bin/sh} in the temporary folder. */
    private RunContext.Preparation shell(String script) {
        return new RunContext.Preparation() {
            @Override
            public Workspace.Prepared prepare(Execution e) throws IOException {
                Path outputs = Files.createDirectories(dir.resolve("outputs"));
                return new Workspace.Prepared(List.of("/bin/sh", "-c", script), dir, dir, logFile(e.taskId, e.id, e.attempt()),
                        outputs, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
            }

            @Override
            public Path logFile(String taskId, String executionId, int attempt) {
                return dir.resolve("log.txt");
            }
        };
    }

    @Test
    void aProcessIsStartedStreamedAndItsExitClassified() throws Exception {
        ProcessRun run = new ProcessRun(execution(null), context(shell(
                "echo '{\"loss\": 0.5}'; echo 'not json'; echo oops >&2; echo '{\"loss\": 0.25, \"acc\": 1}'; exit 3")));

        run.run();

        assertThat(records.calls).first().isEqualTo("started t-1");
        assertThat(records.calls).last().isEqualTo("finished t-1");
        assertThat(records.started.executor()).isEqualTo("test-executor");
        assertThat(records.started.argv()).startsWith("/bin/sh", "-c");
        assertThat(records.started.pid()).isPositive();
        assertThat(records.events).extracting(MetricLogged::sequence).containsExactly(1, 2);
        assertThat(records.events.get(1).values()).containsEntry("loss", 0.25).containsEntry("acc", 1);
        assertThat(records.latestOfLastBatch).containsEntry("loss", 0.25);
        assertThat(records.outcome).isEqualTo(new Outcome(ExecutionStatus.ERROR, 3, "exit code 3"));
        assertThat(records.metrics).containsExactly(Map.entry("loss", 0.25), Map.entry("acc", 1));
        assertThat(Files.readAllLines(dir.resolve("log.txt"), StandardCharsets.UTF_8))
                .contains("{\"loss\": 0.5}", "not json", "oops", "{\"loss\": 0.25, \"acc\": 1}");
        assertThat(ended).containsExactly(run);
    }

    @Test
    void aRunStartedAtItsAcceptanceRecordsNoStartStoresItsProcessAndFinishesWithIt() {
        ProcessRun run = new ProcessRun(execution(null), context(shell("echo '{\"loss\": 0.5}'")), true);
        assertThat(run.isStarted()).isTrue();

        run.run();

        assertThat(records.calls).containsExactly("processStarted t-1", "metrics t-1", "finished t-1");
        assertThat(records.started.pid()).isPositive();
        assertThat(records.finishedWith).isSameAs(records.started);
        assertThat(records.finishedWith.startedAt()).isBeforeOrEqualTo(records.finishedAt);
        assertThat(records.outcome).isEqualTo(new Outcome(ExecutionStatus.COMPLETE, 0, null));
    }

    @Test
    void aRunStartedAtItsAcceptanceAndStoppedBeforeItsSpawnEndsStoppedWithoutAProcess() {
        ProcessRun[] run = new ProcessRun[1];
        RunContext.Preparation stoppedWhilePreparing = new RunContext.Preparation() {
            @Override
            public Workspace.Prepared prepare(Execution e) throws IOException, Workspace.InvalidRequestException {
                run[0].requestStop("stopped by user");
                return shell("sleep 30").prepare(e);
            }

            @Override
            public Path logFile(String taskId, String executionId, int attempt) {
                return dir.resolve("log.txt");
            }
        };
        run[0] = new ProcessRun(execution(null), context(stoppedWhilePreparing), true);

        run[0].run();

        assertThat(records.calls).containsExactly("finished t-1");
        assertThat(records.outcome).isEqualTo(new Outcome(ExecutionStatus.STOPPED, null, "stopped by user"));
        assertThat(records.finishedWith).isNull();
        assertThat(run[0].hasProcess()).isFalse();
    }

    @Test
    void aRunQueuedAndStoppedBeforeItsSpawnIsRecordedAsStoppedBeforeStart() {
        ProcessRun run = new ProcessRun(execution(null), context(shell("sleep 30")));
        assertThat(run.isStarted()).isFalse();
        run.requestStop("stopped by user");

        run.run();

        assertThat(records.calls).containsExactly("stoppedBeforeStart t-1 stopped by user");
    }

    @Test
    void aProgramIsExecutableAsTheJdkWouldFindIt() throws Exception {
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n");
        assertThat(Workspace.executable("./run.sh", dir)).isFalse(); // not executable yet
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(Workspace.executable("./run.sh", dir)).isTrue();
        assertThat(Workspace.executable(script.toString(), Path.of("/"))).isTrue();
        assertThat(Workspace.executable("sh", dir)).isTrue(); // on PATH
        assertThat(Workspace.executable("no-such-program-parzen", dir)).isFalse();
        assertThat(Workspace.executable("/nonexistent/parzen-train", dir)).isFalse();
        assertThat(Workspace.executable(".", dir)).isFalse(); // a folder
    }

    @Test
    void everyRecordAndEventOfALaterAttemptNamesThatAttempt() {
        new ProcessRun(execution(null, 2), context(shell("echo '{\"loss\": 0.5}'"))).run();
        assertThat(records.attempts).isNotEmpty().containsOnly(2);
        assertThat(records.events).extracting(MetricLogged::attempt).containsExactly(2);
        assertThat(records.outcome.status()).isEqualTo(ExecutionStatus.COMPLETE);
    }

    @Test
    void aFullDiskWhilePreparingTheFolderIsAWorkspaceErrorNamingTheFolder() {
        Path folder = dir.resolve("t").resolve("t-1");
        new ProcessRun(execution(null), context(new RunContext.Preparation() {
            @Override
            public Workspace.Prepared prepare(Execution e) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public Path logFile(String taskId, String executionId, int attempt) {
                return folder.resolve("log.txt");
            }
        })).run();
        assertThat(records.calls).containsExactly("finished t-1");
        assertThat(records.outcome.status()).isEqualTo(ExecutionStatus.CRASHED);
        assertThat(records.outcome.statusReason()).isEqualTo("workspace-error");
        assertThat(records.outcome.reason()).contains(folder.toString()).contains("No space left on device")
                .contains("disk is full");
    }

    @Test
    void aCommandThatFailsWhileTheDiskIsFullIsAWorkspaceErrorThatKeepsItsExitCode() {
        freeBytes.set(4096);
        new ProcessRun(execution(null), context(shell("echo '{\"loss\": 0.5}'; exit 1"))).run();
        assertThat(records.outcome.status()).isEqualTo(ExecutionStatus.CRASHED);
        assertThat(records.outcome.statusReason()).isEqualTo("workspace-error");
        assertThat(records.outcome.exitCode()).isEqualTo(1);
        assertThat(records.outcome.reason()).startsWith("exit code 1 while the disk was full: the disk of " + dir)
                .contains("0.0 MiB free").contains("min-free-disk 1.0 MiB");
    }

    @Test
    void aFullDiskChangesNothingForACommandThatSucceededOrWasStopped() {
        freeBytes.set(4096);
        new ProcessRun(execution(null), context(shell("exit 0"))).run();
        assertThat(records.outcome).isEqualTo(new Outcome(ExecutionStatus.COMPLETE, 0, null));

        ProcessRun stopped = new ProcessRun(execution(null), context(shell("sleep 30")));
        Thread t = new Thread(stopped);
        t.start();
        org.awaitility.Awaitility.await().until(() -> records.started != null);
        stopped.requestStop("user");
        org.awaitility.Awaitility.await().until(() -> !t.isAlive());
        assertThat(records.outcome.status()).isEqualTo(ExecutionStatus.STOPPED);
        assertThat(records.outcome.statusReason()).isNull();
    }

    @Test
    void aCommandThatFailsWithRoomOnTheDiskIsTheUsersError() {
        new ProcessRun(execution(null), context(shell("exit 2"))).run();
        assertThat(records.outcome).isEqualTo(new Outcome(ExecutionStatus.ERROR, 2, "exit code 2"));
    }

    @Test
    void aLogThatCannotBeOpenedIsAWorkspaceErrorAndNoProcessRuns() throws IOException {
        Path notAFile = Files.createDirectories(dir.resolve("log-is-a-folder"));
        new ProcessRun(execution(null), context(new RunContext.Preparation() {
            @Override
            public Workspace.Prepared prepare(Execution e) {
                return new Workspace.Prepared(List.of("/bin/sh", "-c", "echo ran > ran.txt"), dir, dir, notAFile, dir,
                        Map.of());
            }

            @Override
            public Path logFile(String taskId, String executionId, int attempt) {
                return notAFile;
            }
        })).run();
        assertThat(records.calls).containsExactly("finished t-1");
        assertThat(records.outcome.status()).isEqualTo(ExecutionStatus.CRASHED);
        assertThat(records.outcome.statusReason()).isEqualTo("workspace-error");
        assertThat(records.outcome.reason()).startsWith("cannot write the execution folder " + dir);
        assertThat(dir.resolve("ran.txt")).doesNotExist();
    }

    @Test
    void anExitCodeZeroIsComplete() {
        ProcessRun run = new ProcessRun(execution(null), context(shell("true")));
        run.run();
        assertThat(records.outcome).isEqualTo(new Outcome(ExecutionStatus.COMPLETE, 0, null));
        assertThat(records.metrics).isEmpty();
        assertThat(records.events).isEmpty();
    }

    @Test
    void aRunStoppedBeforeItStartedNeverStarts() {
        ProcessRun run = new ProcessRun(execution(null), context(shell("echo ran > ran.txt")));
        run.requestStop("stopped-by-user");
        run.run();
        assertThat(records.calls).containsExactly("stoppedBeforeStart t-1 stopped-by-user");
        assertThat(dir.resolve("ran.txt")).doesNotExist();
        assertThat(ended).containsExactly(run);
    }

    @Test
    void aRequestThatCannotRunEndsInErrorWithTheReasonInItsLog() {
        ProcessRun run = new ProcessRun(execution(null), context(new RunContext.Preparation() {
            @Override
            public Workspace.Prepared prepare(Execution e) throws Workspace.InvalidRequestException {
                throw new Workspace.InvalidRequestException("invalid command: unterminated quote");
            }

            @Override
            public Path logFile(String taskId, String executionId, int attempt) {
                return dir.resolve("log.txt");
            }
        }));
        run.run();
        assertThat(records.calls).containsExactly("finished t-1");
        assertThat(records.outcome)
                .isEqualTo(new Outcome(ExecutionStatus.ERROR, null, "invalid command: unterminated quote"));
        assertThat(dir.resolve("log.txt")).content(StandardCharsets.UTF_8)
                .contains("parzen: invalid command: unterminated quote");
    }

    @Test
    void aProgramThatCannotStartEndsInError() {
        RunContext.Preparation missing = new RunContext.Preparation() {
            @Override
            public Workspace.Prepared prepare(Execution e) {
                return new Workspace.Prepared(List.of(dir.resolve("no-such-program").toString()), dir, dir,
                        logFile(e.taskId, e.id, 1), dir, Map.of());
            }

            @Override
            public Path logFile(String taskId, String executionId, int attempt) {
                return dir.resolve("log.txt");
            }
        };
        new ProcessRun(execution(null), context(missing)).run();
        assertThat(records.outcome.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(records.outcome.exitCode()).isNull();
        assertThat(records.outcome.reason()).startsWith("could not start: ");
        assertThat(records.started).isNull();
    }

    @Test
    void theTimeLimitStopsTheProcess() {
        new ProcessRun(execution(1L), context(shell("exec sleep 60"))).run();
        assertThat(records.outcome).isEqualTo(new Outcome(ExecutionStatus.STOPPED, 143, "time-limit"));
    }

    @Test
    void anExecutionNoLongerQueuedIsNotRecordedFurther() {
        records.stillQueued = false;
        new ProcessRun(execution(null), context(shell("echo '{\"loss\": 1}'; exec sleep 60"))).run();
        assertThat(records.calls).containsExactly("started t-1");
    }

    @Test
    void aFailureInsideTheExecutorIsRecordedAsCrashed() {
        records.failStart = new IllegalStateException("database gone");
        ProcessRun run = new ProcessRun(execution(null), context(shell("exec sleep 60")));
        run.run();
        assertThat(records.outcome).isEqualTo(new Outcome(ExecutionStatus.CRASHED, null,
                "executor error: java.lang.IllegalStateException: database gone"));
        assertThat(ended).containsExactly(run);
    }

    @Test
    void duringShutdownTheEndIsLeftToTheNextStart() {
        shuttingDown.set(true);
        new ProcessRun(execution(null), context(shell("exit 1"))).run();
        assertThat(records.calls).containsExactly("started t-1");
    }

    @Test
    void finishedAtIsWhenTheProcessExitedEvenWhenADescendantKeptItsOutputOpen() {
        // sh exits at once; the background sleep holds stdout and stderr open for 3 s more
        new ProcessRun(execution(null), context(shell("sleep 3 & exit 0"))).run();

        assertThat(records.outcome.status()).isEqualTo(ExecutionStatus.COMPLETE);
        assertThat(Duration.between(records.finishedAt, records.finishRecordedAt))
                .as("the exit, not the end of the output, is the finish time")
                .isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void aProcessThatExitsWhileItsStartIsRecordedIsTimedFromItsExit() {
        // the process ends at once; recording its start takes a second (a slow database)
        records.startDelayMillis = 1000;
        new ProcessRun(execution(null), context(shell("exit 0"))).run();

        assertThat(records.outcome.status()).isEqualTo(ExecutionStatus.COMPLETE);
        assertThat(Duration.between(records.finishedAt, records.startRecordedAt))
                .as("the exit, not the end of the start's record, is the finish time")
                .isGreaterThan(Duration.ofMillis(500));
    }
}
