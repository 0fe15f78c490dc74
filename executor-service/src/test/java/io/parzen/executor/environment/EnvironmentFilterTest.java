package io.parzen.executor.environment;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionHeartbeat;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.Fixtures;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.process.Blocking;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An executor serves its environments only, and heartbeats what it holds. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class EnvironmentFilterTest {

    @Inject
    ExecutionService executions;

    private static SuggestionRequested inEnvironment(SuggestionRequested r, String environment, String executionId) {
        return new SuggestionRequested(r.eventId(), r.schemaVersion(), r.taskId(), r.occurredAt(), executionId, r.seq(),
                r.batch(), r.parameters(), r.source(), r.command(), r.workingDirectory(), r.passAs(),
                r.timeLimitSeconds(), r.environmentVariables(), r.commands(), r.inputs(), r.project(), r.multiple(),
                r.multipleSeparator(), environment, "python:3.12", r.attempt());
    }

    private static List<ExecutionHeartbeat> heartbeats(String taskId) {
        return Fixtures.kafka().events(ExecutionHeartbeat.class, h -> h.taskId().equals(taskId));
    }

    @Test
    void aRequestForAnEnvironmentItDoesNotServeHasNoSideEffect() {
        String taskId = newTaskId();
        SuggestionRequested other = inEnvironment(request(taskId, 1, Map.of("steps", 1)), "outside", taskId + "-1");
        // not even validated: a request this executor would refuse is someone else's business
        SuggestionRequested otherForged = inEnvironment(request(taskId, 2, Map.of("steps", 1)), "outside",
                "someone-else-2");
        SuggestionRequested mine = inEnvironment(request(taskId, 3, Map.of("steps", 1)), "local", taskId + "-3");
        Fixtures.kafka().send(other);
        Fixtures.kafka().send(otherForged);
        Fixtures.kafka().send(mine);

        // the partition went past both: the served one after them ran
        assertThat(awaitFinished(mine.executionId()).status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(Fixtures.started(other.executionId())).isEmpty();
        assertThat(Fixtures.finished(other.executionId())).isEmpty();
        assertThat(Fixtures.metrics(other.executionId())).isEmpty();
        assertThat(Blocking.await(() -> executions.find(other.executionId()))).isNull();
        assertThat(Blocking.await(() -> executions.find("someone-else-2"))).isNull();
        assertThat(Fixtures.kafka().records(Fixtures.DEAD_LETTER_TOPIC).stream()
                .filter(r -> r.value().contains(taskId))).isEmpty();
        assertThat(heartbeats(taskId).stream().flatMap(h -> h.executions().stream())
                .map(ExecutionHeartbeat.Held::executionId)).doesNotContain(other.executionId(), "someone-else-2")
                .contains(mine.executionId());
    }

    @Test
    void heartbeatsAtAcceptanceAndEveryIntervalWhileRunning() {
        String taskId = newTaskId();
        SuggestionRequested slow = request(taskId, 1, Map.of("steps", 1, "sleep", 4));
        Fixtures.kafka().send(slow);

        // at acceptance: queued, or running when a free slot took it with the acceptance (ADR 0039)
        await().atMost(Duration.ofSeconds(20)).until(() -> heartbeats(taskId).stream().anyMatch(h ->
                h.executions().stream().anyMatch(e -> e.executionId().equals(slow.executionId())
                        && List.of(ExecutionHeartbeat.QUEUED, ExecutionHeartbeat.RUNNING).contains(e.state()))));
        ExecutionHeartbeat first = heartbeats(taskId).get(0);
        assertThat(first.environment()).isEqualTo("local");
        assertThat(first.executorId()).isNotBlank();
        // the test profile's interval is 1 s: while it runs (4 s), running heartbeats follow the first
        await().atMost(Duration.ofSeconds(20)).until(() -> heartbeats(taskId).stream().skip(1)
                .filter(h -> h.executions().stream().anyMatch(e -> e.state().equals(ExecutionHeartbeat.RUNNING)))
                .count() >= 2);
        assertThat(awaitFinished(slow.executionId()).status()).isEqualTo(ExecutionFinished.COMPLETE);
        // once finished it is not heartbeated any more
        int after = heartbeats(taskId).size();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> heartbeats(taskId).size() <= after + 1);
    }

    @Test
    void servedEnvironmentsDefaultAndBlank() {
        ServedEnvironments served = new ServedEnvironments(List.of("local", " gpu ", ""));
        assertThat(served.serves((String) null)).isTrue();
        assertThat(served.serves("gpu")).isTrue();
        assertThat(served.serves("outside")).isFalse();
        assertThat(served.names()).containsExactly("local", "gpu");
    }
}
