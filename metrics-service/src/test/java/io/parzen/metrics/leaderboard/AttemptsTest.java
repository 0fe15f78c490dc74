package io.parzen.metrics.leaderboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.MetricLogged;
import io.parzen.metrics.KafkaSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attempts (ADR 0023): each attempt's points are kept apart, the REST answers and the leaderboard use each
 * execution's latest attempt, {@code ?attempt=N} gives an earlier one, and the first finish of each attempt counts.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AttemptsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeEach
    void actAsAnAdmin() {
        io.parzen.auth.testing.DefaultToken.use(io.parzen.auth.testing.TestTokens.admin());
    }

    @AfterEach
    void forgetTheToken() {
        io.parzen.auth.testing.DefaultToken.clear();
    }

    private static void metric(String task, int exec, Integer attempt, int sequence, double loss) {
        KafkaSupport.send(new MetricLogged(Events.newEventId(), 1, task, Instant.now(), Events.executionId(task, exec),
                sequence, Map.of("loss", loss), attempt));
    }

    private static void finished(String task, int exec, Integer attempt, String status, String statusReason,
            Map<String, Object> latest) {
        Instant now = Instant.now();
        KafkaSupport.send(new ExecutionFinished(Events.newEventId(), 1, task, now, Events.executionId(task, exec), exec,
                status, ExecutionFinished.COMPLETE.equals(status) ? 0 : null, statusReason, latest,
                now.minusSeconds(5), now, statusReason, attempt));
    }

    private static JsonPath points(String path, String id, Map<String, ?> query) {
        return given().queryParams(query).get(path, id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath board(String task) {
        return given().queryParam("metric", "loss").queryParam("goal", "minimize")
                .get("/api/v1/tasks/{id}/leaderboard", task).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theLatestAttemptCountsOnceAndEarlierAttemptsStayReadable() {
        String task = KafkaSupport.newTaskId();
        String e1 = Events.executionId(task, 1);
        String e3 = Events.executionId(task, 3);
        // execution 1: attempt 1 (no attempt field: an older producer) lost after two lines, attempt 2 complete
        metric(task, 1, null, 1, 0.9);
        metric(task, 1, null, 2, 0.8);
        finished(task, 1, null, ExecutionFinished.CRASHED, "executor-lost", Map.of("loss", 0.8));
        metric(task, 1, 2, 1, 0.5);
        finished(task, 1, 2, ExecutionFinished.COMPLETE, null, Map.of("loss", 0.5));
        // a second finish of attempt 2 (the watchdog's, later) and a late twin of attempt 1: both ignored
        finished(task, 1, 2, ExecutionFinished.CRASHED, "heartbeat-lost", Map.of());
        finished(task, 1, 1, ExecutionFinished.CRASHED, "executor-lost", Map.of("loss", 0.8));
        // execution 2: one attempt
        metric(task, 2, 1, 1, 0.7);
        finished(task, 2, 1, ExecutionFinished.COMPLETE, null, Map.of("loss", 0.7));
        // execution 3: attempt 1 logged a (very good) value and was lost; attempt 2 failed before logging
        metric(task, 3, 1, 1, 0.1);
        finished(task, 3, 1, ExecutionFinished.CRASHED, "executor-lost", Map.of("loss", 0.1));
        finished(task, 3, 2, ExecutionFinished.CRASHED, "workspace-error", Map.of());

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath b = board(task);
            assertThat(b.getList("entries.executionId", String.class)).containsExactly(e1, task + "-2", e3);
            assertThat(b.getString("entries[0].status")).isEqualTo("complete");
            assertThat(b.getString("entries[2].status")).isEqualTo("crashed");
            assertThat(b.getInt("entries[2].attempt")).isEqualTo(2);
            assertThat(points("/api/v1/executions/{id}/metrics", e1, Map.of("attempt", 1)).getList("$")).hasSize(2);
            assertThat(points("/api/v1/tasks/{id}/metrics", task, Map.of()).getList("$")).hasSize(2);
        });
        JsonPath b = board(task);
        assertThat(b.getInt("entries[0].rank")).isEqualTo(1);
        assertThat(b.getFloat("entries[0].value")).isEqualTo(0.5f);
        assertThat(b.getInt("entries[0].attempt")).isEqualTo(2);
        assertThat(b.getInt("entries[1].rank")).isEqualTo(2);
        assertThat(b.getInt("entries[1].attempt")).isEqualTo(1);
        // attempt 1's 0.1 does not count for execution 3: its latest attempt logged nothing
        assertThat(b.getMap("entries[2]")).doesNotContainKey("rank").doesNotContainKey("value");

        JsonPath latest = points("/api/v1/executions/{id}/metrics", e1, Map.of());
        assertThat(latest.getList("attempt", Integer.class)).containsExactly(2);
        assertThat(latest.getList("value", Float.class)).containsExactly(0.5f);
        JsonPath first = points("/api/v1/executions/{id}/metrics", e1, Map.of("attempt", 1));
        assertThat(first.getList("sequence", Integer.class)).containsExactly(1, 2);
        assertThat(first.getList("attempt", Integer.class)).containsExactly(1, 1);
        assertThat(first.getList("value", Float.class)).containsExactly(0.9f, 0.8f);
        assertThat(points("/api/v1/executions/{id}/metrics", e1, Map.of("attempt", 3)).getList("$")).isEmpty();
        assertThat(points("/api/v1/executions/{id}/metrics", e3, Map.of()).getList("$")).isEmpty();
        given().queryParam("attempt", 0).get("/api/v1/executions/{id}/metrics", e1).then().statusCode(400);

        List<String> task1 = points("/api/v1/tasks/{id}/metrics", task, Map.of())
                .getList("collect { it.executionId + '/' + it.attempt + '/' + it.sequence }");
        assertThat(task1).containsExactly(e1 + "/2/1", task + "-2/1/1");
    }
}
