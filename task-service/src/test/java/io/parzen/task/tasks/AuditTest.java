package io.parzen.task.tasks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parzen.auth.testing.AuditCapture;
import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every write leaves exactly one JSON line on the parzen.audit logger: subject, project, action, task, outcome. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode only(AuditCapture audit) throws Exception {
        List<String> lines = audit.lines();
        assertThat(lines).hasSize(1);
        return JSON.readTree(lines.get(0));
    }

    private static void assertEntry(JsonNode line, String subject, String project, String action, String taskId,
                                    String outcome) {
        assertThat(line.path("subject").asText(null)).isEqualTo(subject);
        assertThat(line.path("project").asText(null)).isEqualTo(project);
        assertThat(line.path("action").asText(null)).isEqualTo(action);
        assertThat(line.path("taskId").asText(null)).isEqualTo(taskId);
        assertThat(line.path("outcome").asText(null)).isEqualTo(outcome);
    }

    @Test
    void aCreateAndAStopAreRecordedWithTheirSubjectProjectAndTask() throws Exception {
        String token = TestTokens.token("olivia", "operator", List.of("audit-a"));
        String id;
        try (AuditCapture audit = AuditCapture.start()) {
            id = given().auth().oauth2(token).contentType(ContentType.JSON).body(TaskApiTest.EXAMPLE)
                    .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
            assertEntry(only(audit), "olivia", "audit-a", "create", id, "ok");
        }
        try (AuditCapture audit = AuditCapture.start()) {
            given().auth().oauth2(token).post("/api/v1/tasks/" + id + "/stop").then().statusCode(202);
            assertEntry(only(audit), "olivia", "audit-a", "stop", id, "ok");
        }
        try (AuditCapture audit = AuditCapture.start()) {
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/tasks/" + id + "/stop").then().statusCode(409);
            assertEntry(only(audit), "test-admin", null, "stop", id, "conflict");
        }
    }

    @Test
    void readsAreNotAudited() {
        try (AuditCapture audit = AuditCapture.start()) {
            given().auth().oauth2(TestTokens.viewer("default")).get("/api/v1/tasks").then().statusCode(200);
            assertThat(audit.lines()).isEmpty();
        }
    }

    @Test
    void denialsAreRecorded() throws Exception {
        try (AuditCapture audit = AuditCapture.start()) {
            given().auth().oauth2(TestTokens.viewer("default")).post("/api/v1/tasks/t-42/stop").then().statusCode(403);
            JsonNode line = only(audit);
            assertEntry(line, "test-viewer", null, "stop", "t-42", "denied");
            assertThat(line.path("reason").asText()).contains("needs role operator");
        }
        try (AuditCapture audit = AuditCapture.start()) {
            given().contentType(ContentType.JSON).body(TaskApiTest.EXAMPLE).post("/api/v1/tasks").then().statusCode(401);
            JsonNode line = only(audit);
            assertEntry(line, "anonymous", null, "create", null, "denied");
            assertThat(line.path("reason").asText()).startsWith("missing");
        }
        try (AuditCapture audit = AuditCapture.start()) {
            String body = TaskApiTest.EXAMPLE.replaceFirst("\\{", "{\"project\": \"forbidden-one\", ");
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/tasks").then().statusCode(403);
            assertEntry(only(audit), "test-operator", "forbidden-one", "create", null, "denied");
        }
    }

    @Test
    void rejectedAndNotFoundWritesAreRecordedToo() throws Exception {
        try (AuditCapture audit = AuditCapture.start()) {
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"name\": \"x\"}")
                    .post("/api/v1/tasks").then().statusCode(400);
            JsonNode line = only(audit);
            assertEntry(line, "test-operator", null, "create", null, "rejected");
            assertThat(line.path("reason").asText()).contains("invalid task");
        }
        try (AuditCapture audit = AuditCapture.start()) {
            given().auth().oauth2(TestTokens.operator()).post("/api/v1/tasks/nope/stop").then().statusCode(404);
            assertEntry(only(audit), "test-operator", null, "stop", "nope", "not-found");
        }
    }

    @Test
    void lintAndFromBlueprintAreRecorded() throws Exception {
        byte[] yaml = BlueprintEndpointsTest.yaml(ApiExamples.BLUEPRINT);
        try (AuditCapture audit = AuditCapture.start()) {
            given().auth().oauth2(TestTokens.operator()).contentType("application/yaml").body(yaml)
                    .post("/api/v1/blueprints/lint").then().statusCode(200);
            assertEntry(only(audit), "test-operator", null, "lint", null, "ok");
        }
        try (AuditCapture audit = AuditCapture.start()) {
            String id = given().auth().oauth2(TestTokens.operator()).contentType("application/yaml").body(yaml)
                    .post("/api/v1/tasks/from-blueprint").then().statusCode(201).extract().path("id");
            assertEntry(only(audit), "test-operator", "default", "from-blueprint", id, "ok");
        }
    }
}
