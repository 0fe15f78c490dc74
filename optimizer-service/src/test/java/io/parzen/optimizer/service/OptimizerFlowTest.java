package io.parzen.optimizer.service;

import static io.parzen.optimizer.service.support.KafkaTestClient.DEAD_LETTER_TOPIC;
import static io.parzen.optimizer.service.support.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ParameterSpec;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.SuggestionsExhausted;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskFinished;
import io.parzen.events.TaskSpec;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.service.support.FlowTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Black-box tests of optimizer-service with a real Kafka broker and a real PostgreSQL: events go in
 * with a plain producer, suggestions come out on a plain consumer, and the study is read over REST.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class OptimizerFlowTest extends FlowTest {

    private static final String SR = Events.TOPIC_SUGGESTION_REQUESTED;
    private static final String EXHAUSTED = Events.TOPIC_SUGGESTIONS_EXHAUSTED;
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final List<Object> OPTIMIZERS = List.of("adam", "sgd", "rmsprop");

    @Inject
    Pool pool;

    @Test
    void randomSearchIssuesSynchronousBatchesUpToTheMaximum() throws Exception {
        String taskId = newTaskId("random");
        TaskAccepted created = TaskAccepted.of(taskId, randomSpec(6, 3, null, null, null));
        kafka.send(created);

        List<ConsumerRecord<String, String>> first = kafka.awaitRecords(SR, taskId, 3);
        List<SuggestionRequested> batch1 = suggestions(first);
        assertThat(batch1).extracting(SuggestionRequested::seq).containsExactly(1, 2, 3);
        assertThat(batch1).extracting(SuggestionRequested::batch).containsOnly(1);
        assertThat(batch1).extracting(SuggestionRequested::executionId)
                .containsExactly(Events.executionId(taskId, 1), Events.executionId(taskId, 2),
                        Events.executionId(taskId, 3));
        for (ConsumerRecord<String, String> r : first) {
            assertValidSuggestion(r, taskId);
        }

        // duplicate TaskCreated, two results, and a duplicate of the first result: no new batch
        kafka.send(created);
        kafka.send(TaskAccepted.of(taskId, created.task()));
        kafka.send(finished(taskId, 1, "complete", Map.of("accuracy", 0.70)));
        kafka.send(finished(taskId, 2, "complete", Map.of("accuracy", 0.80)));
        kafka.send(finished(taskId, 1, "complete", Map.of("accuracy", 0.99)));
        awaitTrialStates(taskId, "complete", "complete", "pending");
        kafka.assertStays(SR, taskId, 3, QUIET);
        assertThat(study(taskId).getDouble("trials[0].metricValue")).isEqualTo(0.70);

        // the batch is complete: exactly the next 3
        kafka.send(finished(taskId, 3, "complete", Map.of("accuracy", 0.75)));
        List<SuggestionRequested> batch2 = suggestions(kafka.awaitRecords(SR, taskId, 6)).subList(3, 6);
        assertThat(batch2).extracting(SuggestionRequested::seq).containsExactly(4, 5, 6);
        assertThat(batch2).extracting(SuggestionRequested::batch).containsOnly(2);
        Set<String> ids = new HashSet<>();
        suggestions(kafka.records(SR, taskId)).forEach(s -> ids.add(s.executionId()));
        assertThat(ids).hasSize(6);
        for (ConsumerRecord<String, String> r : kafka.records(SR, taskId)) {
            assertValidSuggestion(r, taskId);
        }

        // the maximum is reached: results are recorded, nothing more is suggested
        kafka.send(finished(taskId, 4, "complete", Map.of("accuracy", 0.90)));
        kafka.send(finished(taskId, 5, "error", Map.of("accuracy", 0.95)));
        kafka.send(finished(taskId, 6, "complete", Map.of("loss", 0.1)));
        awaitTrialStates(taskId, "complete", "complete", "complete", "complete", "failed", "failed");
        kafka.assertStays(SR, taskId, 6, QUIET);
        assertThat(kafka.records(EXHAUSTED, taskId)).isEmpty();

        JsonPath study = study(taskId);
        assertThat(study.getString("status")).isEqualTo("active");
        assertThat(study.getString("engine")).isEqualTo("random");
        assertThat(study.getInt("issued")).isEqualTo(6);
        assertThat(study.getInt("batch")).isEqualTo(2);
        assertThat(study.getInt("best.seq")).isEqualTo(4);
        assertThat(study.getDouble("best.loss")).isEqualTo(-0.90);
        assertThat(study.getString("trials[4].loss")).as("a failed trial has no loss").isNull();
        assertThat(study.getString("trials[5].loss")).as("a missing metric is no loss").isNull();
        assertThat(study.getString("trials[0].source")).isEqualTo("random");
    }

    @Test
    void aTaskCreatedAloneStartsNoStudyTheTaskAcceptedOfTaskServiceDoes() throws Exception {
        // a platform's TaskCreated is task-service's to accept or reject (docs/decisions/0019)
        String taskId = newTaskId("not-accepted");
        TaskSpec spec = randomSpec(2, 2, null, null, null);
        kafka.send(TaskCreated.of(taskId, spec));
        kafka.assertStays(SR, taskId, 0, java.time.Duration.ofSeconds(3));
        assertThat(kafka.records(DEAD_LETTER_TOPIC, taskId)).isEmpty();

        kafka.send(TaskAccepted.of(taskId, spec));
        assertThat(suggestions(kafka.awaitRecords(SR, taskId, 2))).extracting(SuggestionRequested::seq)
                .containsExactly(1, 2);
    }

    @Test
    void invalidRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        String garbageKey = newTaskId("garbage");
        kafka.sendRaw(Events.TOPIC_TASK_ACCEPTED, garbageKey, "this is {not json");
        kafka.sendRaw(Events.TOPIC_EXECUTION_FINISHED, garbageKey, "{\"eventId\":\"e\",\"schemaVersion\":1}");
        String invalidTask = newTaskId("invalid");
        kafka.send(TaskAccepted.of(invalidTask, spec("random_search",
                List.of(ParameterSpec.of("lr", "uniform", 1.0, 0.5, null, null)), 4, 2, null, null, null)));
        String taskId = newTaskId("after-garbage");
        kafka.send(TaskAccepted.of(taskId, randomSpec(2, 2, null, null, null)));

        kafka.awaitRecords(SR, taskId, 2);
        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(DEAD_LETTER_TOPIC, garbageKey, 2);
        assertThat(dead).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("this is {not json", "{\"eventId\":\"e\",\"schemaVersion\":1}");
        assertThat(dead).allSatisfy(r -> assertThat(header(r, "dead-letter-reason")).isNotBlank());

        ConsumerRecord<String, String> invalid = kafka.awaitRecords(DEAD_LETTER_TOPIC, invalidTask, 1).get(0);
        assertThat(header(invalid, "dead-letter-reason")).contains("lr");
        SuggestionsExhausted exhausted = Events.mapper().readValue(
                kafka.awaitRecords(EXHAUSTED, invalidTask, 1).get(0).value(), SuggestionsExhausted.class);
        assertThat(exhausted.issued()).isZero();
        assertThat(exhausted.reason()).isEqualTo("invalid-spec");
        assertThat(kafka.records(SR, invalidTask)).isEmpty();
        assertThat(study(invalidTask).getString("status")).isEqualTo("invalid");
        given().get("/api/v1/studies/{id}", newTaskId("unknown")).then().statusCode(404);
    }

    @Test
    void taskFinishedStopsSuggestions() throws Exception {
        String taskId = newTaskId("finished");
        kafka.send(TaskAccepted.of(taskId, randomSpec(6, 2, null, null, null)));
        kafka.awaitRecords(SR, taskId, 2);
        kafka.send(TaskFinished.of(taskId, "stopped", "user-stopped"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "finished".equals(study(taskId).getString("status")));
        kafka.send(finished(taskId, 1, "complete", Map.of("accuracy", 0.5)));
        kafka.send(finished(taskId, 2, "stopped", Map.of()));

        // a TaskFinished that overtakes its TaskCreated: the task never starts
        String early = newTaskId("finished-early");
        kafka.send(TaskFinished.of(early, "stopped", "user-stopped"));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/v1/studies/{id}", early).statusCode() == 200);
        kafka.send(TaskAccepted.of(early, randomSpec(6, 2, null, null, null)));

        awaitTrialStates(taskId, "complete", "failed");
        kafka.assertStays(SR, taskId, 2, QUIET);
        assertThat(kafka.records(SR, early)).isEmpty();
        assertThat(study(taskId).getString("finishedReason")).isEqualTo("user-stopped");
        assertThat(study(early).getString("status")).isEqualTo("finished");
    }

    @Test
    void asynchronousBatchingRefillsEachFreeSlotUpToTheQueueCap() throws Exception {
        String taskId = newTaskId("async");
        kafka.send(TaskAccepted.of(taskId, randomSpec(4, 3, "asynchronous", 2, null)));
        kafka.awaitRecords(SR, taskId, 2);
        kafka.send(finished(taskId, 1, "complete", Map.of("accuracy", 0.5)));
        assertThat(suggestions(kafka.awaitRecords(SR, taskId, 3)).get(2).seq()).isEqualTo(3);
        kafka.send(finished(taskId, 2, "crashed", Map.of()));
        assertThat(suggestions(kafka.awaitRecords(SR, taskId, 4)).get(3).seq()).isEqualTo(4);
        kafka.send(finished(taskId, 3, "complete", Map.of("accuracy", 0.6)));
        awaitTrialStates(taskId, "complete", "failed", "complete", "pending");
        kafka.assertStays(SR, taskId, 4, QUIET);
    }

    @Test
    void theSameSeedGivesTheSameSuggestions() throws Exception {
        String a = newTaskId("seed-a");
        String b = newTaskId("seed-b");
        kafka.send(TaskAccepted.of(a, randomSpec(3, 3, null, null, 1234L)));
        kafka.send(TaskAccepted.of(b, randomSpec(3, 3, null, null, 1234L)));
        List<Map<String, Object>> pa = suggestions(kafka.awaitRecords(SR, a, 3)).stream()
                .map(SuggestionRequested::parameters).toList();
        List<Map<String, Object>> pb = suggestions(kafka.awaitRecords(SR, b, 3)).stream()
                .map(SuggestionRequested::parameters).toList();
        assertThat(pa).isEqualTo(pb);
        assertThat(new HashSet<>(pa)).hasSize(3);
    }

    @Test
    void finiteSpacesEndWithSuggestionsExhaustedOnce() throws Exception {
        String grid = newTaskId("grid");
        kafka.send(TaskAccepted.of(grid, spec("grid_search", List.of(
                new ParameterSpec("units", null, null, null, null, null, "multiple",
                        Map.of("items", List.of(16, 32, 64)), null)), 10, 2, null, null, null)));
        List<SuggestionRequested> first = suggestions(kafka.awaitRecords(SR, grid, 2));
        assertThat(first).extracting(SuggestionRequested::source).containsOnly("grid");
        kafka.send(finished(grid, 1, "complete", Map.of("accuracy", 0.5)));
        kafka.send(finished(grid, 2, "complete", Map.of("accuracy", 0.6)));
        List<SuggestionRequested> all = suggestions(kafka.awaitRecords(SR, grid, 3));
        assertThat(all).extracting(s -> ((Number) s.parameters().get("units")).intValue())
                .containsExactlyInAnyOrder(16, 32, 64);
        SuggestionsExhausted exhausted = Events.mapper().readValue(
                kafka.awaitRecords(EXHAUSTED, grid, 1).get(0).value(), SuggestionsExhausted.class);
        assertThat(exhausted.issued()).isEqualTo(3);
        assertThat(exhausted.reason()).isEqualTo("grid-exhausted");

        String manual = newTaskId("manual");
        kafka.send(TaskAccepted.of(manual, new TaskSpec("manual", "manual_search", null, "python train.py {parameters}",
                ".", null, List.of(Map.of("lr", 0.1, "units", 16), Map.of("lr", 0.01, "units", 32)), 5, 5, null,
                null, null, null, null, null, null, null)));
        List<SuggestionRequested> sets = suggestions(kafka.awaitRecords(SR, manual, 2));
        assertThat(sets).extracting(SuggestionRequested::source).containsOnly("manual");
        assertThat(sets.get(1).parameters()).containsEntry("units", 32);
        assertThat(Events.mapper().readValue(kafka.awaitRecords(EXHAUSTED, manual, 1).get(0).value(),
                SuggestionsExhausted.class).issued()).isEqualTo(2);

        kafka.send(finished(grid, 3, "complete", Map.of("accuracy", 0.7)));
        awaitTrialStates(grid, "complete", "complete", "complete");
        kafka.assertStays(EXHAUSTED, grid, 1, QUIET);
        assertThat(kafka.records(SR, grid)).hasSize(3);
        assertThat(study(grid).getBoolean("exhausted")).isTrue();
    }

    @Test
    void aCommandListAndInputsReachEverySuggestion() throws Exception {
        String taskId = newTaskId("commands");
        List<String> commands = List.of("pip install -r requirements.txt", "python train.py {parameters}");
        Map<String, List<String>> inputs = Map.of("dataset", List.of("https://example.com/d.csv", "file:///tmp/l.csv"));
        TaskSpec spec = new TaskSpec("list", "manual_search", null, null, ".", null,
                List.of(Map.of("lr", 0.1), Map.of("lr", 0.01)), 2, 2, null, null, null, null, null, null, null, null, null, null,
                commands, inputs);
        kafka.send(TaskAccepted.of(taskId, spec));
        List<SuggestionRequested> sent = suggestions(kafka.awaitRecords(SR, taskId, 2));
        for (SuggestionRequested s : sent) {
            assertThat(s.command()).isNull();
            assertThat(s.commands()).isEqualTo(commands);
            assertThat(s.inputs()).isEqualTo(inputs);
        }
    }

    @Test
    void bayesianTaskSmokeTest() throws Exception {
        String engine = availableModelEngine();
        Assumptions.assumeTrue(engine != null, "no model-based engine is implemented in the core yet");
        String taskId = newTaskId("bayes");
        TaskSpec spec = new TaskSpec("bayes", "bayesian_tpe", engine, "python train.py {parameters}", ".",
                fourKinds(), null, 4, 2, 2, new TargetSpec("accuracy", null, "maximize"), null, 7L, null, null, null,
                null);
        kafka.send(TaskAccepted.of(taskId, spec));
        List<ConsumerRecord<String, String>> first = kafka.awaitRecords(SR, taskId, 2);
        assertThat(suggestions(first)).extracting(SuggestionRequested::source).containsOnly("random");
        kafka.send(finished(taskId, 1, "complete", Map.of("accuracy", 0.6)));
        kafka.send(finished(taskId, 2, "complete", Map.of("accuracy", 0.7)));
        List<ConsumerRecord<String, String>> all = kafka.awaitRecords(SR, taskId, 4);
        assertThat(suggestions(all).subList(2, 4)).extracting(SuggestionRequested::source).containsOnly("model");
        for (ConsumerRecord<String, String> r : all) {
            assertValidSuggestion(r, taskId);
        }
        assertThat(study(taskId).getString("engine")).isEqualTo(engine);
    }

    @Test
    void rowsLeftInTheOutboxByACrashArePublishedLater() throws Exception {
        // what a crash between the commit and the publication leaves behind: an unsent row
        String taskId = newTaskId("crashed-before-publish");
        SuggestionsExhausted event = SuggestionsExhausted.of(taskId, 7, "space-exhausted");
        long id = 2_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);
        pool.preparedQuery("insert into outbox (id, topic, record_key, event_type, payload, headers, created_at) "
                + "values ($1, $2, $3, $4, $5, $6, now())")
                .execute(Tuple.of(id, EXHAUSTED, taskId, "io.parzen.SuggestionsExhausted.v1",
                        Events.mapper().writeValueAsString(event),
                        Events.mapper().writeValueAsString(Events.cloudEventHeaders(event, "/parzen/optimizer-service"))))
                .await().atMost(Duration.ofSeconds(10));

        ConsumerRecord<String, String> record = kafka.awaitRecords(EXHAUSTED, taskId, 1).get(0);
        assertThat(header(record, Events.CE_ID)).isEqualTo(event.eventId());
        assertThat(Events.mapper().readValue(record.value(), SuggestionsExhausted.class).issued()).isEqualTo(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.preparedQuery("select sent_at from outbox where id = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(5)).iterator().next().getValue(0) != null);
    }

    @Test
    void healthChecksKafkaAndTheDatabaseAndOpenApiDescribesTheApi() {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getList("checks.name", String.class))
                .anySatisfy(name -> assertThat(name).containsIgnoringCase("kafka"))
                .anySatisfy(name -> assertThat(name).containsIgnoringCase("PostgreSQL"));
        String openApi = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(openApi).contains("/api/v1/studies/{taskId}").contains("\"Study\"");
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static String availableModelEngine() {
        for (String name : List.of("optuna", "hyperopt", "gp")) {
            try {
                Engines.byName(name, 2);
                return name;
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // not implemented yet
            }
        }
        return null;
    }

    private static String newTaskId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static List<ParameterSpec> fourKinds() {
        return List.of(
                new ParameterSpec("lr", "loguniform", -5.0, -1.0, null, null, null, null, "--learning_rate={value}"),
                ParameterSpec.of("dropout", "uniform", 0.0, 0.5, 0.05, null),
                ParameterSpec.of("layers", "integer", 1.0, 8.0, null, null),
                ParameterSpec.of("optimizer", "categorical", null, null, null, OPTIMIZERS));
    }

    private static TaskSpec randomSpec(int max, int batch, String batching, Integer maxQueued, Long seed) {
        return new TaskSpec("random", "random_search", null, "python train.py {parameters}", "examples", fourKinds(),
                null, max, batch, null, new TargetSpec("accuracy", null, "maximize"), null, seed, batching, null,
                maxQueued, 600L);
    }

    private static TaskSpec spec(String type, List<ParameterSpec> parameters, int max, int batch, String batching,
            Integer maxQueued, Long seed) {
        return new TaskSpec(type, type, null, "python train.py {parameters}", ".", parameters, null, max, batch, null,
                new TargetSpec("accuracy", null, "maximize"), null, seed, batching, null, maxQueued, null);
    }

    private static ExecutionFinished finished(String taskId, int seq, String status, Map<String, Object> metrics) {
        Instant now = Instant.now();
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, now,
                Events.executionId(taskId, seq), seq, status, "complete".equals(status) ? 0 : 1, null, metrics, now,
                now);
    }

    private static void assertValidSuggestion(ConsumerRecord<String, String> record, String taskId) throws Exception {
        SuggestionRequested s = Events.mapper().readValue(record.value(), SuggestionRequested.class);
        JsonNode parameters = Events.mapper().readTree(record.value()).get("parameters");
        assertThat(record.key()).isEqualTo(taskId);
        assertThat(s.taskId()).isEqualTo(taskId);
        assertThat(s.executionId()).isEqualTo(Events.executionId(taskId, s.seq()));
        assertThat(s.command()).isEqualTo("python train.py {parameters}");
        assertThat(s.workingDirectory()).isNotBlank();
        assertThat(s.passAs()).isEqualTo(Map.of("lr", "--learning_rate={value}"));

        double lr = parameters.get("lr").asDouble();
        assertThat(lr).isBetween(1e-5, 1e-1);
        double dropout = parameters.get("dropout").asDouble();
        assertThat(dropout).isBetween(0.0, 0.5);
        assertThat(Math.abs(dropout / 0.05 - Math.rint(dropout / 0.05))).as("dropout on the 0.05 grid").isLessThan(1e-9);
        assertThat(parameters.get("layers").isIntegralNumber()).as("layers is a JSON integer").isTrue();
        assertThat(parameters.get("layers").asLong()).isBetween(1L, 8L);
        assertThat(OPTIMIZERS).contains(parameters.get("optimizer").asText());

        assertThat(header(record, Events.CE_ID)).isEqualTo(s.eventId());
        assertThat(header(record, Events.CE_TYPE)).isEqualTo("io.parzen.SuggestionRequested.v1");
        assertThat(header(record, Events.CE_SOURCE)).isEqualTo("/parzen/optimizer-service");
        assertThat(header(record, Events.CE_SPECVERSION)).isEqualTo("1.0");
        assertThat(header(record, Events.CE_SUBJECT)).isEqualTo(taskId);
        assertThat(Instant.parse(header(record, Events.CE_TIME))).isEqualTo(s.occurredAt());
    }

    private static void awaitTrialStates(String taskId, String... states) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> study(taskId).getList("trials.state", String.class).equals(List.of(states)));
    }
}
