package io.parzen.executor.execution;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parzen.auth.testing.AuditCapture;
import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The execution API needs a token; executions are scoped by the project their SuggestionRequested names. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ExecutionAccessTest {

    private static SuggestionRequested inProject(String taskId, String project) {
        return new SuggestionRequested(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(),
                Events.executionId(taskId, 1), 1, 1, Map.of("epochs", 1), "random", Fixtures.COMMAND, "scripts",
                null, null, null, null, null, project);
    }

    @Test
    void anotherProjectsExecutionIsNotFoundAndLeftOutOfLists() {
        String taskId = Fixtures.newTaskId();
        String executionId = Events.executionId(taskId, 1);
        Fixtures.kafka().send(inProject(taskId, "vision"));
        Fixtures.awaitFinished(executionId);

        given().auth().oauth2(TestTokens.viewer("vision")).get("/api/v1/executions/{id}", executionId)
                .then().statusCode(200).body("project", equalTo("vision"));
        given().auth().oauth2(TestTokens.viewer("vision")).queryParam("taskId", taskId).get("/api/v1/executions")
                .then().statusCode(200).body("size()", equalTo(1));

        String stranger = TestTokens.operator("default");
        given().auth().oauth2(stranger).get("/api/v1/executions/{id}", executionId).then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/v1/executions/{id}/log", executionId).then().statusCode(404);
        given().auth().oauth2(stranger).post("/api/v1/executions/{id}/stop", executionId).then().statusCode(404);
        given().auth().oauth2(stranger).queryParam("taskId", taskId).get("/api/v1/executions")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aStopNeedsAnOperatorAndIsAudited() throws Exception {
        String taskId = Fixtures.newTaskId();
        String executionId = Events.executionId(taskId, 1);
        Fixtures.kafka().send(inProject(taskId, "default"));
        Fixtures.awaitFinished(executionId);

        given().auth().oauth2(TestTokens.viewer("default")).post("/api/v1/executions/{id}/stop", executionId)
                .then().statusCode(403).body("requiredRole", equalTo("operator"));
        try (AuditCapture audit = AuditCapture.start()) {
            given().auth().oauth2(TestTokens.operator()).post("/api/v1/executions/{id}/stop", executionId)
                    .then().statusCode(409);
            List<String> lines = audit.lines();
            assertThat(lines).hasSize(1);
            var line = new ObjectMapper().readTree(lines.get(0));
            assertThat(line.get("subject").asText()).isEqualTo("test-operator");
            assertThat(line.get("project").asText()).isEqualTo("default");
            assertThat(line.get("action").asText()).isEqualTo("stop-execution");
            assertThat(line.get("taskId").asText()).isEqualTo(taskId);
            assertThat(line.get("outcome").asText()).isEqualTo("conflict");
        }
    }

    @Test
    void noTokenIs401AndTheTokenFormWorks() {
        given().queryParam("taskId", "x").get("/api/v1/executions").then().statusCode(401)
                .body("reason", equalTo("missing"));
        given().header("Authorization", "Token " + TestTokens.viewer("default")).queryParam("taskId", "x")
                .get("/api/v1/executions").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
