package io.parzen.task.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.MetricLogged;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.vocabulary.StatusReason;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Attempts in task-service (docs/decisions/0023), against a real broker and database with the optimizer and the
 * executor played by a plain producer: an attempt the retry rule runs again counts for nothing and the execution
 * shows {@code queued} as its next attempt; only a final attempt counts for {@code onChildError}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class RetriedExecutionsTest extends OperatorFlowTest {

    private static String body(String extra) {
        return """
                {"name": "retries", "type": "random_search", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "maxExecutions": 2, "batchSize": 2, "target": {"metric": "acc", "value": 1.0},
                 "onChildError": "stop-all-and-error" %s}
                """.formatted(extra);
    }

    private static String create(String extra) {
        return given().contentType(ContentType.JSON).body(body(extra)).post("/api/v1/tasks").then().statusCode(201)
                .extract().path("id");
    }

    private static JsonPath task(String id) {
        return given().get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath executions(String id) {
        return given().get("/api/v1/tasks/" + id + "/executions").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitExecutions(String id, Predicate<JsonPath> executionsHold) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            last[0] = executions(id);
            return executionsHold.test(last[0]);
        });
        return last[0];
    }

    private static SuggestionRequested suggestion(Simulator sim, int seq, int attempt) {
        return sim.suggestion(seq, 1, Map.of("x", seq / 10.0)).withAttempt(attempt);
    }

    private static ExecutionStarted started(String taskId, int seq, int attempt) {
        return ExecutionStarted.of(taskId, Events.executionId(taskId, seq), seq, "test@localhost", attempt);
    }

    private static ExecutionFinished finished(String taskId, int seq, int attempt, String status, String reason,
            Integer exitCode, Map<String, Object> metrics) {
        Instant now = Instant.now();
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, now,
                Events.executionId(taskId, seq), seq, status, exitCode, reason, metrics, now.minusSeconds(3), now,
                reason, attempt);
    }

    @Test
    void aLostAttemptRunsAgainAndCountsForNothing() {
        String id = create("");
        Simulator sim = new Simulator(id);
        kafka.send(suggestion(sim, 1, 1));
        kafka.send(suggestion(sim, 2, 1));
        kafka.send(started(id, 1, 1));
        kafka.send(MetricLogged.of(id, Events.executionId(id, 1), 1, Map.of("acc", 0.3), 1));
        ExecutionFinished lost = finished(id, 1, 1, "crashed", StatusReason.EXECUTOR_LOST.wireName(), null, Map.of());
        kafka.send(lost);

        JsonPath retrying = awaitExecutions(id, e -> e.getInt("[0].attempt") == 2);
        assertThat(retrying.getString("[0].status")).isEqualTo("queued");
        assertThat(retrying.getString("[0].startedAt")).isNull();
        assertThat(retrying.getMap("[0].metrics")).isEmpty();
        assertThat(retrying.getList("[0].attempts.attempt", Integer.class)).containsExactly(1, 2);
        assertThat(retrying.getString("[0].attempts[0].status")).isEqualTo("crashed");
        assertThat(retrying.getString("[0].attempts[0].statusReason")).isEqualTo("executor-lost");
        assertThat(retrying.getString("[0].attempts[0].finishedAt")).isNotNull();
        assertThat(retrying.getString("[0].attempts[1].status")).isEqualTo("queued");
        assertThat(task(id).getString("status")).as("stop-all-and-error is not triggered").isEqualTo("started");

        // the finish replayed, and attempt 1's late events: they change nothing of attempt 2
        kafka.send(lost);
        kafka.send(started(id, 1, 1));
        kafka.send(MetricLogged.of(id, Events.executionId(id, 1), 2, Map.of("acc", 0.4), 1));
        kafka.send(suggestion(sim, 1, 2));
        kafka.send(started(id, 1, 2));
        JsonPath running = awaitExecutions(id, e -> "started".equals(e.getString("[0].status")));
        assertThat(running.getInt("[0].attempt")).isEqualTo(2);
        assertThat(running.getMap("[0].metrics")).isEmpty();
        assertThat(running.getList("[0].attempts")).hasSize(2);

        kafka.send(finished(id, 1, 2, "complete", null, 0, Map.of("acc", 0.8)));
        kafka.send(sim.finished(2, "complete", Map.of("acc", 0.7)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "complete".equals(task(id).getString("status")));
        JsonPath done = executions(id);
        assertThat(done.getString("[0].status")).isEqualTo("complete");
        assertThat(done.getList("[0].attempts.status", String.class)).containsExactly("crashed", "complete");
        assertThat(done.getInt("[1].attempt")).isEqualTo(1);
        assertThat(done.getList("[1].attempts")).hasSize(1);
        JsonPath t = task(id);
        assertThat(t.getString("statusReason")).isEqualTo("max-executions-reached");
        assertThat(t.getInt("statusSummary.crashed")).isZero();
    }

    @Test
    void onChildErrorCountsTheAttemptThatExhaustedTheRetries() {
        String id = create(", \"maxRetries\": 1");
        Simulator sim = new Simulator(id);
        kafka.send(suggestion(sim, 1, 1));
        kafka.send(suggestion(sim, 2, 1));
        kafka.send(finished(id, 1, 1, "crashed", StatusReason.HEARTBEAT_LOST.wireName(), null, Map.of()));
        awaitExecutions(id, e -> e.getInt("[0].attempt") == 2);
        assertThat(task(id).getString("status")).isEqualTo("started");
        kafka.send(finished(id, 1, 2, "crashed", StatusReason.EXECUTOR_LOST.wireName(), null, Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "error".equals(task(id).getString("status")));
        assertThat(task(id).getString("statusReason")).isEqualTo("child-error");
        JsonPath e = executions(id);
        assertThat(e.getString("[0].status")).isEqualTo("crashed");
        assertThat(e.getInt("[0].attempt")).isEqualTo(2);
        assertThat(e.getList("[0].attempts.status", String.class)).containsExactly("crashed", "crashed");
    }

    @Test
    void aNonZeroExitIsFinalUnlessRetryOnListsError() {
        String plain = create("");
        kafka.send(suggestion(new Simulator(plain), 1, 1));
        kafka.send(finished(plain, 1, 1, "error", StatusReason.EXIT_CODE.wireName(), 2, Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "error".equals(task(plain).getString("status")));
        assertThat(executions(plain).getInt("[0].attempt")).isEqualTo(1);

        String retried = create(", \"retryOn\": [\"error\"]");
        kafka.send(suggestion(new Simulator(retried), 1, 1));
        kafka.send(finished(retried, 1, 1, "error", StatusReason.EXIT_CODE.wireName(), 2, Map.of()));
        JsonPath e = awaitExecutions(retried, j -> j.getInt("[0].attempt") == 2);
        assertThat(e.getString("[0].status")).isEqualTo("queued");
        assertThat(e.getInt("[0].attempts[0].exitCode")).isEqualTo(2);
        assertThat(task(retried).getString("status")).isEqualTo("started");
        given().get("/api/v1/tasks/" + retried).then().body("spec.retryOn", equalTo(List.of("error")));
    }

    @Test
    void aRetriedFinishThatOvertakesItsSuggestionStartsTheTaskAndTheLateSuggestionChangesNothing() {
        String id = create(", \"retryOn\": [\"error\"]");
        kafka.send(finished(id, 1, 1, "error", StatusReason.EXIT_CODE.wireName(), 2, Map.of()));
        JsonPath before = awaitExecutions(id, j -> j.getInt("[0].attempt") == 2);
        assertThat(task(id).getString("status")).isEqualTo("started");

        kafka.send(suggestion(new Simulator(id), 1, 1)); // attempt 1's suggestion, read after its finish
        kafka.send(suggestion(new Simulator(id), 2, 1));
        JsonPath e = awaitExecutions(id, j -> j.getList("$").size() == 2);
        assertThat(e.getInt("[0].attempt")).isEqualTo(2);
        assertThat(e.getString("[0].status")).isEqualTo("queued");
        assertThat(e.getList("[0].attempts")).isEqualTo(before.getList("[0].attempts"));
        assertThat(e.getString("[0].attempts[0].status")).isEqualTo("error");
        assertThat(task(id).getString("status")).isEqualTo("started");
    }

    @Test
    void badRetrySettingsAreRefusedNamingFieldValueAndWhatIsAllowed() {
        given().contentType(ContentType.JSON).body(body(", \"maxRetries\": 11")).post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("maxRetries"))
                .body("errors[0].value", equalTo(11))
                .body("errors[0].message", containsString("0 to 10"));
        given().contentType(ContentType.JSON).body(body(", \"retryOn\": [\"error\", \"complete\"]"))
                .post("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("retryOn[1]"))
                .body("errors[0].value", equalTo("complete"))
                .body("errors[0].message", containsString("[error, crashed, stopped]"));
        given().get("/api/v1/tasks/" + create(", \"maxRetries\": 0")).then().statusCode(200)
                .body("spec.maxRetries", equalTo(0));
    }
}
