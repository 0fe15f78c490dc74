package io.parzen.metrics.point;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.MetricLogged;
import io.parzen.metrics.KafkaSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** MetricLogged records produced with a plain KafkaProducer end up as points behind the REST API. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class MetricPointFlowTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsAnAdmin() {
        io.parzen.auth.testing.DefaultToken.use(io.parzen.auth.testing.TestTokens.admin());
    }

    @org.junit.jupiter.api.AfterEach
    void forgetTheToken() {
        io.parzen.auth.testing.DefaultToken.clear();
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static MetricLogged metric(String taskId, int executionSeq, int sequence, Map<String, Object> values) {
        return new MetricLogged(Events.newEventId(), Events.SCHEMA_VERSION, taskId,
                Instant.parse("2026-11-26T12:00:00Z").plusSeconds(executionSeq * 100L + sequence),
                Events.executionId(taskId, executionSeq), sequence, values);
    }

    private static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static JsonPath taskPoints(String taskId, String... keys) {
        var req = given();
        for (String k : keys) {
            req = req.queryParam("key", k);
        }
        return req.when().get("/api/v1/tasks/{id}/metrics", taskId).then().statusCode(200).extract().jsonPath();
    }

    private static int taskPointCount(String taskId) {
        return taskPoints(taskId).getList("$").size();
    }

    @Test
    void pointsAreStoredAndQueriedInOrder() {
        String task = KafkaSupport.newTaskId();
        // execution 10 first, so that the natural order (2 before 10) is not the arrival order
        KafkaSupport.send(metric(task, 10, 1, values("epoch", 1, "loss", 0.9)));
        KafkaSupport.send(metric(task, 2, 2, values("epoch", 2, "loss", 0.5, "val_accuracy", 0.8)));
        KafkaSupport.send(metric(task, 2, 1, values("epoch", 1, "loss", "NaN", "phase", "warmup",
                "net", Map.of("layers", 3), "ok", true)));

        await().atMost(WAIT).until(() -> taskPointCount(task) == 2 + 3 + 5);

        JsonPath all = taskPoints(task);
        List<String> order = all.getList("collect { it.executionId + '/' + it.sequence + '/' + it.key }");
        assertThat(order).containsExactly(
                task + "-2/1/epoch", task + "-2/1/loss", task + "-2/1/net.layers", task + "-2/1/ok", task + "-2/1/phase",
                task + "-2/2/epoch", task + "-2/2/loss", task + "-2/2/val_accuracy",
                task + "-10/1/epoch", task + "-10/1/loss");
        Map<String, Object> nanLoss = all.getMap("find { it.executionId == '" + task + "-2' && it.sequence == 1 && it.key == 'loss' }");
        assertThat(nanLoss.get("value")).isEqualTo("NaN");
        Map<String, Object> phase = all.getMap("find { it.key == 'phase' }");
        assertThat(phase).containsEntry("text", "warmup").doesNotContainKey("value");
        assertThat(all.getMap("find { it.key == 'ok' }")).containsEntry("text", "true");
        assertThat(all.getMap("find { it.key == 'net.layers' }")).containsEntry("value", 3.0f);
        Map<String, Object> first = all.getMap("[0]");
        assertThat(first).containsEntry("time", "2026-11-26T12:03:21Z").containsEntry("value", 1.0f);

        // key filter, repeatable
        JsonPath losses = taskPoints(task, "loss");
        assertThat(losses.getList("key", String.class)).containsOnly("loss").hasSize(3);
        assertThat(taskPoints(task, "loss", "val_accuracy").getList("$")).hasSize(4);

        // one execution
        JsonPath exec = given().queryParam("key", "epoch")
                .when().get("/api/v1/executions/{id}/metrics", task + "-2")
                .then().statusCode(200).extract().jsonPath();
        assertThat(exec.getList("sequence", Integer.class)).containsExactly(1, 2);
        assertThat(exec.getList("value", Float.class)).containsExactly(1.0f, 2.0f);
        assertThat(given().get("/api/v1/executions/{id}/metrics", task + "-10").then().statusCode(200)
                .extract().jsonPath().getList("$")).hasSize(2);

        // unknown ids: empty lists, not 404
        given().get("/api/v1/executions/{id}/metrics", "nobody-1").then().statusCode(200).body("size()", org.hamcrest.Matchers.is(0));
        given().get("/api/v1/tasks/{id}/metrics", "nobody").then().statusCode(200).body("size()", org.hamcrest.Matchers.is(0));
    }

    @Test
    void redeliveryChangesNothing() {
        String task = KafkaSupport.newTaskId();
        MetricLogged first = metric(task, 1, 1, values("loss", 0.7, "val_accuracy", 0.6));
        String json = KafkaSupport.send(first);
        await().atMost(WAIT).until(() -> taskPointCount(task) == 2);

        // the same record redelivered twice, and a twin with another event id and other values
        KafkaSupport.sendRaw(Events.TOPIC_METRIC_LOGGED, task, json);
        KafkaSupport.sendRaw(Events.TOPIC_METRIC_LOGGED, task, json);
        KafkaSupport.send(metric(task, 1, 1, values("loss", 0.1, "val_accuracy", 0.99)));
        // records of one task are consumed in order: once the sentinel is stored, the twins were handled
        KafkaSupport.send(metric(task, 1, 2, values("loss", 0.5)));
        await().atMost(WAIT).until(() -> taskPointCount(task) >= 3);

        JsonPath all = taskPoints(task);
        assertThat(all.getList("$")).hasSize(3);
        assertThat(all.getList("value", Float.class)).containsExactly(0.7f, 0.6f, 0.5f);
    }

    @Test
    void invalidRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        String task = KafkaSupport.newTaskId();
        String garbage = "{not json at all " + task;
        KafkaSupport.sendRaw(Events.TOPIC_METRIC_LOGGED, task, garbage);
        String noExecution = "{\"eventId\":\"e-" + task + "\",\"schemaVersion\":1,\"taskId\":\"" + task
                + "\",\"occurredAt\":\"2026-11-26T12:00:00Z\",\"sequence\":1,\"values\":{\"loss\":1}}";
        KafkaSupport.sendRaw(Events.TOPIC_METRIC_LOGGED, task, noExecution);
        KafkaSupport.send(metric(task, 1, 1, values("loss", 0.25)));

        await().atMost(WAIT).until(() -> taskPointCount(task) == 1);
        assertThat(taskPoints(task).getFloat("[0].value")).isEqualTo(0.25f);

        List<ConsumerRecord<String, String>> dead = KafkaSupport.readAll(KafkaSupport.DEAD_LETTER_TOPIC, 1000,
                Duration.ofSeconds(5)).stream().filter(r -> task.equals(r.key())).toList();
        assertThat(dead).extracting(ConsumerRecord::value).containsExactly(garbage, noExecution);
        assertThat(reason(dead.get(0))).contains("not a valid MetricLogged JSON document");
        assertThat(reason(dead.get(1))).contains("executionId is missing");
        assertThat(header(dead.get(0), "dead-letter-topic")).isEqualTo(Events.TOPIC_METRIC_LOGGED);
    }

    private static String reason(ConsumerRecord<String, String> r) {
        return header(r, "dead-letter-reason");
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
