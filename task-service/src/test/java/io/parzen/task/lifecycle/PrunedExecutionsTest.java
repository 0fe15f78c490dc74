package io.parzen.task.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.TaskFinished;
import io.parzen.events.vocabulary.StatusReason;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.OperatorFlowTest;
import io.parzen.task.support.Simulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pruned execution in task-service (docs/decisions/0031), the optimizer and executor played by a producer: it
 * ends {@code stopped} with {@code statusReason} {@code pruned}, is not retried even with {@code retryOn: [stopped]},
 * is no failed child, and counts toward {@code maxExecutions}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class PrunedExecutionsTest extends OperatorFlowTest {

    @Test
    void aPrunedExecutionIsFinalStoppedPrunedAndCountsTowardMaxExecutions() {
        String id = given().contentType(ContentType.JSON).body("""
                {"name": "pruned", "type": "random_search", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "maxExecutions": 2, "batchSize": 2, "target": {"metric": "acc", "direction": "maximize"},
                 "onChildError": "stop-all-and-error", "retryOn": ["stopped"], "maxRetries": 2,
                 "pruner": {"type": "median", "nStartupTrials": 1}}
                """).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        Simulator sim = new Simulator(id);
        kafka.send(sim.suggestion(1, 1, Map.of("x", 0.1)));
        kafka.send(sim.suggestion(2, 1, Map.of("x", 0.2)));
        kafka.send(ExecutionStarted.of(id, Events.executionId(id, 1), 1, "test@localhost", 1));
        kafka.send(sim.finished(2, "complete", Map.of("acc", 0.9, "epoch", 3)));
        Instant now = Instant.now();
        kafka.send(new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, id, now,
                Events.executionId(id, 1), 1, ExecutionFinished.STOPPED, 143, StatusReason.PRUNED.wireName(),
                Map.of("acc", 0.2, "epoch", 1), now.minusSeconds(2), now, StatusReason.PRUNED.wireName(), 1));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> "complete".equals(task(id).getString("status")));
        JsonPath t = task(id);
        assertThat(t.getString("statusReason")).isEqualTo(TaskLifecycle.MAX_EXECUTIONS_REACHED);
        JsonPath executions = given().get("/api/v1/tasks/" + id + "/executions").then().statusCode(200).extract()
                .jsonPath();
        assertThat(executions.getString("[0].status")).isEqualTo("stopped");
        assertThat(executions.getString("[0].statusReason")).isEqualTo("pruned");
        assertThat(executions.getInt("[0].attempt")).as("never retried").isEqualTo(1);
        TaskFinished finished = KafkaSupport.read(kafka.awaitRecords(Events.TOPIC_TASK_FINISHED, id, 1).get(0).value(),
                TaskFinished.class);
        assertThat(finished.status()).isEqualTo("complete");
    }

    private static JsonPath task(String id) {
        return given().get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
    }
}
