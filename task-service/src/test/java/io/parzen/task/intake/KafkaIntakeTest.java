package io.parzen.task.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskFinished;
import io.parzen.events.TaskRejected;
import io.parzen.events.TaskSpec;
import io.parzen.events.TaskStopRequested;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.OperatorFlowTest;
import io.parzen.task.support.Simulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Tasks and stops from a platform that has only a Kafka client, against a real broker and database:
 * the platform's TaskCreated becomes a task (TaskAccepted) or is answered by TaskRejected and
 * dead-lettered; TaskStopRequested stops a task as the REST stop does.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class KafkaIntakeTest extends OperatorFlowTest {

    static TaskSpec spec(String name, int maxExecutions) {
        return new TaskSpec(name, "random_search", null, "python3 train.py {parameters}", ".",
                List.of(new ParameterSpec("x", "uniform", 0.0, 1.0, null, null, null, null, null)), null, maxExecutions,
                1, null, new TargetSpec("acc", 1.0, null), null, null, null, null, null, null);
    }

    static String newId() {
        return "ext-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static List<ConsumerRecord<String, String>> deadLetters(String id) {
        return kafka.records(KafkaSupport.DEAD_LETTER_TOPIC, id);
    }

    static JsonPath awaitTask(String id, java.util.function.Predicate<JsonPath> condition) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var response = given().get("/api/v1/tasks/" + id);
            if (response.statusCode() != 200) {
                return false;
            }
            last[0] = response.jsonPath();
            return condition.test(last[0]);
        });
        return last[0];
    }

    @Test
    void aValidTaskFromKafkaIsListedAcceptedRunsAndFinishes() {
        String id = newId();
        kafka.send(new TaskCreated(Events.newEventId(), 1, id, java.time.Instant.now(), spec("from kafka", 1), null));

        JsonPath task = awaitTask(id, t -> true);
        assertThat(task.getString("name")).isEqualTo("from kafka");
        assertThat(task.getString("project")).isEqualTo("default");
        assertThat(task.getString("createdBy")).isEqualTo("kafka:" + KafkaSupport.SOURCE);
        List<String> listed = given().get("/api/v1/tasks?size=100").then().statusCode(200).extract().jsonPath()
                .getList("items.id");
        assertThat(listed).contains(id);

        TaskAccepted accepted = KafkaSupport.read(kafka.awaitRecords(Events.TOPIC_TASK_ACCEPTED, id, 1).get(0).value(),
                TaskAccepted.class);
        assertThat(accepted.task().name()).isEqualTo("from kafka");
        assertThat(accepted.project()).isEqualTo("default");
        assertThat(accepted.createdBy()).isEqualTo("kafka:" + KafkaSupport.SOURCE);
        // task-service does not echo a second TaskCreated for the platform's task
        assertThat(kafka.records(Events.TOPIC_TASK_CREATED, id)).hasSize(1);

        Simulator sim = new Simulator(id);
        kafka.send(sim.suggestion(1, 1, Map.of("x", 0.5)));
        kafka.send(sim.started(1));
        kafka.send(sim.finished(1, "complete", Map.of("acc", 0.9)));
        awaitTask(id, t -> "complete".equals(t.getString("status")));
        TaskFinished finished = KafkaSupport.read(kafka.awaitRecords(Events.TOPIC_TASK_FINISHED, id, 1).get(0).value(),
                TaskFinished.class);
        assertThat(finished.status()).isEqualTo("complete");
    }

    @Test
    void anInvalidTaskIsRejectedWithTheRestErrorsDeadLetteredAndNeverAccepted() throws Exception {
        String id = newId();
        TaskSpec bad = spec("bad", 0);
        kafka.send(new TaskCreated(Events.newEventId(), 1, id, java.time.Instant.now(), bad, "Not A Project"));

        TaskRejected rejected = KafkaSupport.read(kafka.awaitRecords(Events.TOPIC_TASK_REJECTED, id, 1).get(0).value(),
                TaskRejected.class);
        assertThat(rejected.errors()).extracting(TaskRejected.FieldError::field).contains("project", "maxExecutions");
        TaskRejected.FieldError max = rejected.errors().stream().filter(e -> e.field().equals("maxExecutions"))
                .findFirst().orElseThrow();
        // the same error a REST 400 gives for the same specification
        String body = Events.mapper().writeValueAsString(bad);
        JsonNode rest = Events.mapper().readTree(given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/tasks").then().statusCode(400).extract().asString());
        JsonNode restMax = null;
        for (JsonNode e : rest.get("errors")) {
            if (e.get("field").asText().equals("maxExecutions")) {
                restMax = e;
            }
        }
        assertThat(restMax).isNotNull();
        assertThat(max.message()).isEqualTo(restMax.get("message").asText());
        assertThat(String.valueOf(max.value())).isEqualTo(restMax.get("value").asText());

        ConsumerRecord<String, String> dead = kafka.awaitRecords(KafkaSupport.DEAD_LETTER_TOPIC, id, 1).get(0);
        assertThat(KafkaSupport.header(dead, "dead-letter-reason")).contains("maxExecutions").contains("project");
        given().get("/api/v1/tasks/" + id).then().statusCode(404);
        kafka.assertStays(Events.TOPIC_TASK_ACCEPTED, id, 0, Duration.ofSeconds(2));
    }

    @Test
    void aTaskWhoseJsonCannotBeReadIsRejectedWhenItsIdCanBeReadAndOnlyDeadLetteredOtherwise() throws Exception {
        String id = newId();
        ObjectNode event = Events.mapper().valueToTree(TaskCreated.of(id, spec("typo", 2)));
        ((ObjectNode) event.get("task")).put("maxExecutions", "many");
        kafka.sendRaw(Events.TOPIC_TASK_CREATED, id, event.toString());
        TaskRejected rejected = KafkaSupport.read(kafka.awaitRecords(Events.TOPIC_TASK_REJECTED, id, 1).get(0).value(),
                TaskRejected.class);
        assertThat(rejected.errors()).extracting(TaskRejected.FieldError::field).containsExactly("maxExecutions");
        kafka.awaitRecords(KafkaSupport.DEAD_LETTER_TOPIC, id, 1);

        String garbage = newId();
        kafka.sendRaw(Events.TOPIC_TASK_CREATED, garbage, "{not json");
        assertThat(KafkaSupport.header(kafka.awaitRecords(KafkaSupport.DEAD_LETTER_TOPIC, garbage, 1).get(0),
                "dead-letter-reason")).contains("not a valid TaskCreated");
        kafka.assertStays(Events.TOPIC_TASK_REJECTED, garbage, 0, Duration.ofSeconds(1));
    }

    @Test
    void aDuplicateTaskCreatedCreatesNothingNew() throws Exception {
        String id = newId();
        kafka.send(TaskCreated.of(id, spec("first", 3)));
        kafka.awaitRecords(Events.TOPIC_TASK_ACCEPTED, id, 1);
        kafka.send(TaskCreated.of(id, spec("second", 5)));
        kafka.send(TaskCreated.of(id, spec("third", 0)));
        kafka.assertStays(Events.TOPIC_TASK_ACCEPTED, id, 1, Duration.ofSeconds(3));
        assertThat(kafka.records(Events.TOPIC_TASK_REJECTED, id)).isEmpty();
        assertThat(deadLetters(id)).isEmpty();
        JsonPath task = given().get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(task.getString("name")).isEqualTo("first");
        assertThat(task.getInt("maxExecutions")).isEqualTo(3);
    }

    @Test
    void aRestTaskIsAcceptedInTheSameTransactionAndItsOwnTaskCreatedIsNotReadAsAnExternalOne() throws Exception {
        String body = Events.mapper().writeValueAsString(spec("rest", 2));
        String id = given().contentType(ContentType.JSON).body(body).post("/api/v1/tasks").then().statusCode(201)
                .extract().path("id");
        kafka.awaitRecords(Events.TOPIC_TASK_CREATED, id, 1);
        TaskAccepted accepted = KafkaSupport.read(kafka.awaitRecords(Events.TOPIC_TASK_ACCEPTED, id, 1).get(0).value(),
                TaskAccepted.class);
        assertThat(accepted.createdBy()).isNotNull().doesNotStartWith("kafka:");
        kafka.assertStays(Events.TOPIC_TASK_ACCEPTED, id, 1, Duration.ofSeconds(2));
        assertThat(deadLetters(id)).isEmpty();
    }

    @Test
    void taskStopRequestedStopsTheTaskAsTheRestStopDoes() throws Exception {
        String id = newId();
        kafka.send(TaskCreated.of(id, spec("to stop", 5)));
        Simulator sim = new Simulator(id);
        awaitTask(id, t -> true);
        kafka.send(sim.suggestion(1, 1, Map.of("x", 0.5)));
        kafka.send(sim.started(1));
        awaitTask(id, t -> t.getInt("statusSummary.started") == 1);

        kafka.send(TaskStopRequested.of(id, "budget used up", "scheduler"));
        JsonPath stopping = awaitTask(id, t -> "stopping".equals(t.getString("status")));
        assertThat(stopping.getString("statusReason")).isEqualTo("user-stopped");
        assertThat(stopping.getString("stoppedBy")).isEqualTo("scheduler");
        TaskFinished finished = KafkaSupport.read(kafka.awaitRecords(Events.TOPIC_TASK_FINISHED, id, 1).get(0).value(),
                TaskFinished.class);
        assertThat(finished.status()).isEqualTo("stopped");
        assertThat(finished.reason()).isEqualTo("user-stopped");
        kafka.send(sim.finished(1, "stopped", Map.of("acc", 0.2)));
        awaitTask(id, t -> "stopped".equals(t.getString("status")));

        // a stop of an ended task changes nothing and is no poison; a stop of an unknown task is
        kafka.send(TaskStopRequested.of(id, "again", "scheduler"));
        String unknown = newId();
        kafka.send(TaskStopRequested.of(unknown, null, "scheduler"));
        assertThat(KafkaSupport.header(kafka.awaitRecords(KafkaSupport.DEAD_LETTER_TOPIC, unknown, 1).get(0),
                "dead-letter-reason")).contains("no such task");
        kafka.assertStays(Events.TOPIC_TASK_FINISHED, id, 1, Duration.ofSeconds(1));
        assertThat(deadLetters(id)).isEmpty();
    }
}
