package io.parzen.task.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.parzen.auth.testing.AsOperator;
import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.ParzenEvent;
import io.parzen.task.lifecycle.ExecutionTracker;
import io.parzen.task.support.Simulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plot data endpoints over a real database: the executions' events are applied by the service's
 * own tracker (as its Kafka consumer applies them), then read back over REST.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@ExtendWith(AsOperator.class)
class AnalysisApiTest {

    @Inject
    ExecutionTracker tracker;

    static String createTask() {
        String body = """
                {"name": "plots", "type": "random_search", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1},
                                {"name": "lr", "distribution": "loguniform", "min": -5, "max": -1},
                                {"name": "act", "distribution": "categorical", "values": ["relu", "tanh"]}],
                 "maxExecutions": 100, "batchSize": 5,
                 "target": {"metric": "acc", "direction": "maximize"}}
                """;
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/tasks")
                .then().statusCode(201).extract().path("id");
    }

    /** Numbers as doubles (RestAssured reads floats by default). */
    static JsonPath doubles(String json) {
        return JsonPath.from(json).using(new io.restassured.path.json.config.JsonPathConfig(
                io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    void apply(ParzenEvent event) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> tracker.apply(event));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** Execution seq with acc depending on x only; seq 5 fails; seqs above 10 are model-guided. */
    List<Double> runExecutions(Simulator sim, int from, int to, SplittableRandom random) {
        List<Double> accs = new ArrayList<>();
        for (int seq = from; seq <= to; seq++) {
            double x = random.nextDouble();
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("x", x);
            parameters.put("lr", Math.pow(10, -5 + 4 * random.nextDouble()));
            parameters.put("act", random.nextBoolean() ? "relu" : "tanh");
            apply(sim.suggestion(seq, (seq - 1) / 5 + 1, parameters, seq > 10 ? "model" : "random"));
            apply(sim.started(seq));
            double acc = 1 - (x - 0.3) * (x - 0.3);
            if (seq == 5) {
                apply(sim.finished(seq, "error", Map.of()));
                accs.add(null);
            } else {
                apply(sim.metric(seq, 1, Map.of("acc", acc / 2, "epoch", 1)));
                apply(sim.finished(seq, "complete", Map.of("acc", acc, "epoch", 2)));
                accs.add(acc);
            }
        }
        return accs;
    }

    @Test
    void historyImportanceAndSlicesOfATask() {
        String id = createTask();
        Simulator sim = new Simulator(id);
        List<Double> accs = runExecutions(sim, 1, 40, new SplittableRandom(42));

        JsonPath history = doubles(given().get("/api/v1/tasks/{id}/history", id).then().statusCode(200).extract()
                .asString());
        assertThat(history.getString("taskId")).isEqualTo(id);
        assertThat(history.getString("metric")).isEqualTo("acc");
        assertThat(history.getString("direction")).isEqualTo("maximize");
        List<Map<String, Object>> points = history.getList("points");
        assertThat(points).hasSize(40);
        assertThat(points).extracting(p -> p.get("seq")).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
        assertThat(points.get(4)).containsEntry("status", "error").containsEntry("value", null);
        assertThat(points.get(0)).containsEntry("source", "random").containsEntry("executionId", id + "-1");
        assertThat(points.get(20)).containsEntry("source", "model");
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 40; i++) {
            if (accs.get(i) != null) {
                best = Math.max(best, accs.get(i));
                assertThat(((Number) points.get(i).get("value")).doubleValue()).isEqualTo(accs.get(i));
            }
            assertThat(((Number) points.get(i).get("bestSoFar")).doubleValue()).isEqualTo(best);
        }

        JsonPath importance = given().get("/api/v1/tasks/{id}/importance", id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(importance.getString("method")).isEqualTo("PED-ANOVA");
        assertThat(importance.getInt("observations")).isEqualTo(39);
        assertThat(importance.getString("reason")).isNull();
        assertThat(importance.getList("parameters.name")).containsExactlyInAnyOrder("x", "lr", "act");
        assertThat(importance.getString("parameters[0].name")).isEqualTo("x");
        List<Float> shares = importance.getList("parameters.importance", Float.class);
        assertThat(shares).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        JsonPath slices = doubles(given().get("/api/v1/tasks/{id}/slices", id).then().statusCode(200).extract()
                .asString());
        assertThat(slices.getList("parameters.name")).containsExactly("x", "lr", "act");
        assertThat(slices.getList("parameters.kind")).containsExactly("numeric", "numeric", "categorical");
        assertThat(slices.getList("parameters.log")).containsExactly(false, true, false);
        assertThat(slices.getList("parameters[0].points")).hasSize(39);
        assertThat(slices.getList("parameters[2].points.x")).containsOnly("relu", "tanh");
        assertThat(slices.getDouble("parameters[0].points[0].value")).isEqualTo(accs.get(0));
    }

    @Test
    void importanceNeedsThreeCompletedExecutions() {
        String id = createTask();
        runExecutions(new Simulator(id), 1, 2, new SplittableRandom(1));
        given().get("/api/v1/tasks/{id}/importance", id).then().statusCode(200)
                .body("parameters.size()", equalTo(0)).body("observations", equalTo(2))
                .body("reason", containsString("at least 3"));
    }

    @Test
    void changesSinceACursorAreOnlyTheExecutionsThatChanged() {
        String id = createTask();
        Simulator sim = new Simulator(id);
        runExecutions(sim, 1, 3, new SplittableRandom(3));

        JsonPath all = given().get("/api/v1/tasks/{id}/changes", id).then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("executions.seq")).containsExactly(1, 2, 3);
        assertThat(all.getString("task.id")).isEqualTo(id);
        assertThat(all.getInt("task.statusSummary.complete")).isEqualTo(3);
        String cursor = all.getString("cursor");

        given().get("/api/v1/tasks/{id}/changes?since={c}", id, cursor).then().statusCode(200)
                .body("executions.size()", equalTo(0)).body("cursor", equalTo(cursor));

        apply(sim.suggestion(4, 1, Map.of("x", 0.5, "lr", 0.001, "act", "relu")));
        JsonPath next = given().get("/api/v1/tasks/{id}/changes?since={c}", id, cursor).then().statusCode(200)
                .extract().jsonPath();
        assertThat(next.getList("executions.seq")).containsExactly(4);
        assertThat(next.getString("executions[0].status")).isEqualTo("queued");
        assertThat(next.getString("cursor")).isNotEqualTo(cursor);

        apply(sim.started(4));
        apply(sim.metric(4, 1, Map.of("acc", 0.5)));
        JsonPath later = given().get("/api/v1/tasks/{id}/changes?since={c}", id, next.getString("cursor"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(later.getList("executions.seq")).containsExactly(4);
        assertThat(later.getFloat("executions[0].metrics.acc")).isEqualTo(0.5f);
        assertThat(later.getString("executions[0].status")).isEqualTo("started");

        // a stop changes the running execution: it shows stopping
        given().contentType(ContentType.JSON).post("/api/v1/tasks/{id}/stop", id).then().statusCode(202);
        JsonPath stopped = given().get("/api/v1/tasks/{id}/changes?since={c}", id, later.getString("cursor"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(stopped.getList("executions.seq")).containsExactly(4);
        assertThat(stopped.getString("executions[0].status")).isEqualTo("stopping");
        assertThat(stopped.getString("task.status")).isEqualTo("stopping");
    }

    @Test
    void aCursorThatIsNotOneNamesTheField() {
        String id = createTask();
        given().get("/api/v1/tasks/{id}/changes?since=abc", id).then().statusCode(400)
                .body("errors[0].field", equalTo("since")).body("errors[0].value", equalTo("abc"))
                .body("errors[0].message", containsString("cursor"));
    }

    @Test
    void anotherProjectsTaskIsNotFoundAndAViewerMayRead() {
        String id = createTask();
        String stranger = TestTokens.viewer("elsewhere");
        for (String path : List.of("history", "importance", "slices", "changes")) {
            given().auth().oauth2(stranger).get("/api/v1/tasks/{id}/" + path, id).then().statusCode(404);
            given().auth().oauth2(TestTokens.viewer("default")).get("/api/v1/tasks/{id}/" + path, id)
                    .then().statusCode(200);
            given().auth().none().get("/api/v1/tasks/{id}/" + path, id).then().statusCode(401);
            given().get("/api/v1/tasks/{id}/" + path, "no-such-task").then().statusCode(404);
        }
    }

    @Test
    void theTaskListFiltersByStatus() {
        String created = createTask();
        String started = createTask();
        apply(new Simulator(started).suggestion(1, 1, Map.of("x", 0.1, "lr", 0.01, "act", "relu")));
        List<String> startedIds = given().get("/api/v1/tasks?status=started&size=100").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertThat(startedIds).contains(started).doesNotContain(created);
        given().get("/api/v1/tasks?status=created&size=100").then().statusCode(200)
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("created")))
                .body("items.id", org.hamcrest.Matchers.hasItem(created));
        given().get("/api/v1/tasks?status=running").then().statusCode(400)
                .body("errors[0].field", equalTo("status")).body("errors[0].value", equalTo("running"))
                .body("errors[0].message", containsString("created, started, stopping, stopped, complete, error"));
    }

    @Test
    void theEndpointsAreInTheOpenApiDocument() {
        String doc = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(doc).contains("/api/v1/tasks/{id}/history", "/api/v1/tasks/{id}/importance",
                "/api/v1/tasks/{id}/slices", "/api/v1/tasks/{id}/changes", "PED-ANOVA");
    }
}
