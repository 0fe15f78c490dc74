package io.parzen.task.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskRejected;
import io.parzen.events.TaskSpec;
import io.parzen.events.WarmStartReport;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.OperatorFlowTest;
import io.parzen.task.support.Simulator;
import io.parzen.task.validation.WarmStartRule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Warm start (docs/decisions/0034) through the REST API, Kafka and a real database: the earlier tasks are checked
 * (exist, readable as GET would allow, not the task itself, same target), {@code warmStartFrom} goes out in
 * {@code TaskCreated}, and the optimizer's account on the first batch's suggestions reaches the task view.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class WarmStartTaskTest extends OperatorFlowTest {

    static String body(String project, String metric, String warmStartFrom) {
        return """
                {%s "name": "ws", "type": "bayesian_tpe", "engine": "optuna", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "target": {"metric": "%s", "direction": "minimize"}, "maxExecutions": 4, "batchSize": 2 %s}
                """.formatted(project == null ? "" : "\"project\": \"" + project + "\",", metric,
                warmStartFrom == null ? "" : ", \"warmStartFrom\": " + warmStartFrom);
    }

    static String create(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/tasks")
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath refused(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/tasks")
                .then().statusCode(400).extract().jsonPath();
    }

    @Test
    void earlierTasksAreCheckedAndTheOptimizersAccountReachesTheView() {
        String earlier = create(TestTokens.operator(), body(null, "loss", null));
        String secret = create(TestTokens.admin(), body("secret-lab", "loss", null));
        String accuracy = create(TestTokens.operator(), body(null, "accuracy", null));

        // missing and unreadable read the same; another target is named
        JsonPath errors = refused(body(null, "loss", "[\"" + earlier + "\", \"no-such-task\", \"" + secret + "\", \""
                + accuracy + "\"]"));
        assertThat(errors.getList("errors.field", String.class))
                .containsExactly("warmStartFrom[1]", "warmStartFrom[2]", "warmStartFrom[3]");
        assertThat(errors.getString("errors[0].message")).isEqualTo(WarmStartRule.NOT_READABLE)
                .isEqualTo(errors.getString("errors[1].message"));
        assertThat(errors.getString("errors[1].value")).isEqualTo(secret);
        assertThat(errors.getString("errors[2].message")).contains("'accuracy'").contains("same target");
        assertThat(refused(body(null, "loss", "[]")).getString("errors[0].field")).isEqualTo("warmStartFrom");
        // an admin may read the other project's task
        create(TestTokens.admin(), body("secret-lab", "loss", "[\"" + secret + "\", \"" + earlier + "\"]"));

        String next = create(TestTokens.operator(), body(null, "loss", "[\"" + earlier + "\"]"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.records(Events.TOPIC_TASK_CREATED, next).isEmpty());
        TaskCreated created = KafkaSupport.read(kafka.records(Events.TOPIC_TASK_CREATED, next).get(0).value(), TaskCreated.class);
        assertThat(created.task().warmStartFrom()).containsExactly(earlier);
        assertThat(given().get("/api/v1/tasks/" + next).then().statusCode(200).extract().jsonPath().getString("warmStart"))
                .isNull();

        WarmStartReport report = new WarmStartReport(3, List.of(new WarmStartReport.Source(earlier, 3, 1, null)));
        Simulator sim = new Simulator(next);
        kafka.send(sim.suggestion(1, 1, Map.of("x", 0.2), "model").withWarmStart(report));
        kafka.send(sim.suggestion(2, 1, Map.of("x", 0.4), "model").withWarmStart(report));
        JsonPath[] view = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            view[0] = given().get("/api/v1/tasks/" + next).then().statusCode(200).extract().jsonPath();
            return view[0].getInt("statusSummary.queued") == 2;
        });
        assertThat(view[0].getInt("warmStart.observations")).isEqualTo(3);
        assertThat(view[0].getString("warmStart.sources[0].taskId")).isEqualTo(earlier);
        assertThat(view[0].getInt("warmStart.sources[0].dropped")).isEqualTo(1);
        assertThat(view[0].getInt("sourceSummary.model")).as("priors are no executions").isEqualTo(2);
    }

    @Test
    void aTaskFromKafkaMayNotWarmStartFromItselfNorFromAnotherProject() {
        String secret = create(TestTokens.admin(), body("secret-lab", "loss", null));
        String id = "ext-ws-" + UUID.randomUUID().toString().substring(0, 8);
        TaskSpec spec = new TaskSpec("ws", "bayesian_tpe", "optuna", "python3 train.py {parameters}", ".",
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null)), null, 4, 2, null,
                new TargetSpec("loss", null, "minimize"), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, List.of(id, secret), null, null);
        kafka.send(new TaskCreated(Events.newEventId(), 1, id, java.time.Instant.now(), spec, null));
        TaskRejected rejected = KafkaSupport.read(kafka.awaitRecords(Events.TOPIC_TASK_REJECTED, id, 1).get(0).value(),
                TaskRejected.class);
        assertThat(rejected.errors()).extracting(TaskRejected.FieldError::field)
                .containsExactly("warmStartFrom[0]", "warmStartFrom[1]");
        assertThat(rejected.errors().get(0).message()).contains("own id");
        assertThat(rejected.errors().get(1).message()).isEqualTo(WarmStartRule.NOT_READABLE);
    }
}
