package io.parzen.executor.execution;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.awaitStarted;
import static io.parzen.executor.Fixtures.finished;
import static io.parzen.executor.Fixtures.metrics;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static io.parzen.executor.Fixtures.started;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.MetricLogged;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.TaskFinished;
import io.parzen.executor.Fixtures;
import io.parzen.executor.process.Blocking;
import io.parzen.executor.process.StartupRecovery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Time limits, task stops, REST stops, and recovery after a crash of the service. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class StopAndRecoveryTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsAnAdmin() {
        io.parzen.auth.testing.DefaultToken.use(io.parzen.auth.testing.TestTokens.admin());
    }

    @org.junit.jupiter.api.AfterEach
    void forgetTheToken() {
        io.parzen.auth.testing.DefaultToken.clear();
    }

    @Inject
    StartupRecovery recovery;

    @Test
    void theTimeLimitStopsAProcessEvenIfItIgnoresSigterm() {
        SuggestionRequested request = request(newTaskId(), 1,
                Map.of("steps", 1, "sleep", 60, "ignore-term", "true"), Fixtures.COMMAND, "scripts", null, 1L);
        long t0 = System.nanoTime();
        Fixtures.kafka().send(request);
        ExecutionFinished done = awaitFinished(request.executionId(), Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionFinished.STOPPED);
        assertThat(done.reason()).isEqualTo("time-limit");
        assertThat(done.exitCode()).isEqualTo(137);
        assertThat(done.metrics()).containsEntry("ignoring_sigterm", true);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void taskFinishedStopsRunningExecutionsTheirChildrenAndDropsQueuedOnes() {
        String taskId = newTaskId();
        SuggestionRequested first = request(taskId, 1, Map.of("steps", 1, "sleep", 60, "child", "true"));
        SuggestionRequested second = request(taskId, 2, Map.of("steps", 1, "sleep", 60));
        SuggestionRequested third = request(taskId, 3, Map.of("steps", 1, "sleep", 60));
        Fixtures.kafka().send(first);
        Fixtures.kafka().send(second);
        Fixtures.kafka().send(third);
        awaitStarted(first.executionId());
        awaitStarted(second.executionId());
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics(first.executionId()).stream()
                .anyMatch(m -> m.values().containsKey("child_pid")));
        long childPid = metrics(first.executionId()).stream().map(MetricLogged::values)
                .filter(v -> v.containsKey("child_pid")).map(v -> ((Number) v.get("child_pid")).longValue())
                .findFirst().orElseThrow();
        assertThat(ProcessHandle.of(childPid)).hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
        // max-parallel is 2 in tests: the third waits
        given().get("/api/v1/executions/{id}", third.executionId()).then().statusCode(200)
                .body("status", equalTo("queued"));

        Fixtures.kafka().send(TaskFinished.of(taskId, "stopped", "early-stopping"));
        for (SuggestionRequested r : new SuggestionRequested[] {first, second, third}) {
            ExecutionFinished done = awaitFinished(r.executionId(), Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(ExecutionFinished.STOPPED);
            assertThat(done.reason()).isEqualTo("early-stopping");
        }
        assertThat(started(third.executionId())).isEmpty();
        assertThat(finished(third.executionId()).get(0).exitCode()).isNull();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(childPid).map(h -> !h.isAlive()).orElse(true));

        // a request that arrives after its task finished never runs
        SuggestionRequested late = request(taskId, 4, Map.of("steps", 1));
        Fixtures.kafka().send(late);
        ExecutionFinished lateDone = awaitFinished(late.executionId());
        assertThat(lateDone.status()).isEqualTo(ExecutionFinished.STOPPED);
        assertThat(lateDone.reason()).isEqualTo("early-stopping");
        assertThat(started(late.executionId())).isEmpty();
    }

    @Test
    void restStopStopsARunningOrAQueuedExecution() {
        String taskId = newTaskId();
        SuggestionRequested first = request(taskId, 1, Map.of("steps", 1, "sleep", 60));
        SuggestionRequested second = request(taskId, 2, Map.of("steps", 1, "sleep", 60));
        SuggestionRequested third = request(taskId, 3, Map.of("steps", 1, "sleep", 60));
        Fixtures.kafka().send(first);
        Fixtures.kafka().send(second);
        Fixtures.kafka().send(third);
        awaitStarted(first.executionId());
        awaitStarted(second.executionId());
        given().get("/api/v1/executions/{id}", first.executionId()).then().statusCode(200)
                .body("status", equalTo("started"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                .get("/api/v1/executions/{id}", third.executionId()).then().body("status", equalTo("queued")));

        given().post("/api/v1/executions/{id}/stop", third.executionId()).then().statusCode(202)
                .body("status", equalTo("stopped"));
        ExecutionFinished dequeued = awaitFinished(third.executionId());
        assertThat(dequeued.status()).isEqualTo(ExecutionFinished.STOPPED);
        assertThat(dequeued.reason()).isEqualTo("stopped-by-user");
        assertThat(started(third.executionId())).isEmpty();

        given().post("/api/v1/executions/{id}/stop", first.executionId()).then().statusCode(202);
        ExecutionFinished done = awaitFinished(first.executionId(), Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionFinished.STOPPED);
        assertThat(done.reason()).isEqualTo("stopped-by-user");
        assertThat(done.exitCode()).isEqualTo(143);
        given().post("/api/v1/executions/{id}/stop", first.executionId()).then().statusCode(409)
                .body("status", equalTo("stopped"));

        // a TaskFinished without a reason stops the rest with "task-finished"
        Fixtures.kafka().send(TaskFinished.of(taskId, "complete", null));
        ExecutionFinished rest = awaitFinished(second.executionId(), Duration.ofSeconds(20));
        assertThat(rest.status()).isEqualTo(ExecutionFinished.STOPPED);
        assertThat(rest.reason()).isEqualTo("task-finished");
    }

    @Test
    void recoveryReportsLostExecutionsKillsTheirOrphansAndRequeues() throws Exception {
        String taskId = newTaskId();
        Process orphan = new ProcessBuilder("sleep", "120").start();
        Execution lost = Execution.queued(request(taskId, 1, Map.of()), Instant.now());
        lost.status = ExecutionStatus.STARTED;
        lost.startedAt = Instant.now();
        lost.pid = orphan.pid();
        lost.processStartedAt = orphan.info().startInstant().orElseThrow();
        lost.metricsJson = "{\"loss\":0.25}";
        Execution waiting = Execution.queued(request(taskId, 2, Map.of("steps", 2)), Instant.now());
        // a lost later attempt is reported as that attempt
        Execution lostRetry = Execution.queued(request(taskId, 3, Map.of()).withAttempt(2), Instant.now());
        lostRetry.status = ExecutionStatus.STARTED;
        lostRetry.startedAt = Instant.now();
        Blocking.await(() -> Panache.withTransaction(() -> lost.persist().chain(waiting::persist)
                .chain(lostRetry::persist)));

        recovery.recover();

        ExecutionFinished crashed = awaitFinished(lost.id);
        assertThat(crashed.status()).isEqualTo(ExecutionFinished.CRASHED);
        assertThat(crashed.reason()).isEqualTo("executor-lost");
        assertThat(crashed.statusReason()).isEqualTo("executor-lost");
        assertThat(crashed.attempt()).isEqualTo(1);
        assertThat(crashed.metrics()).containsEntry("loss", 0.25);
        ExecutionFinished crashedRetry = awaitFinished(lostRetry.id);
        assertThat(crashedRetry.statusReason()).isEqualTo("executor-lost");
        assertThat(crashedRetry.attempt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> !orphan.isAlive());
        assertThat(awaitFinished(waiting.id).status()).isEqualTo(ExecutionFinished.COMPLETE);

        // a second recovery finds nothing more to do
        recovery.recover();
        Thread.sleep(500);
        assertThat(finished(lost.id)).hasSize(1);
        assertThat(finished(waiting.id)).hasSize(1);
    }

    @Inject
    io.parzen.executor.process.InstanceLease lease;

    /**
     * Several instances share the database (ADR 0027). Those of an instance that is alive (it holds its lease)
     * are neither reported lost nor queued again by this one, nor started here; a stop asked here of one of
     * them is recorded for it, and a stop another instance recorded for one held here is applied by this
     * instance's stop sweep. Once that instance is gone (its lease free), this one adopts its executions:
     * the started one crashes {@code executor-lost}, the queued one runs here, once.
     */
    @Test
    void anotherInstancesExecutionsAreLeftToItWhileAliveAndAdoptedOnceItIsGone() throws Exception {
        String taskId = newTaskId();
        AutoCloseable alive = lease.holdFor("other");
        Execution othersRunning = Execution.queued(request(taskId, 1, Map.of()), Instant.now());
        othersRunning.owner = "other";
        othersRunning.status = ExecutionStatus.STARTED;
        othersRunning.startedAt = Instant.now();
        Execution othersQueued = Execution.queued(request(taskId, 2, Map.of("steps", 2)), Instant.now());
        othersQueued.owner = "other";
        Blocking.await(() -> Panache.withTransaction(() -> othersRunning.persist().chain(othersQueued::persist)));

        recovery.recover();
        Thread.sleep(2500); // more than two rounds of the instance watch (1 s in tests)
        assertThat(finished(othersRunning.id)).isEmpty();
        assertThat(finished(othersQueued.id)).isEmpty();
        assertThat(stored(othersQueued.id).status).isEqualTo(ExecutionStatus.QUEUED);

        // a stop of the other instance's running execution is accepted and recorded for it
        given().post("/api/v1/executions/{id}/stop", othersRunning.id).then().statusCode(202);
        assertThat(stored(othersRunning.id).stopRequestedReason).isEqualTo("stopped-by-user");

        // one held here, whose stop another instance recorded: this instance's sweep stops it
        SuggestionRequested mine = request(taskId, 3, Map.of("steps", 1, "sleep", 60), Fixtures.COMMAND, "scripts",
                null, null);
        Fixtures.kafka().send(mine);
        awaitStarted(mine.executionId());
        Blocking.await(() -> Panache.withTransaction(() -> Execution.update(
                "stopRequestedReason = ?1 where id = ?2", "stop-condition", mine.executionId())));
        ExecutionFinished done = awaitFinished(mine.executionId(), Duration.ofSeconds(20));
        assertThat(done.status()).isEqualTo(ExecutionFinished.STOPPED);
        assertThat(done.reason()).isEqualTo("stop-condition");

        // the other instance dies: its executions are adopted
        alive.close();
        ExecutionFinished lost = awaitFinished(othersRunning.id, Duration.ofSeconds(20));
        assertThat(lost.status()).isEqualTo(ExecutionFinished.CRASHED);
        assertThat(lost.reason()).isEqualTo("executor-lost");
        assertThat(awaitFinished(othersQueued.id, Duration.ofSeconds(30)).status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(started(othersQueued.id)).hasSize(1);
        assertThat(stored(othersQueued.id).owner).isEqualTo("1");
        Thread.sleep(1500);
        assertThat(finished(othersRunning.id)).hasSize(1);
        assertThat(finished(othersQueued.id)).hasSize(1);
    }

    private static Execution stored(String id) {
        return Blocking.await(() -> Panache.withSession(() -> Execution.<Execution>findById(id)));
    }
}
