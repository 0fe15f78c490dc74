package io.parzen.executor.execution;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.finished;
import static io.parzen.executor.Fixtures.metrics;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static io.parzen.executor.Fixtures.started;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.MetricLogged;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.Fixtures;
import io.parzen.messaging.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A request goes in on Kafka, a process runs, events come out: the main paths. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ExecutionFlowTest {

    @org.junit.jupiter.api.BeforeEach
    void actAsAnAdmin() {
        io.parzen.auth.testing.DefaultToken.use(io.parzen.auth.testing.TestTokens.admin());
    }

    @org.junit.jupiter.api.AfterEach
    void forgetTheToken() {
        io.parzen.auth.testing.DefaultToken.clear();
    }

    @Test
    void aSuccessfulRunEmitsStartedMetricsAndFinished() throws Exception {
        String taskId = newTaskId();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("steps", 3);
        params.put("lr", 0.001);
        params.put("name", "a b $HOME");
        SuggestionRequested request = request(taskId, 1, params, "python3 fake_train.py {parameters}", "scripts",
                Map.of("lr", "--lr {value}"), 60L);
        Fixtures.kafka().send(request);

        ExecutionFinished done = awaitFinished(request.executionId());
        assertThat(done.status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(done.exitCode()).isZero();
        assertThat(done.reason()).isNull();
        assertThat(done.taskId()).isEqualTo(taskId);
        assertThat(done.seq()).isEqualTo(1);
        assertThat(done.metrics()).containsEntry("step", 3).containsEntry("loss", 0.3333)
                .containsEntry("lr", 0.001).containsEntry("name", "a b $HOME").doesNotContainKey("from_stderr");
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());

        assertThat(started(request.executionId())).singleElement()
                .satisfies(s -> assertThat(s.executor()).startsWith("local@"));
        List<MetricLogged> points = metrics(request.executionId());
        assertThat(points).extracting(MetricLogged::sequence).containsExactly(1, 2, 3);
        assertThat(points).extracting(m -> m.values().get("step")).containsExactly(1, 2, 3);
        assertThat(points.get(1).values()).containsEntry("loss", 0.5).containsEntry("lr", 0.001);

        ConsumerRecord<String, String> record = Fixtures.kafka().records(Events.TOPIC_EXECUTION_FINISHED).stream()
                .filter(r -> r.value().contains(request.executionId())).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(taskId);
        assertThat(TestKafka.header(record, Events.CE_TYPE)).isEqualTo("io.parzen.ExecutionFinished.v1");
        assertThat(TestKafka.header(record, Events.CE_SOURCE)).isEqualTo("/parzen/executor-service");
        assertThat(TestKafka.header(record, Events.CE_ID)).isEqualTo(done.eventId());

        JsonPath view = given().get("/api/v1/executions/{id}", request.executionId())
                .then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("status")).isEqualTo("complete");
        assertThat(view.getInt("exitCode")).isZero();
        assertThat(view.getList("argv", String.class)).containsExactly("python3", "fake_train.py", "--steps=3",
                "--lr", "0.001", "--name=a b $HOME");
        assertThat(view.getString("workingDirectory")).endsWith("test-classes/scripts");
        assertThat(view.getInt("metricCount")).isEqualTo(3);

        Path parameters = Path.of(view.getString("parametersPath"));
        assertThat(Events.mapper().readValue(parameters.toFile(), Map.class)).isEqualTo(params);
        assertThat(Path.of(view.getString("outputsPath"))).isDirectory();
        String log = Files.readString(Path.of(view.getString("logPath")));
        assertThat(log).contains("a line on stderr").contains("{\"step\": 3").contains("{\"from_stderr\": 1}");

        given().get("/api/v1/executions/{id}/log", request.executionId()).then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("env PARZEN_EXECUTION_ID=" + request.executionId() + " PARZEN_TASK_ID="
                        + taskId + " outputs=True unbuffered=1"))
                .body(containsString("a line on stderr"));
        given().get("/api/v1/executions?taskId={t}", taskId).then().statusCode(200)
                .body(containsString(request.executionId()));
    }

    @Test
    void aNonZeroExitIsAnError() {
        SuggestionRequested request = request(newTaskId(), 1, Map.of("steps", 1, "exit", 3));
        Fixtures.kafka().send(request);
        ExecutionFinished done = awaitFinished(request.executionId());
        assertThat(done.status()).isEqualTo(ExecutionFinished.ERROR);
        assertThat(done.exitCode()).isEqualTo(3);
        assertThat(done.reason()).isEqualTo("exit code 3");
        assertThat(done.metrics()).containsEntry("step", 1);
    }

    @Test
    void aProcessKilledByASignalCrashed() {
        SuggestionRequested request = request(newTaskId(), 1, Map.of("steps", 1, "kill-self", "true"));
        Fixtures.kafka().send(request);
        ExecutionFinished done = awaitFinished(request.executionId());
        assertThat(done.status()).isEqualTo(ExecutionFinished.CRASHED);
        assertThat(done.exitCode()).isEqualTo(137);
        assertThat(done.reason()).isEqualTo("killed by signal 9");
    }

    @Test
    void aBurstOfMetadataLinesArrivesCompleteAndInOrder() {
        SuggestionRequested request = request(newTaskId(), 1, Map.of("steps", 3000));
        Fixtures.kafka().send(request);
        ExecutionFinished done = awaitFinished(request.executionId(), Duration.ofSeconds(60));
        assertThat(done.status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(done.metrics()).containsEntry("step", 3000);
        await().atMost(Duration.ofSeconds(30)).until(() -> metrics(request.executionId()).size() >= 3000);
        List<MetricLogged> points = metrics(request.executionId());
        assertThat(points).hasSize(3000);
        for (int i = 0; i < points.size(); i++) {
            assertThat(points.get(i).sequence()).isEqualTo(i + 1);
            assertThat(points.get(i).values().get("step")).isEqualTo(i + 1);
        }
    }

    @Test
    void aMissingBinaryIsAnErrorWithoutStart() {
        SuggestionRequested request = request(newTaskId(), 1, Map.of("a", 1), "/nonexistent/parzen-train {parameters}",
                "scripts", null, null);
        Fixtures.kafka().send(request);
        ExecutionFinished done = awaitFinished(request.executionId());
        assertThat(done.status()).isEqualTo(ExecutionFinished.ERROR);
        assertThat(done.exitCode()).isNull();
        assertThat(done.reason()).startsWith("could not start").contains("/nonexistent/parzen-train");
        assertThat(started(request.executionId())).isEmpty();
        given().get("/api/v1/executions/{id}/log", request.executionId()).then().statusCode(200)
                .body(containsString("could not start"));
    }

    @Test
    void aMissingWorkingDirectoryOrBadCommandIsAnError() {
        String taskId = newTaskId();
        SuggestionRequested noDir = request(taskId, 1, Map.of(), Fixtures.COMMAND, "no/such/dir", null, null);
        SuggestionRequested badQuote = request(taskId, 2, Map.of(), "python3 'fake_train.py", "scripts", null, null);
        Fixtures.kafka().send(noDir);
        Fixtures.kafka().send(badQuote);
        assertThat(awaitFinished(noDir.executionId()).reason()).startsWith("working directory does not exist");
        ExecutionFinished bad = awaitFinished(badQuote.executionId());
        assertThat(bad.status()).isEqualTo(ExecutionFinished.ERROR);
        assertThat(bad.reason()).startsWith("invalid command").contains("quote");
    }

    @Test
    void aDuplicateRequestRunsOnce() throws Exception {
        String taskId = newTaskId();
        SuggestionRequested first = request(taskId, 1, Map.of("steps", 2, "sleep", 0.5));
        SuggestionRequested twin = new SuggestionRequested(Events.newEventId(), first.schemaVersion(), taskId,
                first.occurredAt(), first.executionId(), 1, 1, first.parameters(), first.source(), first.command(),
                first.workingDirectory(), null, null);
        Fixtures.kafka().send(first);
        Fixtures.kafka().send(twin);
        awaitFinished(first.executionId());
        Fixtures.kafka().send(first);
        SuggestionRequested marker = request(taskId, 2, Map.of("steps", 1));
        Fixtures.kafka().send(marker);
        awaitFinished(marker.executionId());
        Thread.sleep(500);
        assertThat(started(first.executionId())).hasSize(1);
        assertThat(finished(first.executionId())).hasSize(1);
        assertThat(metrics(first.executionId())).hasSize(2);
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String taskId = newTaskId();
        Fixtures.kafka().sendRaw(Events.TOPIC_SUGGESTION_REQUESTED, taskId, "this is not JSON " + taskId);
        Fixtures.kafka().sendRaw(Events.TOPIC_SUGGESTION_REQUESTED, taskId,
                "{\"taskId\":\"" + taskId + "\",\"executionId\":\"" + taskId + "-9\",\"seq\":9}");
        Fixtures.kafka().sendRaw(Events.TOPIC_TASK_FINISHED, taskId, "[1,2");
        SuggestionRequested valid = request(taskId, 1, Map.of("steps", 1));
        Fixtures.kafka().send(valid);

        assertThat(awaitFinished(valid.executionId()).status()).isEqualTo(ExecutionFinished.COMPLETE);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = Fixtures.kafka().records(Fixtures.DEAD_LETTER_TOPIC).stream()
                    .filter(r -> taskId.equals(r.key())).toList();
            assertThat(dead).hasSize(3);
            assertThat(dead).anySatisfy(r -> {
                assertThat(r.value()).contains("this is not JSON " + taskId);
                assertThat(TestKafka.header(r, "dead-letter-reason")).isNotBlank();
            });
            assertThat(dead).anySatisfy(r -> {
                assertThat(r.value()).contains(taskId + "-9");
                assertThat(TestKafka.header(r, "dead-letter-reason")).contains("command");
            });
            assertThat(dead).anySatisfy(r -> assertThat(TestKafka.header(r, "dead-letter-topic"))
                    .isEqualTo(Events.TOPIC_TASK_FINISHED));
        });
        assertThat(finished(taskId + "-9")).isEmpty();
    }

    @Test
    void unknownExecutionsAre404() {
        given().get("/api/v1/executions/{id}", "nope-1").then().statusCode(404);
        given().get("/api/v1/executions/{id}/log", "nope-1").then().statusCode(404);
        given().post("/api/v1/executions/{id}/stop", "nope-1").then().statusCode(404);
    }

    @Test
    void healthAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("\"executor\""))
                .body(containsString("Reactive PostgreSQL")).body(containsString("SmallRye Reactive Messaging"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/executions/{id}/log"));
    }
}
