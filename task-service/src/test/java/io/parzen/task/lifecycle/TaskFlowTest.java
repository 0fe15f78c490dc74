package io.parzen.task.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.SuggestionsExhausted;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskFinished;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.Simulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole life of tasks against a real broker and database: optimizer and executor are played by
 * a plain Kafka producer; TaskCreated and TaskFinished are read back from their topics.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class TaskFlowTest {

    /** Called first by {@link #warmUp()}: it creates a task, and the port is known once a test runs. */
    static void actAsAnOperatorOfTheDefaultProject() {
        io.parzen.auth.testing.DefaultToken.use(io.parzen.auth.testing.TestTokens.operator());
    }

    @org.junit.jupiter.api.AfterEach
    void forgetTheToken() {
        io.parzen.auth.testing.DefaultToken.clear();
    }

    static KafkaSupport kafka;

    static boolean warm;

    @Inject
    TaskTransitions transitions;

    @BeforeAll
    static void connect() {
        kafka = new KafkaSupport();
    }

    /**
     * The first assignment of the service's consumer group on a fresh broker takes a while: wait for
     * it once (RestAssured knows the test port only from the first test on) so that each test's own
     * waits stay short.
     */
    @BeforeEach
    void warmUp() {
        actAsAnOperatorOfTheDefaultProject();
        if (warm) {
            return;
        }
        String id = createTask(", \"maxExecutions\": 1");
        kafka.send(new Simulator(id).suggestion(1, 1, Map.of("x", 0.5)));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> "started".equals(task(id).getString("status")));
        warm = true;
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    static String createTask(String extra) {
        String body = """
                {"name": "flow", "type": "random_search", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "target": {"metric": "acc", "value": 1.0} %s}
                """.formatted(extra);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/tasks")
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath task(String id) {
        return given().get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitTask(String id, Predicate<JsonPath> condition) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = task(id);
            return condition.test(last[0]);
        });
        return last[0];
    }

    static List<TaskFinished> finishedEvents(String id) {
        return kafka.records(Events.TOPIC_TASK_FINISHED, id).stream()
                .map(r -> KafkaSupport.read(r.value(), TaskFinished.class)).toList();
    }

    static TaskFinished awaitTaskFinished(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !finishedEvents(id).isEmpty());
        return finishedEvents(id).get(0);
    }

    /** Runs execution seq to the end through the executor's events. */
    static void run(Simulator sim, int seq, int batch, String status, double acc) {
        kafka.send(sim.suggestion(seq, batch, Map.of("x", seq / 10.0)));
        kafka.send(sim.started(seq));
        kafka.send(sim.metric(seq, 1, Map.of("acc", acc / 2, "epoch", 1)));
        kafka.send(sim.finished(seq, status, Map.of("acc", acc, "epoch", 2)));
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void createEmitsTaskCreatedKeyedByTaskIdWithCloudEventsHeaders() {
        String id = createTask(", \"maxExecutions\": 3, \"batchSize\": 3");
        await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.records(Events.TOPIC_TASK_CREATED, id).isEmpty());
        ConsumerRecord<String, String> record = kafka.records(Events.TOPIC_TASK_CREATED, id).get(0);
        TaskCreated created = KafkaSupport.read(record.value(), TaskCreated.class);
        assertThat(created.taskId()).isEqualTo(id);
        assertThat(created.task().maxExecutions()).isEqualTo(3);
        assertThat(created.task().parameters()).hasSize(1);
        assertThat(header(record, Events.CE_ID)).isEqualTo(created.eventId());
        assertThat(header(record, Events.CE_TYPE)).isEqualTo("io.parzen.TaskCreated.v1");
        assertThat(header(record, Events.CE_SOURCE)).isEqualTo("/parzen/task-service");
        assertThat(header(record, Events.CE_TIME)).isNotBlank();
        assertThat(kafka.records(Events.TOPIC_TASK_CREATED, id)).hasSize(1);
    }

    @Test
    void completesAfterMaxExecutionsOnceAndIgnoresDuplicates() throws Exception {
        String id = createTask(", \"maxExecutions\": 4, \"batchSize\": 2");
        Simulator sim = new Simulator(id);
        kafka.send(sim.suggestion(1, 1, Map.of("x", 0.1)));
        awaitTask(id, t -> "started".equals(t.getString("status")) && t.getInt("statusSummary.queued") == 1);
        run(sim, 1, 1, "complete", 0.7);
        run(sim, 2, 1, "complete", 0.9);
        run(sim, 3, 2, "complete", 0.8);
        JsonPath mid = awaitTask(id, t -> t.getInt("statusSummary.complete") == 3);
        assertThat(mid.getString("status")).isEqualTo("started");
        assertThat(mid.getString("best.executionId")).isEqualTo(Events.executionId(id, 2));
        run(sim, 4, 2, "complete", 0.95);
        JsonPath done = awaitTask(id, t -> "complete".equals(t.getString("status")));
        assertThat(done.getString("statusReason")).isEqualTo("max-executions-reached");
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(done.getString("best.executionId")).isEqualTo(Events.executionId(id, 4));
        assertThat(done.getDouble("best.value")).isEqualTo(0.95);
        assertThat(done.getInt("statusSummary.complete")).isEqualTo(4);

        TaskFinished finished = awaitTaskFinished(id);
        assertThat(finished.status()).isEqualTo("complete");
        assertThat(finished.reason()).isEqualTo("max-executions-reached");

        // every event again, plus a finish of #1 with other metrics: nothing changes
        run(sim, 1, 1, "error", 0.1);
        run(sim, 2, 1, "complete", 0.9);
        kafka.send(sim.metric(4, 1, Map.of("acc", 0.01)));
        // a late execution after the end is still recorded; its events come last on each partition
        run(sim, 5, 3, "complete", 0.5);
        await().atMost(Duration.ofSeconds(30)).until(() -> task(id).getInt("statusSummary.complete") == 5);

        List<Map<String, Object>> executions = given().get("/api/v1/tasks/" + id + "/executions")
                .then().statusCode(200).extract().jsonPath().getList("");
        assertThat(executions).extracting(e -> e.get("seq")).containsExactly(1, 2, 3, 4, 5);
        Map<String, Object> first = executions.get(0);
        assertThat(first.get("status")).isEqualTo("complete");
        assertThat(first.get("source")).isEqualTo("random");
        assertThat(first.get("exitCode")).isEqualTo(0);
        assertThat(first.get("batch")).isEqualTo(1);
        assertThat((Map<String, Object>) first.get("metrics")).containsEntry("acc", 0.7f).containsEntry("epoch", 2);
        assertThat((Map<String, Object>) first.get("parameters")).containsEntry("x", 0.1f);
        assertThat(first.get("startedAt")).isNotNull();
        assertThat((Map<String, Object>) executions.get(3).get("metrics")).containsEntry("acc", 0.95f);
        JsonPath after = task(id);
        assertThat(after.getString("status")).isEqualTo("complete");
        assertThat(after.getString("statusReason")).isEqualTo("max-executions-reached");
        Thread.sleep(2500); // the outbox publishes every second: a second TaskFinished would show by now
        assertThat(finishedEvents(id)).hasSize(1);
    }

    @Test
    void toleratesAFinishBeforeTheSuggestion() {
        String id = createTask(", \"maxExecutions\": 5, \"batchSize\": 5");
        Simulator sim = new Simulator(id);
        kafka.send(sim.finished(2, "complete", Map.of("acc", 0.5)));
        awaitTask(id, t -> t.getInt("statusSummary.complete") == 1);
        kafka.send(sim.started(2));
        kafka.send(sim.suggestion(2, 1, Map.of("x", 0.3)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> list = given().get("/api/v1/tasks/" + id + "/executions").then()
                    .extract().jsonPath().getList("");
            return list.size() == 1 && "complete".equals(list.get(0).get("status"))
                    && ((Map<?, ?>) list.get(0).get("parameters")).containsKey("x");
        });
    }

    @Test
    void earlyStoppingStopsTheTask() {
        String id = createTask(", \"maxExecutions\": 10, \"batchSize\": 2, \"earlyStopping\": \"acc > 0.95\"");
        Simulator sim = new Simulator(id);
        run(sim, 1, 1, "complete", 0.9);
        kafka.send(sim.suggestion(2, 1, Map.of("x", 0.5)));
        kafka.send(sim.started(2));
        kafka.send(sim.metric(2, 1, Map.of("acc", 0.97)));
        // stopping at once, TaskFinished at once; #2 shows stopping until the executor reports it
        JsonPath t = awaitTask(id, j -> "stopping".equals(j.getString("status")));
        assertThat(t.getString("statusReason")).isEqualTo("early-stopping");
        assertThat(t.getString("finishedAt")).isNull();
        assertThat(t.getInt("statusSummary.stopping")).isEqualTo(1);
        assertThat(t.getInt("statusSummary.started")).isZero();
        TaskFinished finished = awaitTaskFinished(id);
        assertThat(finished.status()).isEqualTo("stopped");
        assertThat(finished.reason()).isEqualTo("early-stopping");
        kafka.send(sim.finished(2, "stopped", Map.of("acc", 0.97)));
        JsonPath done = awaitTask(id, j -> "stopped".equals(j.getString("status")));
        assertThat(done.getString("statusReason")).isEqualTo("early-stopping");
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(done.getInt("statusSummary.stopped")).isEqualTo(1);
        assertThat(finishedEvents(id)).hasSize(1);
    }

    @Test
    void userStopGoesThroughStoppingUntilTheExecutionsHaveEnded() throws Exception {
        String id = createTask(", \"maxExecutions\": 10, \"batchSize\": 3");
        Simulator sim = new Simulator(id);
        run(sim, 1, 1, "complete", 0.5);
        kafka.send(sim.suggestion(2, 1, Map.of("x", 0.2)));
        kafka.send(sim.started(2));
        kafka.send(sim.suggestion(3, 1, Map.of("x", 0.3)));
        awaitTask(id, t -> t.getInt("statusSummary.complete") == 1 && t.getInt("statusSummary.started") == 1
                && t.getInt("statusSummary.queued") == 1);

        JsonPath stopping = given().post("/api/v1/tasks/" + id + "/stop").then().statusCode(202)
                .extract().jsonPath();
        assertThat(stopping.getString("status")).isEqualTo("stopping");
        assertThat(stopping.getString("statusReason")).isEqualTo("user-stopped");
        assertThat(stopping.getString("finishedAt")).isNull();
        assertThat(stopping.getInt("statusSummary.stopping")).isEqualTo(2);
        assertThat(stopping.getInt("statusSummary.queued") + stopping.getInt("statusSummary.started")).isZero();
        // TaskFinished goes out at once, so that the executors stop the processes
        TaskFinished finished = awaitTaskFinished(id);
        assertThat(finished.status()).isEqualTo("stopped");
        assertThat(finished.reason()).isEqualTo("user-stopped");
        List<Map<String, Object>> executions = given().get("/api/v1/tasks/" + id + "/executions")
                .then().statusCode(200).extract().jsonPath().getList("");
        assertThat(executions).extracting(e -> e.get("status")).containsExactly("complete", "stopping", "stopping");

        // a start after the stop does not make #3 started again; a second stop changes nothing
        kafka.send(sim.started(3));
        kafka.send(sim.metric(3, 1, Map.of("acc", 0.1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/tasks/" + id + "/executions")
                .then().extract().jsonPath().getMap("[2].metrics").containsKey("acc"));
        given().post("/api/v1/tasks/" + id + "/stop").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("stopping"))
                .body("statusSummary.stopping", org.hamcrest.Matchers.equalTo(2));

        kafka.send(sim.finished(2, "stopped", Map.of("acc", 0.2)));
        awaitTask(id, t -> t.getInt("statusSummary.stopped") == 1);
        assertThat(task(id).getString("status")).isEqualTo("stopping");
        kafka.send(sim.finished(3, "stopped", Map.of("acc", 0.3)));
        JsonPath done = awaitTask(id, t -> "stopped".equals(t.getString("status")));
        assertThat(done.getString("statusReason")).isEqualTo("user-stopped");
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(done.getInt("statusSummary.stopped")).isEqualTo(2);
        assertThat(done.getInt("statusSummary.stopping")).isZero();
        given().post("/api/v1/tasks/" + id + "/stop").then().statusCode(409);
        Thread.sleep(2500); // the outbox publishes every second: a second TaskFinished would show by now
        assertThat(finishedEvents(id)).hasSize(1);
    }

    @Test
    void aStoppingTaskWithNoMoreEventsIsStoppedAfterTheTimeout() throws Throwable {
        String id = createTask(", \"maxExecutions\": 10, \"batchSize\": 2");
        Simulator sim = new Simulator(id);
        kafka.send(sim.suggestion(1, 1, Map.of("x", 0.1)));
        kafka.send(sim.started(1));
        awaitTask(id, t -> t.getInt("statusSummary.started") == 1);
        given().post("/api/v1/tasks/" + id + "/stop").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("stopping"));
        // within the timeout nothing happens
        VertxContextSupport.subscribeAndAwait(() -> transitions.expireStopping(Instant.now()));
        assertThat(task(id).getString("status")).isEqualTo("stopping");
        // the executor never reports #1: past the timeout the sweep stops the task
        VertxContextSupport.subscribeAndAwait(() -> transitions.expireStopping(Instant.now().plusSeconds(61)));
        JsonPath t = task(id);
        assertThat(t.getString("status")).isEqualTo("stopped");
        assertThat(t.getString("statusReason")).isEqualTo("user-stopped");
        assertThat(t.getString("finishedAt")).isNotNull();
        Map<String, Object> first = given().get("/api/v1/tasks/" + id + "/executions").then().statusCode(200)
                .extract().jsonPath().getMap("[0]");
        assertThat(first.get("status")).isEqualTo("stopped");
        assertThat(first.get("statusReason")).isEqualTo("stopping-timeout");
        // a finish that still arrives replaces the made-up one, and changes nothing else
        kafka.send(sim.finished(1, "complete", Map.of("acc", 0.4)));
        await().atMost(Duration.ofSeconds(30)).until(() -> task(id).getInt("statusSummary.complete") == 1);
        assertThat(task(id).getString("status")).isEqualTo("stopped");
        assertThat(awaitTaskFinished(id).reason()).isEqualTo("user-stopped");
        Thread.sleep(2500); // the outbox publishes every second: a second TaskFinished would show by now
        assertThat(finishedEvents(id)).hasSize(1);
    }

    @Test
    void executionsPerSourceAreCounted() {
        String id = createTask(", \"maxExecutions\": 10, \"batchSize\": 5");
        Simulator sim = new Simulator(id);
        kafka.send(sim.suggestion(1, 1, Map.of("x", 0.1), "random"));
        kafka.send(sim.suggestion(2, 1, Map.of("x", 0.2), "random"));
        kafka.send(sim.suggestion(3, 1, Map.of("x", 0.3), "model"));
        kafka.send(sim.finished(4, "complete", Map.of("acc", 0.5))); // its suggestion is not seen yet
        JsonPath t = awaitTask(id, j -> j.getInt("statusSummary.queued") == 3 && j.getInt("statusSummary.complete") == 1);
        assertThat(t.getInt("sourceSummary.random")).isEqualTo(2);
        assertThat(t.getInt("sourceSummary.model")).isEqualTo(1);
        assertThat(t.getInt("sourceSummary.grid")).isZero();
        assertThat(t.getInt("sourceSummary.manual")).isZero();
        assertThat(t.getInt("sourceSummary.unknown")).isEqualTo(1);
        kafka.send(sim.suggestion(4, 1, Map.of("x", 0.4), "model"));
        JsonPath after = awaitTask(id, j -> j.getInt("sourceSummary.model") == 2);
        assertThat(after.getMap("sourceSummary")).doesNotContainKey("unknown");
    }

    @Test
    void taskCreatedCarriesQueueCapTimeLimitBatchingAndTheNormalizedNames() {
        String body = """
                {"name": "carried", "type": "Bayesian-TPE", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "target": {"metric": "acc", "value": 1.0}, "maxExecutions": 12, "batchSize": 4,
                 "maximumQueuedExecutions": 2, "timeLimitSeconds": 90, "batching": "Asynchronous",
                 "onChildError": "STOP_ALL_AND_ERROR", "stopCondition": "acc > 0.99"}
                """;
        String id = given().contentType(ContentType.JSON).body(body).post("/api/v1/tasks")
                .then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.records(Events.TOPIC_TASK_CREATED, id).isEmpty());
        TaskCreated created = KafkaSupport.read(kafka.records(Events.TOPIC_TASK_CREATED, id).get(0).value(),
                TaskCreated.class);
        assertThat(created.task().type()).isEqualTo("bayesian_tpe");
        assertThat(created.task().maximumQueuedExecutions()).isEqualTo(2);
        assertThat(created.task().timeLimitSeconds()).isEqualTo(90L);
        assertThat(created.task().batching()).isEqualTo("asynchronous");
        assertThat(created.task().onChildError()).isEqualTo("stop-all-and-error");
        assertThat(created.task().earlyStopping()).isEqualTo("acc > 0.99");
    }

    @Test
    void userStopEndsTheTaskOnceAndThenConflicts() {
        String id = createTask(", \"maxExecutions\": 10, \"batchSize\": 2");
        given().post("/api/v1/tasks/" + id + "/stop").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("stopped"))
                .body("statusReason", org.hamcrest.Matchers.equalTo("user-stopped"));
        given().post("/api/v1/tasks/" + id + "/stop").then().statusCode(409)
                .body("message", org.hamcrest.Matchers.containsString("already ended"));
        TaskFinished finished = awaitTaskFinished(id);
        assertThat(finished.status()).isEqualTo("stopped");
        assertThat(finished.reason()).isEqualTo("user-stopped");
        // executions that end afterwards are recorded but change nothing
        run(new Simulator(id), 1, 1, "error", 0);
        awaitTask(id, t -> t.getInt("statusSummary.error") == 1);
        assertThat(task(id).getString("status")).isEqualTo("stopped");
    }

    @Test
    void aWholeFailedFirstBatchEndsTheTaskAtOnce() {
        String id = createTask(", \"maxExecutions\": 6, \"batchSize\": 2, \"onChildError\": \"continue-and-complete\"");
        Simulator sim = new Simulator(id);
        run(sim, 1, 1, "error", 0);
        awaitTask(id, t -> t.getInt("statusSummary.error") == 1);
        assertThat(task(id).getString("status")).isEqualTo("started");
        run(sim, 2, 1, "crashed", 0);
        JsonPath t = awaitTask(id, j -> "error".equals(j.getString("status")));
        assertThat(t.getString("statusReason")).isEqualTo("first-batch-failed");
        assertThat(awaitTaskFinished(id).reason()).isEqualTo("first-batch-failed");
    }

    @Test
    void stopAllAndErrorEndsAtTheFirstChildError() {
        String id = createTask(", \"maxExecutions\": 6, \"batchSize\": 2, \"onChildError\": \"stop-all-and-error\"");
        Simulator sim = new Simulator(id);
        run(sim, 1, 1, "complete", 0.5);
        run(sim, 2, 1, "error", 0);
        JsonPath t = awaitTask(id, j -> "error".equals(j.getString("status")));
        assertThat(t.getString("statusReason")).isEqualTo("child-error");
        TaskFinished finished = awaitTaskFinished(id);
        assertThat(finished.status()).isEqualTo("error");
        assertThat(finished.reason()).isEqualTo("child-error");
    }

    @Test
    void continueAndErrorRunsOnButEndsInError() {
        String id = createTask(", \"maxExecutions\": 3, \"batchSize\": 1");
        Simulator sim = new Simulator(id);
        run(sim, 1, 1, "complete", 0.5);
        run(sim, 2, 2, "error", 0);
        awaitTask(id, t -> t.getInt("statusSummary.error") == 1);
        assertThat(task(id).getString("status")).isEqualTo("started");
        run(sim, 3, 3, "complete", 0.6);
        JsonPath t = awaitTask(id, j -> "error".equals(j.getString("status")));
        assertThat(t.getString("statusReason")).isEqualTo("child-error");
    }

    @Test
    void exhaustedSpaceCompletesWhenTheIssuedExecutionsHaveFinished() {
        String id = createTask(", \"maxExecutions\": 10, \"batchSize\": 2");
        Simulator sim = new Simulator(id);
        run(sim, 1, 1, "complete", 0.5);
        kafka.send(SuggestionsExhausted.of(id, 2, "space-exhausted"));
        kafka.send(sim.suggestion(2, 1, Map.of("x", 0.2)));
        awaitTask(id, t -> t.getInt("statusSummary.queued") == 1);
        assertThat(task(id).getString("status")).isEqualTo("started");
        kafka.send(sim.finished(2, "complete", Map.of("acc", 0.6)));
        JsonPath t = awaitTask(id, j -> "complete".equals(j.getString("status")));
        assertThat(t.getString("statusReason")).isEqualTo("space-exhausted");
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String id = createTask(", \"maxExecutions\": 5, \"batchSize\": 5");
        kafka.sendRaw(Events.TOPIC_EXECUTION_FINISHED, "garbage-" + id, "{this is not json");
        kafka.sendRaw(Events.TOPIC_EXECUTION_FINISHED, "invalid-" + id,
                "{\"eventId\": \"e1\", \"taskId\": \"" + id + "\", \"executionId\": \"" + id + "-9\", \"status\": \"exploded\"}");
        Simulator sim = new Simulator(id);
        run(sim, 1, 1, "complete", 0.5);
        awaitTask(id, t -> t.getInt("statusSummary.complete") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !kafka.records("parzen.dead-letter.task-service", "garbage-" + id).isEmpty()
                        && !kafka.records("parzen.dead-letter.task-service", "invalid-" + id).isEmpty());
        ConsumerRecord<String, String> dead = kafka.records("parzen.dead-letter.task-service", "garbage-" + id).get(0);
        assertThat(dead.value()).isEqualTo("{this is not json");
        assertThat(header(dead, "dead-letter-reason")).isNotBlank();
        assertThat(header(kafka.records("parzen.dead-letter.task-service", "invalid-" + id).get(0),
                "dead-letter-reason")).contains("exploded");
        // an event of an unknown task is valid: skipped, not dead-lettered
        kafka.send(new Simulator("no-such-task").finished(1, "complete", Map.of()));
    }
}
