package io.parzen.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class HealthAndOpenApiTest {

    @Test
    void readyWithKafkaAndDatabaseChecks() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("status", is("UP"))
                        .body(containsString("Reactive PostgreSQL connections health check"))
                        .body(containsString("SmallRye Reactive Messaging")));
    }

    @Test
    void openApiDescribesTheEndpointsWithExamples() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/executions/{executionId}/metrics"))
                .body(containsString("/api/v1/tasks/{taskId}/metrics"))
                .body(containsString("/api/v1/tasks/{taskId}/leaderboard"))
                .body(containsString("target 1.0 on val_accuracy"))
                .body(containsString("mlp-bayesian"));
    }
}
