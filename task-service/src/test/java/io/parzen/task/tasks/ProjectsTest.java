package io.parzen.task.tasks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every task belongs to a project; a token sees only its projects' tasks; another project's task is 404. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ProjectsTest {

    private static String create(String token, String project) {
        String body = project == null ? TaskApiTest.EXAMPLE
                : TaskApiTest.EXAMPLE.replaceFirst("\\{", "{\"project\": \"" + project + "\", ");
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/tasks")
                .then().statusCode(201).extract().path("id");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aTaskTakesTheTokensOnlyProjectAndRecordsItsCreator() {
        String vision = unique("vision");
        String token = TestTokens.token("alice", "operator", List.of(vision));
        String id = create(token, null);
        given().auth().oauth2(token).get("/api/v1/tasks/" + id).then().statusCode(200)
                .body("project", equalTo(vision))
                .body("createdBy", equalTo("alice"))
                .body("stoppedBy", nullValue());
    }

    @Test
    void anAdminsTaskWithoutAProjectIsInDefault() {
        String id = create(TestTokens.admin(), null);
        given().auth().oauth2(TestTokens.viewer("default")).get("/api/v1/tasks/" + id).then().statusCode(200)
                .body("project", equalTo("default")).body("createdBy", equalTo("test-admin"));
    }

    @Test
    void theBodyNamesOneOfTheTokensProjects() {
        String a = unique("a");
        String b = unique("b");
        String token = TestTokens.token("carol", "operator", List.of(a, b));
        String id = create(token, b);
        given().auth().oauth2(token).get("/api/v1/tasks/" + id).then().statusCode(200).body("project", equalTo(b));
    }

    @Test
    void severalProjectsAndNoneNamedIsA400NamingTheField() {
        String token = TestTokens.token("carol", "operator", List.of(unique("a"), unique("b")));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(TaskApiTest.EXAMPLE).post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("project"))
                .body("errors[0].message", containsString("several projects"));
    }

    @Test
    void aProjectTheTokenMayNotTouchIsA403NamingIt() {
        String token = TestTokens.token("dave", "operator", List.of("default"));
        String body = TaskApiTest.EXAMPLE.replaceFirst("\\{", "{\"project\": \"secret-lab\", ");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/tasks")
                .then().statusCode(403)
                .body("reason", equalTo("project"))
                .body("message", containsString("'secret-lab'"));
    }

    @Test
    void anInvalidProjectNameIsA400WithTheRule() {
        String body = TaskApiTest.EXAMPLE.replaceFirst("\\{", "{\"project\": \"Bad Name!\", ");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body).post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("project"))
                .body("errors[0].value", equalTo("Bad Name!"))
                .body("errors[0].message", containsString("lower-case letters"));
    }

    @Test
    void anotherProjectsTaskIsNotFoundForEveryOperation() {
        String mine = unique("mine");
        String theirs = unique("theirs");
        String id = create(TestTokens.token("erin", "operator", List.of(theirs)), null);
        String stranger = TestTokens.token("frank", "operator", List.of(mine));
        given().auth().oauth2(stranger).get("/api/v1/tasks/" + id).then().statusCode(404)
                .body("message", equalTo("task " + id + " does not exist"));
        given().auth().oauth2(stranger).get("/api/v1/tasks/" + id + "/executions").then().statusCode(404);
        given().auth().oauth2(stranger).post("/api/v1/tasks/" + id + "/stop").then().statusCode(404);
        // still running: the stranger's stop did nothing
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/tasks/" + id).then().statusCode(200)
                .body("status", equalTo("created")).body("stoppedBy", nullValue());
    }

    @Test
    void listsShowOnlyTheTokensProjectsAndAdminsSeeAll() {
        String p1 = unique("p1");
        String p2 = unique("p2");
        String t1 = create(TestTokens.token("gina", "operator", List.of(p1)), null);
        String t2 = create(TestTokens.token("hank", "operator", List.of(p2)), null);

        List<String> seenByP1 = given().auth().oauth2(TestTokens.viewer(p1)).queryParam("size", 100)
                .get("/api/v1/tasks").then().statusCode(200).extract().path("items.id");
        assertThat(seenByP1).containsExactly(t1);
        List<String> projectsSeen = given().auth().oauth2(TestTokens.viewer(p1, p2)).queryParam("size", 100)
                .get("/api/v1/tasks").then().statusCode(200).extract().path("items.project");
        assertThat(projectsSeen).containsExactlyInAnyOrder(p1, p2);
        given().auth().oauth2(TestTokens.viewer(p1)).get("/api/v1/tasks").then().body("total", equalTo(1));

        List<String> filtered = given().auth().oauth2(TestTokens.viewer(p1, p2)).queryParam("project", p2)
                .get("/api/v1/tasks").then().statusCode(200).extract().path("items.id");
        assertThat(filtered).containsExactly(t2);
        List<String> admin = given().auth().oauth2(TestTokens.admin()).queryParam("project", p2)
                .get("/api/v1/tasks").then().statusCode(200).extract().path("items.id");
        assertThat(admin).containsExactly(t2);
        List<String> everything = given().auth().oauth2(TestTokens.admin()).queryParam("size", 200)
                .get("/api/v1/tasks").then().statusCode(200).extract().path("items.id");
        assertThat(everything).contains(t1, t2);

        given().auth().oauth2(TestTokens.viewer(p1)).queryParam("project", p2).get("/api/v1/tasks")
                .then().statusCode(403).body("reason", equalTo("project"));
        given().auth().oauth2(TestTokens.viewer(p1)).queryParam("project", "NO").get("/api/v1/tasks")
                .then().statusCode(400).body("errors[0].field", equalTo("project"));
    }

    @Test
    void aTokenWithNoProjectSeesNothing() {
        create(TestTokens.admin(), null);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/tasks").then().statusCode(200)
                .body("total", equalTo(0)).body("items.size()", equalTo(0));
    }

    @Test
    void theStopperIsRecorded() {
        String project = unique("stops");
        String id = create(TestTokens.token("ivan", "operator", List.of(project)), null);
        given().auth().oauth2(TestTokens.token("judy", "operator", List.of(project)))
                .post("/api/v1/tasks/" + id + "/stop").then().statusCode(202)
                .body("stoppedBy", equalTo("judy")).body("createdBy", equalTo("ivan"));
        given().auth().oauth2(TestTokens.viewer(project)).get("/api/v1/tasks/" + id).then()
                .body("stoppedBy", equalTo("judy"));
    }

    @Test
    void aBlueprintTaskTakesTheProjectFromTheQueryOrTheToken() {
        String project = unique("bp");
        String token = TestTokens.token("kim", "operator", List.of(project));
        byte[] yaml = BlueprintEndpointsTest.yaml(ApiExamples.BLUEPRINT);
        given().auth().oauth2(token).contentType("application/yaml").body(yaml).post("/api/v1/tasks/from-blueprint")
                .then().statusCode(201).body("project", equalTo(project)).body("createdBy", equalTo("kim"));
        given().auth().oauth2(token).contentType("application/yaml").body(yaml).queryParam("project", "elsewhere")
                .post("/api/v1/tasks/from-blueprint").then().statusCode(403).body("message", containsString("'elsewhere'"));
        given().auth().oauth2(TestTokens.admin()).contentType("application/yaml").body(yaml)
                .queryParam("project", project).post("/api/v1/tasks/from-blueprint")
                .then().statusCode(201).body("project", equalTo(project));
    }
}
