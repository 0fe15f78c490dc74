package io.parzen.optimizer.service;

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
import io.parzen.optimizer.service.support.FlowTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A multi-objective task through the optimizer with a real broker and database: every objective of an
 * execution is observed, batches after the random startup come from the model, and an execution
 * missing one of the metrics is a failed trial.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class MultiObjectiveFlowTest extends FlowTest {

    private static final String SR = Events.TOPIC_SUGGESTION_REQUESTED;

    static TaskSpec spec(String engine) {
        return new TaskSpec("mo", "bayesian_tpe", engine, "python train.py {parameters}", ".",
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null), ParameterSpec.of("y", "uniform", 0.0, 1.0, null, null)),
                null, 8, 2, 2, null, null, 7L, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, List.of(new TargetSpec("acc", null, "maximize"), new TargetSpec("latency", null, "minimize")),
                null);
    }

    static ExecutionFinished finished(String taskId, int seq, String status, Map<String, Object> metrics) {
        Instant now = Instant.now();
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, now,
                Events.executionId(taskId, seq), seq, status, "complete".equals(status) ? 0 : 1, null, metrics, now, now);
    }

    /** ZDT1-like: acc = 1 − x, latency = g·(1 − √(x/g)) with g = 1 + 9y, so both objectives conflict. */
    static Map<String, Object> metrics(SuggestionRequested s) {
        double x = ((Number) s.parameters().get("x")).doubleValue();
        double y = ((Number) s.parameters().get("y")).doubleValue();
        double g = 1 + 9 * y;
        return Map.of("acc", 1 - x, "latency", g * (1 - Math.sqrt(x / g)));
    }

    @Test
    void everyObjectiveIsObservedAndTheModelProposesAfterTheStartup() {
        for (String engine : List.of("motpe", "nsga2")) {
            String taskId = "mo-" + engine + "-" + UUID.randomUUID();
            kafka.send(TaskAccepted.of(taskId, spec(engine)));
            List<SuggestionRequested> first = suggestions(kafka.awaitRecords(SR, taskId, 2));
            kafka.send(finished(taskId, 1, "complete", metrics(first.get(0))));
            kafka.send(finished(taskId, 2, "complete", Map.of("acc", 0.5))); // latency missing: failed
            List<SuggestionRequested> all = suggestions(kafka.awaitRecords(SR, taskId, 4));
            for (int round = 2; round <= 3; round++) {
                int seqA = 2 * round - 1;
                kafka.send(finished(taskId, seqA, "complete", metrics(all.get(seqA - 1))));
                kafka.send(finished(taskId, seqA + 1, "complete", metrics(all.get(seqA))));
                all = suggestions(kafka.awaitRecords(SR, taskId, 2 * round + 2));
            }
            assertThat(all).hasSize(8);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> study(taskId).getList("trials.state", String.class).subList(0, 6)
                            .equals(List.of("complete", "failed", "complete", "complete", "complete", "complete")));
            JsonPath study = study(taskId);
            assertThat(study.getString("status")).isEqualTo("active");
            assertThat(study.getString("engine")).isEqualTo(engine);
            // trial 1: both objectives, maximised acc negated; trial 2 (latency missing) has none
            Map<String, Object> m1 = metrics(first.get(0));
            assertThat(study.getList("trials[0].losses", Double.class)).hasSize(2);
            assertThat(study.getDouble("trials[0].losses[0]")).isCloseTo(-((Double) m1.get("acc")), org.assertj.core.data.Offset.offset(1e-4));
            assertThat(study.getDouble("trials[0].losses[1]")).isCloseTo((Double) m1.get("latency"), org.assertj.core.data.Offset.offset(1e-4));
            assertThat(study.getString("trials[1].losses")).isNull();
            assertThat(all.subList(0, 2)).extracting(SuggestionRequested::source).containsOnly("random");
            if (engine.equals("motpe")) {
                // the startup (2) is over and a trial is complete: the model proposes, batches stay duplicate-free
                assertThat(all.subList(2, 8)).extracting(SuggestionRequested::source).containsOnly("model");
            } else {
                // NSGA-II: generation 0 (50) is random
                assertThat(all).extracting(SuggestionRequested::source).containsOnly("random");
            }
            assertThat(all.stream().map(SuggestionRequested::parameters).distinct()).hasSize(8);
            assertThat(kafka.records(Events.TOPIC_SUGGESTIONS_EXHAUSTED, taskId)).isEmpty();
        }
    }

    @Test
    void aSingleObjectiveEngineForTargetsIsAnInvalidSpec() throws Exception {
        String taskId = "mo-gp-" + UUID.randomUUID();
        kafka.send(TaskAccepted.of(taskId, spec("gp")));
        List<ConsumerRecord<String, String>> r = kafka.awaitRecords(Events.TOPIC_SUGGESTIONS_EXHAUSTED, taskId, 1);
        SuggestionsExhausted e = Events.mapper().readValue(r.get(0).value(), SuggestionsExhausted.class);
        assertThat(e.reason()).isEqualTo("invalid-spec");
        JsonPath study = study(taskId);
        assertThat(study.getString("status")).isEqualTo("invalid");
        assertThat(study.getString("error")).contains("engine").contains("'gp'").contains("motpe");
    }
}
