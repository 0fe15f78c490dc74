package io.parzen.metrics.task;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.MetricLogged;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskSpec;
import io.parzen.metrics.KafkaSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metrics and leaderboards need a token and are scoped by the project that TaskCreated names. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class MetricsAccessTest {

    private static TaskSpec spec() {
        return new TaskSpec("scoped", "random_search", null, "python train.py {parameters}", ".",
                List.of(ParameterSpec.of("dropout", "uniform", 0.0, 0.5, null, null)), null, 2, 2, null,
                new TargetSpec("acc", null, "maximize"), null, 1L, null, null, null, null);
    }

    @Test
    void aTasksMetricsAreSeenOnlyByItsProject() {
        String task = KafkaSupport.newTaskId();
        String execution = Events.executionId(task, 1);
        KafkaSupport.send(TaskAccepted.of(task, "vision", spec()));
        KafkaSupport.send(MetricLogged.of(task, execution, 1, Map.of("acc", 0.5)));
        String vision = TestTokens.viewer("vision");
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(vision)
                .get("/api/v1/tasks/{id}/metrics", task).then().extract().statusCode() == 200
                && given().auth().oauth2(vision).get("/api/v1/executions/{id}/metrics", execution)
                .then().extract().jsonPath().getList("$").size() == 1);
        given().auth().oauth2(vision).get("/api/v1/tasks/{id}/leaderboard", task).then().statusCode(200)
                .body("entries.size()", equalTo(1));

        String other = TestTokens.viewer("default");
        given().auth().oauth2(other).get("/api/v1/tasks/{id}/metrics", task).then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/executions/{id}/metrics", execution).then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/tasks/{id}/leaderboard", task).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/tasks/{id}/metrics", task).then().statusCode(200)
                .body("size()", equalTo(1));
    }

    @Test
    void aTaskWhoseProjectIsUnknownIsVisibleToAnAdminOnly() {
        String task = KafkaSupport.newTaskId();
        given().auth().oauth2(TestTokens.viewer("default")).get("/api/v1/tasks/{id}/metrics", task)
                .then().statusCode(404).body("message", containsString("projects"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/tasks/{id}/metrics", task).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void noTokenIs401() {
        given().get("/api/v1/tasks/{id}/metrics", "x").then().statusCode(401).body("reason", equalTo("missing"));
        given().header("Authorization", "Token " + TestTokens.expired("a", "viewer", List.of("default")))
                .get("/api/v1/tasks/{id}/leaderboard", "x").then().statusCode(401).body("reason", equalTo("expired"));
    }
}
