package io.parzen.task.tasks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskRejected;
import io.parzen.events.TaskSpec;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.OperatorFlowTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A task's {@code pruner} (docs/decisions/0031) on REST and Kafka intake: checked, defaulted, echoed, carried. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class PrunerApiTest extends OperatorFlowTest {

    private static String body(String pruner) {
        return """
                {"name": "pruned", "type": "bayesian_tpe", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "maxExecutions": 4, "target": {"metric": "val_accuracy", "direction": "maximize"},
                 "pruner": %s}
                """.formatted(pruner);
    }

    @Test
    void aPrunerIsEchoedWithOptunasDefaultsAndCarriedInTaskCreated() {
        String id = given().contentType(ContentType.JSON)
                .body(body("{\"type\": \"successive_halving\", \"minResource\": 5}"))
                .post("/api/v1/tasks").then().statusCode(201)
                .body("spec.pruner.type", equalTo("successive_halving"))
                .body("spec.pruner.stepKey", equalTo("epoch"))
                .body("spec.pruner.minResource", equalTo(5))
                .body("spec.pruner.reductionFactor", equalTo(4))
                .extract().path("id");
        given().get("/api/v1/tasks/{id}", id).then().statusCode(200).body("spec.pruner.bootstrapCount", equalTo(0));
        await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.records(Events.TOPIC_TASK_CREATED, id).isEmpty());
        TaskCreated created = KafkaSupport.read(kafka.records(Events.TOPIC_TASK_CREATED, id).get(0).value(),
                TaskCreated.class);
        assertThat(created.task().pruner()).containsEntry("type", "successive_halving")
                .containsEntry("minEarlyStoppingRate", 0).containsEntry("stepKey", "epoch");
    }

    @Test
    void aBadPrunerIsA400NamingTheFieldTheValueAndWhatIsAllowed() {
        given().contentType(ContentType.JSON)
                .body(body("{\"type\": \"median\", \"nWarmupSteps\": -2, \"reductionFactor\": 3}"))
                .post("/api/v1/tasks").then().statusCode(400)
                .body("errors.field", hasItems("pruner.nWarmupSteps", "pruner.reductionFactor"))
                .body("errors.find { it.field == 'pruner.nWarmupSteps' }.message", containsString(">= 0"))
                .body("errors.find { it.field == 'pruner.reductionFactor' }.message", containsString("nStartupTrials"));
        given().contentType(ContentType.JSON).body(body("{\"type\": \"wilcoxon\"}"))
                .post("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("pruner.type"))
                .body("errors[0].message", containsString("hyperband"));
    }

    @Test
    void aTaskCreatedFromKafkaWithABadPrunerIsRejectedWithTheSameError() {
        String id = "ext-" + UUID.randomUUID().toString().substring(0, 8);
        TaskSpec spec = new TaskSpec("k", "random_search", null, "python3 train.py {parameters}", ".",
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null)), null, 2, 1, null,
                new TargetSpec("acc", 1.0, null), null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, Map.of("type", "percentile"), null);
        kafka.send(new TaskCreated(Events.newEventId(), 1, id, Instant.now(), spec, "default"));
        TaskRejected rejected = KafkaSupport.read(kafka.awaitRecords(Events.TOPIC_TASK_REJECTED, id, 1).get(0).value(),
                TaskRejected.class);
        assertThat(rejected.errors()).extracting(TaskRejected.FieldError::field).containsExactly("pruner.percentile");
    }
}
