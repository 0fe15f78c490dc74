package io.parzen.optimizer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ParameterSpec;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskFinished;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.StatusReason;
import io.parzen.optimizer.service.support.FlowTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The optimizer's part of the retry rule (docs/decisions/0023), black-box with a real Kafka broker and PostgreSQL:
 * an execution Parzen lost is suggested again as the next attempt of the same execution, with no observation, up
 * to {@code maxRetries}; the user's failures are final unless {@code retryOn} lists them; replays and stale
 * attempts re-issue nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class RetryFlowTest extends FlowTest {

    private static final String SR = Events.TOPIC_SUGGESTION_REQUESTED;
    private static final Duration QUIET = Duration.ofMillis(1500);

    @Test
    void aLostExecutionIsSuggestedAgainAsItsNextAttemptUntilTheRetriesAreExhausted() throws Exception {
        String taskId = newTaskId("lost");
        kafka.send(TaskAccepted.of(taskId, spec(4, 2, 1, null)));
        List<SuggestionRequested> first = suggestions(kafka.awaitRecords(SR, taskId, 2));
        SuggestionRequested original = first.get(0);
        assertThat(original.attemptOrFirst()).isEqualTo(1);

        ExecutionFinished lost = finished(taskId, 1, "crashed", StatusReason.EXECUTOR_LOST.wireName(), 1, Map.of());
        kafka.send(lost);
        SuggestionRequested again = suggestions(kafka.awaitRecords(SR, taskId, 3)).get(2);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.eventId()).isNotEqualTo(original.eventId());
        assertThat(again.executionId()).isEqualTo(original.executionId());
        assertThat(again.seq()).isEqualTo(original.seq());
        assertThat(again.batch()).isEqualTo(original.batch());
        assertThat(again.parameters()).isEqualTo(original.parameters());
        assertThat(again.command()).isEqualTo(original.command());
        assertThat(again.passAs()).isEqualTo(original.passAs());
        assertThat(again.environment()).isEqualTo(original.environment());
        assertThat(again.timeLimitSeconds()).isEqualTo(original.timeLimitSeconds());
        assertThat(again.project()).isEqualTo(original.project());

        // no observation; the replayed finish of attempt 1 is stale and re-issues nothing
        kafka.send(lost);
        kafka.send(finished(taskId, 1, "complete", null, 1, Map.of("accuracy", 0.9)));
        kafka.send(finished(taskId, 2, "complete", null, 1, Map.of("accuracy", 0.5)));
        awaitTrials(taskId, List.of("pending", "complete"), List.of(2, 1));
        kafka.assertStays(SR, taskId, 3, QUIET);
        assertThat(study(taskId).getString("trials[0].metricValue")).isNull();

        // attempt 2 is the last one of maxRetries 1: its crash is the result, and the next batch comes
        kafka.send(finished(taskId, 1, "crashed", StatusReason.HEARTBEAT_LOST.wireName(), 2, Map.of()));
        List<SuggestionRequested> all = suggestions(kafka.awaitRecords(SR, taskId, 5));
        assertThat(all.subList(3, 5)).extracting(SuggestionRequested::seq).containsExactly(3, 4);
        assertThat(all.subList(3, 5)).extracting(SuggestionRequested::attemptOrFirst).containsOnly(1);
        awaitTrials(taskId, List.of("failed", "complete", "pending", "pending"), List.of(2, 1, 1, 1));
        assertThat(study(taskId).getString("trials[0].executionStatus")).isEqualTo("crashed");
    }

    @Test
    void theDefaultIsTwoRetriesAndTheFinalAttemptGivesTheObservation() throws Exception {
        String taskId = newTaskId("default");
        kafka.send(TaskAccepted.of(taskId, spec(1, 1, null, null)));
        kafka.awaitRecords(SR, taskId, 1);
        kafka.send(finished(taskId, 1, "crashed", StatusReason.NOT_STARTED.wireName(), 1, Map.of()));
        kafka.awaitRecords(SR, taskId, 2);
        kafka.send(finished(taskId, 1, "crashed", StatusReason.WORKSPACE_ERROR.wireName(), 2, Map.of()));
        List<SuggestionRequested> third = suggestions(kafka.awaitRecords(SR, taskId, 3));
        assertThat(third).extracting(SuggestionRequested::attemptOrFirst).containsExactly(1, 2, 3);
        assertThat(third).extracting(SuggestionRequested::executionId).containsOnly(Events.executionId(taskId, 1));
        kafka.send(finished(taskId, 1, "complete", null, 3, Map.of("accuracy", 0.8)));
        awaitTrials(taskId, List.of("complete"), List.of(3));
        assertThat(study(taskId).getDouble("trials[0].metricValue")).isEqualTo(0.8);
        kafka.assertStays(SR, taskId, 3, QUIET);
    }

    @Test
    void theUsersFailuresAreFinalUnlessRetryOnListsThem() throws Exception {
        String plain = newTaskId("error");
        kafka.send(TaskAccepted.of(plain, spec(2, 2, null, null)));
        kafka.awaitRecords(SR, plain, 2);
        kafka.send(finished(plain, 1, "error", StatusReason.EXIT_CODE.wireName(), 1, Map.of()));
        kafka.send(finished(plain, 2, "stopped", StatusReason.TIME_LIMIT.wireName(), 1, Map.of()));
        awaitTrials(plain, List.of("failed", "failed"), List.of(1, 1));
        kafka.assertStays(SR, plain, 2, QUIET);

        String retried = newTaskId("retry-on-error");
        kafka.send(TaskAccepted.of(retried, spec(2, 2, null, List.of("error"))));
        kafka.awaitRecords(SR, retried, 2);
        kafka.send(finished(retried, 1, "error", StatusReason.EXIT_CODE.wireName(), 1, Map.of()));
        kafka.send(finished(retried, 2, "stopped", StatusReason.STOPPED_BY_USER.wireName(), 1, Map.of()));
        SuggestionRequested again = suggestions(kafka.awaitRecords(SR, retried, 3)).get(2);
        assertThat(again.seq()).isEqualTo(1);
        assertThat(again.attempt()).isEqualTo(2);
        awaitTrials(retried, List.of("pending", "failed"), List.of(2, 1));
        kafka.assertStays(SR, retried, 3, QUIET);
    }

    @Test
    void aFinishedTaskRunsNothingAgain() throws Exception {
        String taskId = newTaskId("finished");
        kafka.send(TaskAccepted.of(taskId, spec(4, 2, null, null)));
        kafka.awaitRecords(SR, taskId, 2);
        kafka.send(finished(taskId, 1, "crashed", StatusReason.EXECUTOR_LOST.wireName(), 1, Map.of()));
        kafka.awaitRecords(SR, taskId, 3); // attempt 2 of seq 1 is pending
        kafka.send(TaskFinished.of(taskId, "stopped", "user-stopped"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "finished".equals(study(taskId).getString("status")));
        kafka.send(finished(taskId, 1, "crashed", StatusReason.EXECUTOR_LOST.wireName(), 2, Map.of()));
        kafka.send(finished(taskId, 2, "crashed", StatusReason.POD_EVICTED.wireName(), 1, Map.of()));
        awaitTrials(taskId, List.of("failed", "failed"), List.of(2, 1));
        kafka.assertStays(SR, taskId, 3, QUIET);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static String newTaskId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static TaskSpec spec(int max, int batch, Integer maxRetries, List<String> retryOn) {
        return new TaskSpec("retry", "random_search", null, "python train.py {parameters}", "examples",
                List.of(new ParameterSpec("lr", "loguniform", -5.0, -1.0, null, null, null, null,
                        "--learning_rate={value}"), ParameterSpec.of("layers", "integer", 1.0, 8.0, null, null)),
                null, max, batch, null, new TargetSpec("accuracy", null, "maximize"), null, null, null, null, null,
                600L, null, null, null, null, null, null, maxRetries, retryOn, null, null);
    }

    private static ExecutionFinished finished(String taskId, int seq, String status, String statusReason, int attempt,
            Map<String, Object> metrics) {
        Instant now = Instant.now();
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, now,
                Events.executionId(taskId, seq), seq, status, "complete".equals(status) ? 0 : null, null, metrics, now,
                now, statusReason, attempt);
    }

    private static void awaitTrials(String taskId, List<String> states, List<Integer> attempts) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonPath study = study(taskId);
            return study.getList("trials.state", String.class).equals(states)
                    && study.getList("trials.attempt", Integer.class).equals(attempts);
        });
    }
}
