package io.parzen.task.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskRejected;
import io.parzen.events.TaskSpec;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.OperatorFlowTest;
import io.parzen.task.support.Simulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A task's {@code constraints} (ADR 0033) through REST, Kafka intake, a real broker and a real database: checked
 * (errors name the field, the value and what is allowed), carried in {@code TaskCreated}, and the views take only
 * feasible executions as best or onto the Pareto front and mark every complete execution feasible or not.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ConstraintsTaskTest extends OperatorFlowTest {

    private static String body(String objective, String constraints) {
        return """
                {"name": "constrained", "type": "random_search", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 %s, "maxExecutions": 4, "batchSize": 4, "constraints": %s}
                """.formatted(objective, constraints);
    }

    private static void run(Simulator sim, int seq, String status, Map<String, Object> metrics) {
        kafka.send(sim.suggestion(seq, 1, Map.of("x", seq / 10.0)));
        kafka.send(sim.started(seq));
        kafka.send(sim.finished(seq, status, metrics));
    }

    private static JsonPath awaitComplete(String id, int complete) {
        JsonPath[] view = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            view[0] = given().get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
            return view[0].getInt("statusSummary.complete") == complete;
        });
        return view[0];
    }

    @Test
    void theBestIsTheBestFeasibleExecutionAndExecutionsSayWhetherTheyAreFeasible() {
        String id = given().contentType(ContentType.JSON)
                .body(body("\"target\": {\"metric\": \"acc\", \"direction\": \"maximize\"}",
                        "[\" memory_mb <= 2000 \", \"latency > 0\"]"))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.records(Events.TOPIC_TASK_CREATED, id).isEmpty());
        TaskCreated created = KafkaSupport.read(kafka.records(Events.TOPIC_TASK_CREATED, id).get(0).value(),
                TaskCreated.class);
        assertThat(created.task().constraints()).containsExactly("memory_mb <= 2000", "latency > 0");

        Simulator sim = new Simulator(id);
        run(sim, 1, "complete", Map.of("acc", 0.99, "memory_mb", 4000, "latency", 1)); // best acc, too much memory
        run(sim, 2, "complete", Map.of("acc", 0.8, "memory_mb", 1500, "latency", 2));  // feasible
        run(sim, 3, "complete", Map.of("acc", 0.95, "latency", 3));                    // memory_mb missing
        run(sim, 4, "error", Map.of("acc", 0.999, "memory_mb", 10, "latency", 1));     // not complete
        JsonPath v = awaitComplete(id, 3);
        assertThat(v.getString("best.executionId")).isEqualTo(Events.executionId(id, 2));

        JsonPath executions = given().get("/api/v1/tasks/" + id + "/executions").then().statusCode(200)
                .extract().jsonPath();
        assertThat(executions.getList("feasible")).containsExactly(false, true, false, null);
        assertThat(executions.getList("[0].violatedConstraints")).containsExactly("memory_mb <= 2000");
        assertThat(executions.getList("[2].violatedConstraints")).containsExactly("memory_mb <= 2000");
        assertThat(executions.getString("[1].violatedConstraints")).isNull();
        // the optimization history's best so far skips the infeasible executions too
        JsonPath history = given().get("/api/v1/tasks/" + id + "/history").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("points.bestSoFar", Float.class)).containsExactly(null, 0.8f, 0.8f, 0.8f);
    }

    @Test
    void theParetoFrontHoldsOnlyFeasibleExecutions() {
        String id = given().contentType(ContentType.JSON)
                .body(body("\"targets\": [{\"metric\": \"acc\", \"direction\": \"maximize\"},"
                        + " {\"metric\": \"latency\", \"direction\": \"minimize\"}], \"referencePoint\": [0.5, 300]",
                        "[\"memory_mb <= 2000\"]"))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        Simulator sim = new Simulator(id);
        run(sim, 1, "complete", Map.of("acc", 0.9, "latency", 100, "memory_mb", 1000));
        run(sim, 2, "complete", Map.of("acc", 0.95, "latency", 10, "memory_mb", 3000)); // dominates #1, infeasible
        run(sim, 3, "complete", Map.of("acc", 0.8, "latency", 50, "memory_mb", 2000));
        JsonPath v = awaitComplete(id, 3);
        List<String> front = v.getList("paretoFront.executionId");
        assertThat(front).containsExactly(Events.executionId(id, 1), Events.executionId(id, 3));
        // as the front of #1 and #3 alone: [50,100)·(0.8−0.5) + [100,300)·(0.9−0.5) = 15 + 80
        assertThat(v.getDouble("hypervolume")).isCloseTo(95.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void badConstraintsAreA400NamingTheIndexTheValueAndWhatIsAllowed() {
        JsonPath errors = given().contentType(ContentType.JSON)
                .body(body("\"target\": {\"metric\": \"acc\", \"direction\": \"maximize\"}",
                        "[\"memory_mb == 2000\", \"memory_mb <= 2000\", \"memory_mb <= limit\", \"memory_mb <= 2000\"]"))
                .post("/api/v1/tasks").then().statusCode(400).extract().jsonPath();
        assertThat(errors.getList("errors.field")).containsExactly("constraints[0]", "constraints[2]", "constraints[3]");
        assertThat(errors.getString("errors[0].message")).contains("==").contains("<=, <, >=, >");
        assertThat(errors.getString("errors[1].message")).contains("finite number").contains("allowed");
        assertThat(errors.getString("errors[2].message")).contains("duplicates");
        String eleven = "[" + String.join(", ", java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> "\"m" + i + " <= 1\"").toList()) + "]";
        given().contentType(ContentType.JSON)
                .body(body("\"target\": {\"metric\": \"acc\", \"direction\": \"maximize\"}", eleven))
                .post("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("constraints"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("at most 10"));
    }

    @Test
    void aTaskFromKafkaWithABadConstraintIsRejectedWithTheSameError() {
        String id = "ext-" + UUID.randomUUID().toString().substring(0, 8);
        TaskSpec spec = new TaskSpec("k", "random_search", null, "python3 train.py {parameters}", ".",
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null)), null, 2, 1, null,
                new TargetSpec("acc", 1.0, null), null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, List.of("execution.duration < 60"));
        kafka.send(new TaskCreated(Events.newEventId(), 1, id, Instant.now(), spec, "default"));
        TaskRejected rejected = KafkaSupport.read(kafka.awaitRecords(Events.TOPIC_TASK_REJECTED, id, 1).get(0).value(),
                TaskRejected.class);
        assertThat(rejected.errors()).extracting(TaskRejected.FieldError::field).containsExactly("constraints[0]");
        assertThat(rejected.errors().get(0).message()).contains("execution.duration");
    }
}
