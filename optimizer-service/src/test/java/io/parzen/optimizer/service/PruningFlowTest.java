package io.parzen.optimizer.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionStopRequested;
import io.parzen.events.MetricLogged;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskAccepted;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Trial pruning through the service (ADR 0031), black-box with a real Kafka broker and PostgreSQL: the optimizer
 * reads {@code MetricLogged} of a task with a pruner, asks the rule after every step and asks to stop a bad
 * execution once ({@code ExecutionStopRequested(pruned, optimizer-service)}); the stopped execution is a pruned
 * trial with its last reported value; an unusable pruner makes the study invalid.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class PruningFlowTest extends FlowTest {

    private static final String SR = Events.TOPIC_SUGGESTION_REQUESTED;
    private static final String STOP = Events.TOPIC_EXECUTION_STOP_REQUESTED;
    private static final Duration QUIET = Duration.ofMillis(1500);

    @Test
    void aBadExecutionGetsOneStopRequestAndBecomesAPrunedTrial() throws Exception {
        String taskId = "prune-" + UUID.randomUUID();
        kafka.send(TaskAccepted.of(taskId, spec(Map.of("type", "median", "nStartupTrials", 2))));
        kafka.awaitRecords(SR, taskId, 4);

        // two complete executions: 0.5, 0.7, 0.9 at epochs 1..3 (median at epoch 1 = 0.5)
        for (int seq = 1; seq <= 2; seq++) {
            for (int epoch = 1; epoch <= 3; epoch++) {
                kafka.send(metric(taskId, seq, epoch, epoch, 0.3 + 0.2 * epoch));
            }
            kafka.send(finished(taskId, seq, "complete", null, Map.of("epoch", 3, "accuracy", 0.9)));
        }
        awaitStates(taskId, List.of("complete", "complete", "pending", "pending"));

        // execution 4 is as good as they were: it goes on; execution 3 is worse than the median at epoch 1
        kafka.send(metric(taskId, 4, 1, 1, 0.6));
        MetricLogged bad = metric(taskId, 3, 1, 1, 0.1);
        kafka.send(bad);
        List<ConsumerRecord<String, String>> stops = kafka.awaitRecords(STOP, taskId, 1);
        ExecutionStopRequested stop = Events.mapper().readValue(stops.get(0).value(), ExecutionStopRequested.class);
        assertThat(stop.executionId()).isEqualTo(Events.executionId(taskId, 3));
        assertThat(stop.reason()).isEqualTo("pruned");
        assertThat(stop.requestedBy()).isEqualTo("optimizer-service");

        // redelivered, and a later epoch before the stop takes effect: no second request
        kafka.send(bad);
        kafka.send(metric(taskId, 3, 2, 2, 0.05));
        kafka.send(metric(taskId, 4, 2, 2, 0.75));
        kafka.assertStays(STOP, taskId, 1, QUIET);

        // the executor ends it stopped/pruned: a pruned trial whose loss is its last reported value (epoch 2)
        kafka.send(finished(taskId, 3, "stopped", StatusReason.PRUNED.wireName(),
                Map.of("epoch", 2, "accuracy", 0.05)));
        awaitStates(taskId, List.of("complete", "complete", "pruned", "pending"));
        JsonPath study = study(taskId);
        assertThat(study.getDouble("trials[2].loss")).isEqualTo(-0.05);
        assertThat(study.getString("trials[2].executionStatus")).isEqualTo("stopped");
        assertThat(study.getString("best.executionId")).isNotEqualTo(Events.executionId(taskId, 3));
    }

    @Test
    void aPrunerTheOptimizerCannotRunMakesTheStudyInvalid() {
        String taskId = "prune-bad-" + UUID.randomUUID();
        kafka.send(TaskAccepted.of(taskId, spec(Map.of("type", "median", "reductionFactor", 3))));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> given()
                .get("/api/v1/studies/{id}", taskId).statusCode() == 200);
        JsonPath study = study(taskId);
        assertThat(study.getString("status")).isEqualTo("invalid");
        assertThat(study.getString("error")).contains("pruner.reductionFactor").contains("median");
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static TaskSpec spec(Map<String, Object> pruner) {
        return new TaskSpec("prune", "random_search", null, "python train.py {parameters}", "examples",
                List.of(ParameterSpec.of("layers", "integer", 1.0, 8.0, null, null)), null, 4, 4, null,
                new TargetSpec("accuracy", null, "maximize"), null, null, null, null, null, 600L, null, null, null,
                null, null, null, null, null, pruner, null);
    }

    private static MetricLogged metric(String taskId, int seq, int sequence, int epoch, double accuracy) {
        return new MetricLogged("m-" + taskId + "-" + seq + "-" + sequence, Events.SCHEMA_VERSION, taskId,
                Instant.now(), Events.executionId(taskId, seq), sequence, Map.of("epoch", epoch, "accuracy", accuracy),
                1);
    }

    private static ExecutionFinished finished(String taskId, int seq, String status, String statusReason,
            Map<String, Object> metrics) {
        Instant now = Instant.now();
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, now,
                Events.executionId(taskId, seq), seq, status, "complete".equals(status) ? 0 : null, null, metrics, now,
                now, statusReason, 1);
    }

    private static void awaitStates(String taskId, List<String> states) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> study(taskId).getList("trials.state", String.class).equals(states));
    }
}
