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
import io.parzen.events.TaskCreated;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.OperatorFlowTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A task's environmentVariables and workingDirectory: validated at creation, carried in TaskCreated. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ExecutionSettingsApiTest extends OperatorFlowTest {

    private static String body(String extra) {
        return """
                {"name": "env", "type": "random_search", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "maxExecutions": 2, "target": {"metric": "acc", "value": 1.0} %s}
                """.formatted(extra);
    }

    @Test
    void declaredVariablesAreStoredShownAndCarriedInTaskCreated() {
        String id = given().contentType(ContentType.JSON)
                .body(body(", \"workingDirectory\": \"examples/mlp\","
                        + " \"environmentVariables\": {\"OMP_NUM_THREADS\": \"1\", \"DATA_URL\": \"file:///data\"}"))
                .post("/api/v1/tasks").then().statusCode(201)
                .body("spec.environmentVariables.OMP_NUM_THREADS", equalTo("1"))
                .extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.records(Events.TOPIC_TASK_CREATED, id).isEmpty());
        TaskCreated created = KafkaSupport.read(kafka.records(Events.TOPIC_TASK_CREATED, id).get(0).value(),
                TaskCreated.class);
        assertThat(created.task().environmentVariables()).containsEntry("OMP_NUM_THREADS", "1")
                .containsEntry("DATA_URL", "file:///data").hasSize(2);
        assertThat(created.task().workingDirectory()).isEqualTo("examples/mlp");
    }

    @Test
    void badNamesReservedNamesAndLongValuesAreNamed() {
        String longValue = "v".repeat(5000);
        given().contentType(ContentType.JSON)
                .body(body(", \"environmentVariables\": {\"1X\": \"a\", \"PARZEN_TASK_ID\": \"forged\","
                        + " \"BIG\": \"" + longValue + "\", \"OK_NAME\": \"fine\"}"))
                .post("/api/v1/tasks").then().statusCode(400)
                .body("errors.field", hasItems("environmentVariables.1X", "environmentVariables.PARZEN_TASK_ID",
                        "environmentVariables.BIG"))
                .body("errors.size()", equalTo(3))
                .body("errors.find { it.field == 'environmentVariables.1X' }.message",
                        containsString("[A-Za-z_][A-Za-z0-9_]*"))
                .body("errors.find { it.field == 'environmentVariables.PARZEN_TASK_ID' }.message",
                        containsString("reserved"))
                .body("errors.find { it.field == 'environmentVariables.BIG' }.message", containsString("at most 4096"));
    }

    @Test
    void aWorkingDirectoryWithDotDotIsRefused() {
        for (String dir : new String[] {"../secrets", "examples/../../etc", "a\\\\..\\\\b", ".."}) {
            given().contentType(ContentType.JSON).body(body(", \"workingDirectory\": \"" + dir + "\""))
                    .post("/api/v1/tasks").then().statusCode(400)
                    .body("errors.field", hasItems("workingDirectory"))
                    .body("errors.find { it.field == 'workingDirectory' }.message", containsString("'..'"));
        }
        given().contentType(ContentType.JSON).body(body(", \"workingDirectory\": \"examples/..mlp/x..\""))
                .post("/api/v1/tasks").then().statusCode(201);
    }
}
