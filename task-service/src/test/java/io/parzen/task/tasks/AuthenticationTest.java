package io.parzen.task.tasks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint needs a valid token; 401 says missing, invalid or expired; 403 names the role needed. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AuthenticationTest {

    @Test
    void aRequestWithoutATokenIsMissing() {
        given().get("/api/v1/tasks")
                .then().statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", equalTo("unauthorized"))
                .body("reason", equalTo("missing"))
                .body("message", containsString("Authorization: Bearer"));
        given().contentType(ContentType.JSON).body(TaskApiTest.EXAMPLE).post("/api/v1/tasks")
                .then().statusCode(401).body("reason", equalTo("missing"));
        given().post("/api/v1/tasks/whatever/stop").then().statusCode(401).body("reason", equalTo("missing"));
        given().contentType("application/yaml").body(BlueprintEndpointsTest.yaml("- step: {name: a}")).post("/api/v1/blueprints/lint")
                .then().statusCode(401).body("reason", equalTo("missing"));
    }

    @Test
    void anotherAuthorizationSchemeCountsAsMissing() {
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/tasks")
                .then().statusCode(401).body("reason", equalTo("missing"))
                .body("message", containsString("another scheme"));
    }

    @Test
    void anExpiredTokenIsExpired() {
        String token = TestTokens.expired("alice", "operator", List.of("default"));
        given().auth().oauth2(token).get("/api/v1/tasks")
                .then().statusCode(401).body("reason", equalTo("expired"))
                .body("message", containsString("expired"));
    }

    @Test
    void aTokenSignedByAnotherKeyIsInvalidAndSaysWhy() {
        String token = TestTokens.signedByAnotherKey("mallory", "admin", List.of());
        given().auth().oauth2(token).get("/api/v1/tasks")
                .then().statusCode(401).body("reason", equalTo("invalid"))
                .body("message", startsWith("the token is invalid: "));
    }

    @Test
    void aTokenOfAnotherIssuerIsInvalid() {
        String token = TestTokens.fromIssuer("someone-else", "alice", "operator", List.of("default"));
        given().auth().oauth2(token).get("/api/v1/tasks")
                .then().statusCode(401).body("reason", equalTo("invalid"))
                .body("message", containsString("iss"));
    }

    @Test
    void garbageIsInvalid() {
        given().header("Authorization", "Bearer not.a.jwt").get("/api/v1/tasks")
                .then().statusCode(401).body("reason", equalTo("invalid"));
    }

    @Test
    void valohaisTokenFormIsAcceptedToo() {
        given().header("Authorization", "Token " + TestTokens.viewer("default")).get("/api/v1/tasks")
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + TestTokens.viewer("default")).get("/api/v1/tasks")
                .then().statusCode(200);
    }

    @Test
    void aViewerReadsButMayNotWriteAndTheAnswerNamesTheRole() {
        String viewer = TestTokens.viewer("default");
        given().auth().oauth2(viewer).get("/api/v1/tasks").then().statusCode(200);
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body(TaskApiTest.EXAMPLE).post("/api/v1/tasks")
                .then().statusCode(403)
                .contentType(ContentType.JSON)
                .body("error", equalTo("forbidden"))
                .body("reason", equalTo("role"))
                .body("requiredRole", equalTo("operator"))
                .body("message", containsString("needs role operator"))
                .body("message", containsString("role viewer"));
        given().auth().oauth2(viewer).post("/api/v1/tasks/x/stop").then().statusCode(403)
                .body("requiredRole", equalTo("operator"));
        given().auth().oauth2(viewer).contentType("application/yaml").body(BlueprintEndpointsTest.yaml(ApiExamples.BLUEPRINT))
                .post("/api/v1/blueprints/lint").then().statusCode(403).body("requiredRole", equalTo("operator"));
        given().auth().oauth2(viewer).contentType("application/yaml").body(BlueprintEndpointsTest.yaml(ApiExamples.BLUEPRINT))
                .post("/api/v1/tasks/from-blueprint").then().statusCode(403).body("requiredRole", equalTo("operator"));
    }

    @Test
    void aTokenWithoutAParzenRoleMayNotEvenRead() {
        String token = TestTokens.token("bob", "staff", List.of("default"));
        given().auth().oauth2(token).get("/api/v1/tasks")
                .then().statusCode(403).body("requiredRole", equalTo("viewer"))
                .body("message", containsString("no Parzen role"));
    }

    @Test
    void operatorsAndAdminsLintAndWrite() {
        given().auth().oauth2(TestTokens.operator()).contentType("application/yaml")
                .body(BlueprintEndpointsTest.yaml(ApiExamples.BLUEPRINT)).post("/api/v1/blueprints/lint").then().statusCode(200)
                .body("valid", equalTo(true));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(TaskApiTest.EXAMPLE)
                .post("/api/v1/tasks").then().statusCode(201);
    }

    @Test
    void healthAndTheOpenApiDocumentNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/tasks"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
