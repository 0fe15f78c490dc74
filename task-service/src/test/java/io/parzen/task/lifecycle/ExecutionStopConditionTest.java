package io.parzen.task.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionStopRequested;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.OperatorFlowTest;
import io.parzen.task.support.Simulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A valohai.yaml step's {@code stop-condition}: when it holds on one execution's metadata, task-service
 * asks for that execution to stop ({@code ExecutionStopRequested}, once), and the task goes on.
 * Real broker and database; the executor is played by a plain Kafka producer.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ExecutionStopConditionTest extends OperatorFlowTest {

    static final String BLUEPRINT = """
            - step:
                name: train
                image: python:3.12
                command: python3 train.py {parameters}
                stop-condition: loss > 2
                parameters:
                  - {name: x, type: integer}
            - task:
                name: sweep
                step: train
                type: grid_search
                execution-batch-size: 1
                parameters:
                  - {name: x, style: multiple, rules: {items: [1, 2]}}
            """;

    static List<ExecutionStopRequested> stopRequests(String taskId) {
        return kafka.records(Events.TOPIC_EXECUTION_STOP_REQUESTED, taskId).stream()
                .map(r -> KafkaSupport.read(r.value(), ExecutionStopRequested.class)).toList();
    }

    static List<Map<String, Object>> executions(String taskId) {
        return given().get("/api/v1/tasks/" + taskId + "/executions").then().statusCode(200).extract().jsonPath()
                .getList("");
    }

    static JsonPath task(String id) {
        return given().get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theStepsStopConditionStopsThatExecutionAndTheTaskGoesOn() {
        String id = given().contentType("application/yaml").body(BLUEPRINT.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tasks/from-blueprint?task=sweep").then().statusCode(201)
                .extract().path("id");
        assertThat(task(id).getString("spec.executionStopCondition")).isEqualTo("loss > 2");
        Simulator sim = new Simulator(id);
        kafka.send(sim.suggestion(1, 1, Map.of("x", 1)));
        kafka.send(sim.started(1));
        kafka.send(sim.metric(1, 1, Map.of("loss", 1.5))); // does not hold
        kafka.send(sim.metric(1, 2, Map.of("loss", 2.5))); // holds
        kafka.send(sim.metric(1, 3, Map.of("loss", 3.0))); // still holds: no second request
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !stopRequests(id).isEmpty()
                        && "stopping".equals(executions(id).get(0).get("status")));
        ExecutionStopRequested request = stopRequests(id).get(0);
        assertThat(request.executionId()).isEqualTo(Events.executionId(id, 1));
        assertThat(request.reason()).isEqualTo("stop-condition");
        assertThat(request.requestedBy()).isEqualTo("task-service");

        // the executor stops it and reports it; the task counts it and goes on
        Instant now = Instant.now();
        kafka.send(new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, id, now,
                Events.executionId(id, 1), 1, ExecutionFinished.STOPPED, 143, "stop-condition", Map.of("loss", 3.0),
                now.minusSeconds(3), now, "stop-condition"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> "stopped".equals(executions(id).get(0).get("status")));
        assertThat(executions(id).get(0).get("statusReason")).isEqualTo("stop-condition");
        assertThat(task(id).getString("status")).isEqualTo("started");

        kafka.send(sim.suggestion(2, 2, Map.of("x", 2)));
        kafka.send(sim.started(2));
        kafka.send(sim.metric(2, 1, Map.of("loss", 0.5)));
        kafka.send(sim.finished(2, "complete", Map.of("loss", 0.4)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> "complete".equals(task(id).getString("status")));
        assertThat(stopRequests(id)).hasSize(1);
        assertThat(task(id).getString("statusReason")).isEqualTo("max-executions-reached");
    }
}
