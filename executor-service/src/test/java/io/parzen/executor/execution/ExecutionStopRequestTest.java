package io.parzen.executor.execution;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.awaitStarted;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionStopRequested;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ExecutionStopRequested} stops that one execution (TERM, then KILL); the task's others go on. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ExecutionStopRequestTest {

    @Test
    void aStopRequestStopsThatExecutionOnlyEvenIfItIgnoresSigterm() {
        String taskId = newTaskId();
        SuggestionRequested stubborn = request(taskId, 1, Map.of("steps", 1, "sleep", 60, "ignore-term", "true"),
                Fixtures.COMMAND, "scripts", null, null);
        SuggestionRequested other = request(taskId, 2, Map.of("steps", 2));
        Fixtures.kafka().send(stubborn);
        awaitStarted(stubborn.executionId());
        // the script logs this once its TERM handler is installed; before that TERM alone would end it
        await().atMost(Duration.ofSeconds(20)).until(() -> Fixtures.metrics(stubborn.executionId()).stream()
                .anyMatch(m -> m.values().containsKey("ignoring_sigterm")));

        Fixtures.kafka().send(ExecutionStopRequested.of(taskId, stubborn.executionId(),
                ExecutionStopRequested.STOP_CONDITION, "task-service"));
        ExecutionFinished stopped = awaitFinished(stubborn.executionId(), Duration.ofSeconds(30));
        assertThat(stopped.status()).isEqualTo(ExecutionFinished.STOPPED);
        assertThat(stopped.reason()).isEqualTo("stop-condition");
        assertThat(stopped.statusReason()).isEqualTo("stop-condition");
        assertThat(stopped.exitCode()).isEqualTo(137); // it ignored TERM: killed after the grace period

        // the task goes on: its next execution runs to completion; a repeated request changes nothing
        Fixtures.kafka().send(other);
        assertThat(awaitFinished(other.executionId(), Duration.ofSeconds(30)).status())
                .isEqualTo(ExecutionFinished.COMPLETE);
        Fixtures.kafka().send(ExecutionStopRequested.of(taskId, stubborn.executionId(),
                ExecutionStopRequested.STOP_CONDITION, "task-service"));
        Fixtures.kafka().send(ExecutionStopRequested.of(taskId, taskId + "-99", ExecutionStopRequested.STOP_CONDITION,
                "task-service"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> Fixtures.finished(stubborn.executionId()).size() == 1);
    }

    @Test
    void aPrunerStopEndsTheExecutionStoppedWithReasonPruned() {
        String taskId = newTaskId();
        SuggestionRequested slow = request(taskId, 1, Map.of("steps", 1, "sleep", 60));
        Fixtures.kafka().send(slow);
        awaitStarted(slow.executionId());
        Fixtures.kafka().send(ExecutionStopRequested.of(taskId, slow.executionId(), "pruned", "optimizer-service"));
        ExecutionFinished stopped = awaitFinished(slow.executionId(), Duration.ofSeconds(30));
        assertThat(stopped.status()).isEqualTo(ExecutionFinished.STOPPED);
        assertThat(stopped.statusReason()).isEqualTo("pruned");
    }
}
