package io.parzen.executor.process;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static io.parzen.executor.Fixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionHeartbeat;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.Fixtures;
import io.parzen.executor.execution.Execution;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.execution.ExecutionStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ADR 0039 against real Kafka and PostgreSQL: a request that a free slot takes has its start recorded with its
 * acceptance (one transaction: the row stored as started, its {@code ExecutionStarted} and a {@code running}
 * heartbeat); its process is stored after the spawn; a request that finds every slot busy is queued and its start
 * recorded after its spawn, as before. The test profile has two slots.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class StartAtAcceptanceFlowTest {

    @Inject
    ExecutionService executions;

    @Inject
    ExecutionScheduler scheduler;

    private static List<ExecutionHeartbeat.Held> held(String taskId, String executionId) {
        return Fixtures.kafka().events(ExecutionHeartbeat.class, h -> h.taskId().equals(taskId)).stream()
                .flatMap(h -> h.executions().stream()).filter(e -> e.executionId().equals(executionId)).toList();
    }

    @Test
    void aRequestThatAFreeSlotTakesIsStoredAsStartedWithItsAcceptanceAndItsProcessFollows() {
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.runningCount() == 0 && scheduler.isRecovered());
        String taskId = newTaskId();
        SuggestionRequested r = request(taskId, 1, Map.of("steps", 1, "sleep", 3));
        Fixtures.kafka().send(r);

        Fixtures.awaitStarted(r.executionId());
        ExecutionStarted start = started(r.executionId()).get(0);
        // its heartbeat at acceptance says running: there was never a queued state
        await().atMost(Duration.ofSeconds(10)).until(() -> !held(taskId, r.executionId()).isEmpty());
        assertThat(held(taskId, r.executionId()).get(0).state()).isEqualTo(ExecutionHeartbeat.RUNNING);
        assertThat(held(taskId, r.executionId())).extracting(ExecutionHeartbeat.Held::state)
                .doesNotContain(ExecutionHeartbeat.QUEUED);
        // the pid is stored while the process runs (an orphan can be found after a crash)
        await().atMost(Duration.ofSeconds(10)).until(() -> Blocking.await(() -> executions.find(r.executionId())).pid != null);
        Execution running = Blocking.await(() -> executions.find(r.executionId()));
        assertThat(running.status).isEqualTo(ExecutionStatus.STARTED);
        assertThat(ProcessTree.find(running.pid, running.processStartedAt)).isPresent();
        assertThat(running.argv()).contains("fake_train.py");

        ExecutionFinished done = awaitFinished(r.executionId());
        assertThat(done.status()).isEqualTo(ExecutionFinished.COMPLETE);
        // startedAt is the process's spawn, after the acceptance that emitted ExecutionStarted
        assertThat(done.startedAt()).isAfterOrEqualTo(start.occurredAt());
        assertThat(started(r.executionId())).hasSize(1);
        Execution ended = Blocking.await(() -> executions.find(r.executionId()));
        assertThat(ended.pid).isEqualTo(running.pid);
        // stored in microseconds
        assertThat(ended.startedAt).isCloseTo(done.startedAt(), within(1, ChronoUnit.MICROS));
    }

    @Test
    void aRequestThatFindsEverySlotBusyIsQueuedAndItsStartIsRecordedAfterItsSpawn() {
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.runningCount() == 0 && scheduler.isRecovered());
        String taskId = newTaskId();
        List<SuggestionRequested> requests = List.of(request(taskId, 1, Map.of("steps", 1, "sleep", 2)),
                request(taskId, 2, Map.of("steps", 1, "sleep", 2)), request(taskId, 3, Map.of("steps", 1)));
        requests.forEach(Fixtures.kafka()::send);

        for (SuggestionRequested r : requests) {
            assertThat(awaitFinished(r.executionId()).status()).isEqualTo(ExecutionFinished.COMPLETE);
            assertThat(started(r.executionId())).hasSize(1);
        }
        // the first two took the two free slots with their acceptance; the third waited in the queue
        assertThat(held(taskId, requests.get(0).executionId()).get(0).state()).isEqualTo(ExecutionHeartbeat.RUNNING);
        assertThat(held(taskId, requests.get(1).executionId()).get(0).state()).isEqualTo(ExecutionHeartbeat.RUNNING);
        assertThat(held(taskId, requests.get(2).executionId()).get(0).state()).isEqualTo(ExecutionHeartbeat.QUEUED);
        // it started once the first of the two slot holders (either one) had ended
        ExecutionStarted third = started(requests.get(2).executionId()).get(0);
        Instant slotFreed = requests.subList(0, 2).stream()
                .map(r -> Fixtures.finished(r.executionId()).get(0).finishedAt()).min(Instant::compareTo).orElseThrow();
        assertThat(third.occurredAt()).isAfterOrEqualTo(slotFreed);
    }
}
