package io.parzen.executor.messaging;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.finished;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static io.parzen.executor.Fixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.TaskFinished;
import io.parzen.executor.Fixtures;
import io.parzen.messaging.testing.TestKafka;
import io.parzen.executor.execution.Execution;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.process.Blocking;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The executor runs only what Parzen asked: the refused requests go to the dead-letter topic, nothing runs. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class RefusalFlowTest {

    @Inject
    ExecutionService executions;

    private static List<ConsumerRecord<String, String>> deadLetters(String executionId) {
        return Fixtures.kafka().records(Fixtures.DEAD_LETTER_TOPIC).stream()
                .filter(r -> r.value().contains("\"" + executionId + "\"")).toList();
    }

    private static String awaitDeadLetterReason(String executionId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !deadLetters(executionId).isEmpty());
        ConsumerRecord<String, String> r = deadLetters(executionId).get(0);
        assertThat(TestKafka.header(r, "dead-letter-topic")).isEqualTo(Events.TOPIC_SUGGESTION_REQUESTED);
        return TestKafka.header(r, "dead-letter-reason");
    }

    private static SuggestionRequested withExecutionId(SuggestionRequested r, String executionId) {
        return new SuggestionRequested(r.eventId(), r.schemaVersion(), r.taskId(), r.occurredAt(), executionId, r.seq(),
                r.batch(), r.parameters(), r.source(), r.command(), r.workingDirectory(), r.passAs(),
                r.timeLimitSeconds(), r.environmentVariables());
    }

    @Test
    void aForgedExecutionIdIsRefusedAndConsumptionGoesOn() throws Exception {
        String taskId = newTaskId();
        SuggestionRequested forged = withExecutionId(request(taskId, 1, Map.of("steps", 1)), "someone-else-7");
        SuggestionRequested padded = withExecutionId(request(taskId, 2, Map.of("steps", 1)), taskId + "-02");
        Fixtures.kafka().send(forged);
        Fixtures.kafka().send(padded);
        SuggestionRequested valid = request(taskId, 3, Map.of("steps", 1));
        Fixtures.kafka().send(valid);

        assertThat(awaitDeadLetterReason("someone-else-7")).contains("is not <taskId>-<seq>")
                .contains(taskId + "-1");
        assertThat(awaitDeadLetterReason(taskId + "-02")).contains("is not <taskId>-<seq>");
        assertThat(awaitFinished(valid.executionId()).status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(started("someone-else-7")).isEmpty();
        assertThat(finished("someone-else-7")).isEmpty();
        assertThat(started(taskId + "-02")).isEmpty();
        assertThat(Blocking.await(() -> executions.find("someone-else-7"))).isNull();
    }

    @Test
    void anEmptyCommandIsRefused() {
        String taskId = newTaskId();
        SuggestionRequested empty = request(taskId, 1, Map.of(), "   ", "scripts", null, null);
        Fixtures.kafka().send(empty);
        SuggestionRequested valid = request(taskId, 2, Map.of("steps", 1));
        Fixtures.kafka().send(valid);
        assertThat(awaitDeadLetterReason(empty.executionId())).contains("command");
        assertThat(awaitFinished(valid.executionId()).status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(started(empty.executionId())).isEmpty();
        assertThat(finished(empty.executionId())).isEmpty();
    }

    @Test
    void reservedEnvironmentVariablesAreRefused() {
        String taskId = newTaskId();
        SuggestionRequested r = request(taskId, 1, Map.of("steps", 1));
        SuggestionRequested forging = new SuggestionRequested(r.eventId(), 1, taskId, r.occurredAt(), r.executionId(),
                1, 1, r.parameters(), r.source(), r.command(), r.workingDirectory(), null, null,
                Map.of("PARZEN_OUTPUTS_DIR", "/etc"));
        Fixtures.kafka().send(forging);
        assertThat(awaitDeadLetterReason(r.executionId())).contains("PARZEN_OUTPUTS_DIR").contains("reserved");
        assertThat(started(r.executionId())).isEmpty();
    }

    @Test
    void aRequestForAFinishedTaskIsRefusedRecordedStoppedAndNeverRun() {
        String taskId = newTaskId();
        Fixtures.kafka().send(TaskFinished.of(taskId, "complete", "max-executions-reached"));
        SuggestionRequested late = request(taskId, 4, Map.of("steps", 1));
        // the consumers of the two topics run independently: wait until the executor stored the finish
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Blocking.await(() -> executions.isTaskFinished(taskId)));
        Fixtures.kafka().send(late);
        assertThat(awaitDeadLetterReason(late.executionId())).contains("task " + taskId + " has finished")
                .contains("max-executions-reached").contains("not run");
        ExecutionFinished done = awaitFinished(late.executionId());
        assertThat(done.status()).isEqualTo(ExecutionFinished.STOPPED);
        assertThat(started(late.executionId())).isEmpty();
    }

    @Test
    void finishedTasksAreRememberedInTheDatabase() {
        // as after a restart: the executor's memory never saw this TaskFinished, only its table has it
        String taskId = newTaskId();
        Blocking.await(() -> executions.rememberFinishedTask(taskId, "stopped", "stopped-by-user"));
        SuggestionRequested late = request(taskId, 1, Map.of("steps", 1));
        Fixtures.kafka().send(late);
        assertThat(awaitDeadLetterReason(late.executionId())).contains("has finished").contains("stopped-by-user");
        assertThat(awaitFinished(late.executionId()).status()).isEqualTo(ExecutionFinished.STOPPED);
        assertThat(started(late.executionId())).isEmpty();
        Execution stored = Blocking.await(() -> executions.find(late.executionId()));
        assertThat(stored.status).isEqualTo("stopped");
        assertThat(stored.startedAt).isNull();
        assertThat(stored.finishedAt).isBeforeOrEqualTo(Instant.now());
        assertThat(Fixtures.metrics(late.executionId())).isEmpty();
    }
}
