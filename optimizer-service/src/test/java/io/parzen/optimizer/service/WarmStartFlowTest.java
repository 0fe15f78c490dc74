package io.parzen.optimizer.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ParameterSpec;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.SuggestionsExhausted;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskSpec;
import io.parzen.events.WarmStartReport;
import io.parzen.optimizer.service.support.FlowTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Warm start (docs/decisions/0034) through the optimizer with a real broker and database: an earlier task's
 * complete results inside the new space seed the new study, its first batch leaves the random start-up early,
 * the priors never count as executions, and the first batch's requests carry the account.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class WarmStartFlowTest extends FlowTest {

    private static final String SR = Events.TOPIC_SUGGESTION_REQUESTED;

    static TaskSpec spec(double xMax, int max, int batch, int startup, String metric, List<String> warmStartFrom) {
        return new TaskSpec("ws", "bayesian_tpe", "optuna", "python train.py {parameters}", ".",
                List.of(ParameterSpec.of("x", "uniform", 0.0, xMax, null, null), ParameterSpec.of("y", "uniform", 0.0, 1.0, null, null)),
                null, max, batch, startup, new TargetSpec(metric, null, "minimize"), null, 11L, null, null, null, null,
                null, null, null, null, null, null, null, null, null, warmStartFrom, null, null);
    }

    static ExecutionFinished finished(String taskId, int seq, double loss) {
        Instant now = Instant.now();
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, now,
                Events.executionId(taskId, seq), seq, "complete", 0, null, Map.of("loss", loss), now, now);
    }

    static double x(SuggestionRequested s) {
        return ((Number) s.parameters().get("x")).doubleValue();
    }

    @Test
    void theEarlierTasksResultsInsideTheNewSpaceShortenTheStartupAndAreReported() throws Exception {
        String earlier = "ws-a-" + UUID.randomUUID();
        kafka.send(TaskAccepted.of(earlier, spec(1.0, 8, 8, 8, "loss", null)));
        List<SuggestionRequested> a = suggestions(kafka.awaitRecords(SR, earlier, 8));
        assertThat(a).allMatch(s -> s.warmStart() == null);
        for (SuggestionRequested s : a) {
            kafka.send(finished(earlier, s.seq(), Math.pow(x(s) - 0.3, 2) + Math.pow(((Number) s.parameters().get("y")).doubleValue() - 0.6, 2)));
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/api/v1/studies/{id}", earlier).then().extract().jsonPath()
                        .getList("trials.state", String.class).stream().allMatch("complete"::equals));
        long inside = a.stream().filter(s -> x(s) <= 0.9).count();

        String otherTarget = "ws-b-" + UUID.randomUUID();
        kafka.send(TaskAccepted.of(otherTarget, spec(1.0, 1, 1, 1, "accuracy", null)));
        kafka.awaitRecords(SR, otherTarget, 1);

        // the new task: x only up to 0.9, start-up 8, a first batch of 3
        String next = "ws-c-" + UUID.randomUUID();
        int startup = 8;
        kafka.send(TaskAccepted.of(next, spec(0.9, 6, 3, startup, "loss", List.of(earlier, "ws-missing", otherTarget))));
        List<SuggestionRequested> first = suggestions(kafka.awaitRecords(SR, next, 3));

        WarmStartReport report = first.get(0).warmStart();
        assertThat(first).allMatch(s -> report.equals(s.warmStart()), "every request of the first batch has the account");
        assertThat(report.observations()).isEqualTo((int) inside);
        assertThat(report.sources()).extracting(WarmStartReport.Source::taskId).containsExactly(earlier, "ws-missing", otherTarget);
        assertThat(report.sources().get(0)).isEqualTo(new WarmStartReport.Source(earlier, (int) inside, 8 - (int) inside, null));
        assertThat(report.sources().get(1).reason()).isEqualTo("no study of this task");
        assertThat(report.sources().get(2).observations()).isZero();
        assertThat(report.sources().get(2).reason()).contains("another target");

        // randomStartup' = max(0, 8 - priors): only that many of the first batch are random, the rest the model's
        long random = Math.min(3, Math.max(0, startup - inside));
        assertThat(first.stream().filter(s -> "random".equals(s.source())).count()).isEqualTo(random);
        assertThat(first.stream().filter(s -> "model".equals(s.source())).count()).isEqualTo(3 - random);
        assertThat(first).allMatch(s -> x(s) <= 0.9);
        // the priors are no executions of this task: seq 1..3
        assertThat(first).extracting(SuggestionRequested::seq).containsExactly(1, 2, 3);
        for (SuggestionRequested s : first) {
            kafka.send(finished(next, s.seq(), 0.1));
        }
        // the second batch is built from the database for a later event, as after a restart (ADR 0027): the stored
        // priors still count, so it is random only while 8 - priors - 3 issued > 0; without them all 3 would be
        List<SuggestionRequested> both = suggestions(kafka.awaitRecords(SR, next, 6));
        List<SuggestionRequested> second = both.subList(3, 6);
        assertThat(second).extracting(SuggestionRequested::seq).containsExactly(4, 5, 6);
        assertThat(second).allMatch(s -> s.warmStart() == null, "only the first batch carries the account");
        long randomAfter = Math.min(3, Math.max(0, startup - inside - 3));
        assertThat(second.stream().filter(s -> "random".equals(s.source())).count()).isEqualTo(randomAfter);
        var study = given().get("/api/v1/studies/{id}", next).then().statusCode(200).extract().jsonPath();
        assertThat(study.getInt("issued")).isEqualTo(6);
        assertThat(study.getList("trials")).hasSize(6);
        assertThat(study.getInt("warmStart.observations")).isEqualTo((int) inside);
    }

    @Test
    void aWarmStartOfAGridTaskIsAnInvalidSpec() throws Exception {
        String taskId = "ws-grid-" + UUID.randomUUID();
        TaskSpec s = spec(1.0, 2, 1, 1, "loss", List.of("anything"));
        TaskSpec grid = new TaskSpec(s.name(), "random_search", null, s.command(), s.workingDirectory(), s.parameters(),
                null, 2, 1, null, s.target(), null, 11L, null, null, null, null, null, null, null, null, null, null,
                null, null, null, List.of("anything"), null, null);
        kafka.send(TaskAccepted.of(taskId, grid));
        List<ConsumerRecord<String, String>> r = kafka.awaitRecords(Events.TOPIC_SUGGESTIONS_EXHAUSTED, taskId, 1);
        assertThat(Events.mapper().readValue(r.get(0).value(), SuggestionsExhausted.class).reason()).isEqualTo("invalid-spec");
        assertThat(given().get("/api/v1/studies/{id}", taskId).then().statusCode(200).extract().jsonPath()
                .getString("error")).contains("warmStartFrom");
    }
}
