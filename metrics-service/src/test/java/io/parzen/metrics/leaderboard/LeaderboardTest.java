package io.parzen.metrics.leaderboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.MetricLogged;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskSpec;
import io.parzen.metrics.KafkaSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Leaderboards from TaskCreated (target), MetricLogged (latest values) and ExecutionFinished (status). */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class LeaderboardTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsAnAdmin() {
        io.parzen.auth.testing.DefaultToken.use(io.parzen.auth.testing.TestTokens.admin());
    }

    @org.junit.jupiter.api.AfterEach
    void forgetTheToken() {
        io.parzen.auth.testing.DefaultToken.clear();
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static void metric(String task, int exec, int sequence, Map<String, Object> values) {
        KafkaSupport.send(new MetricLogged(Events.newEventId(), 1, task, Instant.now(),
                Events.executionId(task, exec), sequence, values));
    }

    private static void finished(String task, int exec, String status, Map<String, Object> latest) {
        Instant now = Instant.now();
        KafkaSupport.send(new ExecutionFinished(Events.newEventId(), 1, task, now, Events.executionId(task, exec), exec,
                status, ExecutionFinished.COMPLETE.equals(status) ? 0 : 1, null, latest, now.minusSeconds(5), now));
    }

    private static JsonPath board(String task, Map<String, ?> query) {
        return given().queryParams(query).when().get("/api/v1/tasks/{id}/leaderboard", task)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void ranksByClosenessToTheTargetWithLatestValues() {
        String task = KafkaSupport.newTaskId();
        TaskSpec spec = new TaskSpec("mlp-bayesian", "bayesian_tpe", "optuna", "python3 train.py {parameters}", null,
                List.of(), null, 30, 5, null, new TargetSpec("val_accuracy", 1.0, null), null, null, null, null, null,
                null);
        KafkaSupport.send(TaskAccepted.of(task, spec));
        // 1: best value 0.95 earlier, but the latest (0.9) counts
        metric(task, 1, 1, Map.of("val_accuracy", 0.95, "loss", 0.3));
        metric(task, 1, 2, Map.of("val_accuracy", 0.9, "loss", 0.2));
        // 2: 0.97
        metric(task, 2, 1, Map.of("val_accuracy", 0.97, "loss", 0.4));
        // 3: diverged
        metric(task, 3, 1, Map.of("val_accuracy", 0.5, "loss", "NaN"));
        metric(task, 3, 2, Map.of("val_accuracy", "NaN", "loss", "NaN"));
        // 4: no points, only the latest metrics of ExecutionFinished
        finished(task, 4, ExecutionFinished.COMPLETE, Map.of("val_accuracy", 0.5, "loss", 1.1));
        // 5: failed without logging
        finished(task, 5, ExecutionFinished.ERROR, Map.of());
        finished(task, 1, ExecutionFinished.COMPLETE, Map.of("val_accuracy", 0.9, "loss", 0.2));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath b = board(task, Map.of());
            assertThat(b.getList("entries")).hasSize(5);
            assertThat(b.getString("entries.find { it.executionId == '" + task + "-1' }.status")).isEqualTo("complete");
            assertThat(b.getInt("entries.find { it.executionId == '" + task + "-3' }.sequence")).isEqualTo(2);
        });

        JsonPath b = board(task, Map.of());
        assertThat(b.getString("taskName")).isEqualTo("mlp-bayesian");
        assertThat(b.getString("metric")).isEqualTo("val_accuracy");
        assertThat(b.getString("goal")).isEqualTo("target");
        assertThat(b.getFloat("targetValue")).isEqualTo(1.0f);
        assertThat(b.getList("entries.executionId", String.class)).containsExactly(
                task + "-2", task + "-1", task + "-4", task + "-3", task + "-5");
        assertThat(b.getList("entries.rank", Integer.class)).containsExactly(1, 2, 3, null, null);
        assertThat(b.getList("entries.seq", Integer.class)).containsExactly(2, 1, 4, 3, 5);
        assertThat(b.getList("entries.status", String.class)).containsExactly(null, "complete", "complete", null,
                "error"); // execution 2 has not finished
        assertThat(b.getFloat("entries[0].value")).isEqualTo(0.97f);
        assertThat(b.getDouble("entries[0].distance")).isCloseTo(0.03, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(b.getFloat("entries[1].value")).isEqualTo(0.9f);
        assertThat(b.getInt("entries[1].sequence")).isEqualTo(2);
        assertThat(b.getMap("entries[2]")).doesNotContainKey("sequence").containsEntry("value", 0.5f);

        // another goal and another metric
        assertThat(board(task, Map.of("goal", "minimize")).getList("entries.executionId", String.class))
                .startsWith(task + "-4", task + "-1", task + "-2");
        JsonPath byLoss = board(task, Map.of("metric", "loss", "goal", "min"));
        assertThat(byLoss.getString("goal")).isEqualTo("minimize");
        assertThat(byLoss.getList("entries.executionId", String.class)).containsExactly(
                task + "-1", task + "-2", task + "-4", task + "-3", task + "-5");
        JsonPath closeTo = board(task, Map.of("target", 0.5));
        assertThat(closeTo.getList("entries.executionId", String.class)).startsWith(task + "-4", task + "-1");
    }

    @Test
    void taskAndExecutionEventsAreIdempotentAndPoisonIsDeadLettered() {
        String task = KafkaSupport.newTaskId();
        KafkaSupport.sendRaw(Events.TOPIC_TASK_ACCEPTED, task, "garbage " + task);
        KafkaSupport.sendRaw(Events.TOPIC_EXECUTION_FINISHED, task, "[\"" + task + "\"]");
        TaskSpec spec = new TaskSpec("min-loss", "random_search", null, "python3 train.py {parameters}", null,
                List.of(), null, 10, 2, null, new TargetSpec("loss", null, "minimize"), null, null, null, null, null,
                null);
        String created = KafkaSupport.send(TaskAccepted.of(task, spec));
        KafkaSupport.sendRaw(Events.TOPIC_TASK_ACCEPTED, task, created);
        Instant t0 = Instant.parse("2026-11-26T12:00:00Z");
        String done = KafkaSupport.send(new ExecutionFinished(Events.newEventId(), 1, task, t0,
                Events.executionId(task, 1), 1, "complete", 0, null, Map.of("loss", 0.3), t0.minusSeconds(9), t0));
        KafkaSupport.sendRaw(Events.TOPIC_EXECUTION_FINISHED, task, done);
        // an older event about the same execution must not overwrite the newer one
        KafkaSupport.send(new ExecutionFinished(Events.newEventId(), 1, task, t0.minusSeconds(60),
                Events.executionId(task, 1), 1, "error", 1, "late twin", Map.of("loss", 9.0), null, null));
        // and neither may a later second finish (an executor reporting after the watchdog declared it crashed)
        KafkaSupport.send(new ExecutionFinished(Events.newEventId(), 1, task, t0.plusSeconds(60),
                Events.executionId(task, 1), 1, "crashed", null, "second finish", Map.of("loss", 7.0), null,
                t0.plusSeconds(60), "heartbeat-lost"));
        KafkaSupport.send(new ExecutionFinished(Events.newEventId(), 1, task, t0,
                Events.executionId(task, 2), 2, "complete", 0, null, Map.of("loss", 0.1), null, t0));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(given().get("/api/v1/tasks/{id}/leaderboard", task).then().statusCode(200).extract()
                        .jsonPath().getList("entries")).hasSize(2));
        JsonPath b = board(task, Map.of());
        assertThat(b.getString("taskName")).isEqualTo("min-loss");
        assertThat(b.getString("goal")).isEqualTo("minimize");
        assertThat(b.getMap("$")).doesNotContainKey("targetValue");
        assertThat(b.getList("entries.executionId", String.class)).containsExactly(task + "-2", task + "-1");
        assertThat(b.getList("entries.status", String.class)).containsExactly("complete", "complete");
        assertThat(b.getList("entries.value", Float.class)).containsExactly(0.1f, 0.3f);

        var dead = KafkaSupport.readAll(KafkaSupport.DEAD_LETTER_TOPIC, 1000, Duration.ofSeconds(5)).stream()
                .filter(r -> task.equals(r.key())).map(r -> r.value()).toList();
        assertThat(dead).containsExactlyInAnyOrder("garbage " + task, "[\"" + task + "\"]");
    }

    @Test
    void unknownTaskAndBadParameters() {
        given().get("/api/v1/tasks/{id}/leaderboard", "never-created").then().statusCode(404)
                .body("status", org.hamcrest.Matchers.is(404))
                .body("message", containsString("pass ?metric="));
        given().queryParam("metric", "loss").get("/api/v1/tasks/{id}/leaderboard", "never-created").then()
                .statusCode(200).body("entries.size()", org.hamcrest.Matchers.is(0)).body("goal", org.hamcrest.Matchers.is("maximize"));
        given().queryParam("metric", "loss").queryParam("goal", "target").get("/api/v1/tasks/{id}/leaderboard", "x")
                .then().statusCode(400).body("message", containsString("target"));
        given().queryParam("goal", "sideways").get("/api/v1/tasks/{id}/leaderboard", "x")
                .then().statusCode(400).body("message", containsString("sideways"));
    }
}
