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
 * A task with {@code constraints} (ADR 0033) through the optimizer with a real broker and database: each complete
 * execution's constraint values are computed from its final metadata and stored for the engine (a missing key:
 * infeasible), the study's best is the best feasible trial, the model goes on proposing, and a constraint that
 * does not parse makes the spec invalid.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ConstraintsFlowTest extends FlowTest {

    private static final String SR = Events.TOPIC_SUGGESTION_REQUESTED;

    static TaskSpec spec(String engine, List<String> constraints) {
        return new TaskSpec("constrained", "bayesian_tpe", engine, "python train.py {parameters}", ".",
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null)),
                null, 6, 2, 2, new TargetSpec("acc", null, "maximize"), null, 7L, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, constraints);
    }

    static ExecutionFinished finished(String taskId, int seq, Map<String, Object> metrics) {
        Instant now = Instant.now();
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, now,
                Events.executionId(taskId, seq), seq, "complete", 0, null, metrics, now, now);
    }

    @Test
    void constraintValuesAreStoredForTheEngineAndTheBestIsFeasible() {
        for (String engine : List.of("optuna", "gp")) {
            String taskId = "constrained-" + engine + "-" + UUID.randomUUID();
            kafka.send(TaskAccepted.of(taskId, spec(engine, List.of("memory_mb <= 2000", "latency >= 1"))));
            suggestions(kafka.awaitRecords(SR, taskId, 2));
            kafka.send(finished(taskId, 1, Map.of("acc", 0.9, "memory_mb", 3000, "latency", 2))); // infeasible
            kafka.send(finished(taskId, 2, Map.of("acc", 0.5, "memory_mb", 1500, "latency", 1))); // feasible
            List<SuggestionRequested> all = suggestions(kafka.awaitRecords(SR, taskId, 4));
            kafka.send(finished(taskId, 3, Map.of("acc", 0.99, "latency", 5)));                   // memory_mb missing
            kafka.send(finished(taskId, 4, Map.of("acc", 0.6, "memory_mb", 2000, "latency", 3))); // feasible, best
            all = suggestions(kafka.awaitRecords(SR, taskId, 6));
            assertThat(all).hasSize(6);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> study(taskId).getList("trials.state", String.class).subList(0, 4)
                            .equals(List.of("complete", "complete", "complete", "complete")));
            JsonPath study = study(taskId);
            assertThat(study.getList("trials.feasible", Boolean.class).subList(0, 4))
                    .containsExactly(false, true, false, true);
            assertThat(study.getList("trials[0].constraintValues", Double.class)).containsExactly(1000.0, -1.0);
            assertThat(study.getList("trials[1].constraintValues", Double.class)).containsExactly(-500.0, 0.0);
            assertThat(study.getList("trials[2].constraintValues", Double.class)).containsExactly(null, -4.0);
            assertThat(study.getString("best.executionId")).isEqualTo(Events.executionId(taskId, 4));
            assertThat(all.subList(2, 6)).extracting(SuggestionRequested::source).containsOnly("model");
            assertThat(kafka.records(Events.TOPIC_SUGGESTIONS_EXHAUSTED, taskId)).isEmpty();
        }
    }

    @Test
    void aConstraintThatDoesNotParseIsAnInvalidSpec() throws Exception {
        String taskId = "constrained-bad-" + UUID.randomUUID();
        kafka.send(TaskAccepted.of(taskId, spec("optuna", List.of("memory_mb <= 2000", "memory_mb == 3"))));
        List<ConsumerRecord<String, String>> r = kafka.awaitRecords(Events.TOPIC_SUGGESTIONS_EXHAUSTED, taskId, 1);
        SuggestionsExhausted e = Events.mapper().readValue(r.get(0).value(), SuggestionsExhausted.class);
        assertThat(e.reason()).isEqualTo("invalid-spec");
        assertThat(study(taskId).getString("error")).contains("constraints[1]").contains("<=");
    }
}
