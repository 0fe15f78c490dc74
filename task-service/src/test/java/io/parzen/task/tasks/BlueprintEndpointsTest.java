package io.parzen.task.tasks;

import io.parzen.auth.testing.AsOperator;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** valohai.yaml over REST: create a task from a blueprint, lint a blueprint. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@ExtendWith(AsOperator.class)
class BlueprintEndpointsTest {


    static byte[] yaml(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void createsTheNamedTaskOfABlueprint() {
        String id = given().contentType("application/yaml").body(yaml(ApiExamples.BLUEPRINT))
                .when().post("/api/v1/tasks/from-blueprint?task=sweep")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("name", equalTo("sweep"))
                .body("type", equalTo("grid_search"))
                .body("status", equalTo("created"))
                .body("maxExecutions", equalTo(6))
                .body("spec.command", equalTo("python3 train.py {parameters}"))
                .extract().path("id");
        given().get("/api/v1/tasks/" + id).then().statusCode(200).body("name", equalTo("sweep"));
    }

    @Test
    void aMissingTaskIsA400WithLineAndColumn() {
        given().contentType("application/yaml").body(yaml(ApiExamples.BLUEPRINT))
                .when().post("/api/v1/tasks/from-blueprint?task=nope")
                .then().statusCode(400)
                .body("errors[0].line", greaterThan(0))
                .body("errors[0].column", greaterThan(0))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("nope"));
    }

    @Test
    void lintListsStepsTasksAndProblems() {
        given().contentType("application/yaml").body(yaml(ApiExamples.BLUEPRINT))
                .when().post("/api/v1/blueprints/lint")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("steps", hasItem("train"))
                .body("tasks", hasItem("sweep"));
        String broken = ApiExamples.BLUEPRINT.replace("type: grid-search", "type: grid-search\n    colour: blue");
        given().contentType("application/yaml").body(yaml(broken))
                .when().post("/api/v1/blueprints/lint")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].line", greaterThan(0))
                .body("errors[0].message", notNullValue());
    }
}
