package io.parzen.optimizer.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ParameterSpec;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskSpec;
import io.parzen.optimizer.service.support.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The study API needs a token and is scoped by the project that TaskCreated names; suggestions carry it. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class StudyAccessTest {

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() throws Exception {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() throws Exception {
        kafka.close();
    }

    private static TaskSpec spec() {
        return new TaskSpec("random", "random_search", null, "python train.py {parameters}", ".",
                List.of(ParameterSpec.of("dropout", "uniform", 0.0, 0.5, null, null)), null, 2, 2, null,
                new TargetSpec("accuracy", null, "maximize"), null, 1L, null, null, null, null);
    }

    @Test
    void aStudyIsSeenOnlyByItsProjectAndItsSuggestionsCarryTheProject() throws Exception {
        String taskId = "vision-" + UUID.randomUUID();
        kafka.send(TaskAccepted.of(taskId, "vision", spec()));
        List<ConsumerRecord<String, String>> suggestions = kafka.awaitRecords(Events.TOPIC_SUGGESTION_REQUESTED,
                taskId, 2);
        for (ConsumerRecord<String, String> r : suggestions) {
            assertThat(Events.mapper().readValue(r.value(), SuggestionRequested.class).project()).isEqualTo("vision");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.admin())
                .get("/api/v1/studies/{id}", taskId).statusCode() == 200);
        given().auth().oauth2(TestTokens.viewer("vision")).get("/api/v1/studies/{id}", taskId)
                .then().statusCode(200).body("project", equalTo("vision"));
        given().auth().oauth2(TestTokens.viewer("default")).get("/api/v1/studies/{id}", taskId)
                .then().statusCode(404);
    }

    @Test
    void aTaskCreatedWithoutAProjectIsInDefault() throws Exception {
        String taskId = "old-" + UUID.randomUUID();
        String json = Events.mapper().writeValueAsString(TaskAccepted.of(taskId, spec()))
                .replace(",\"project\":\"default\"", "");
        assertThat(json).doesNotContain("project");
        kafka.sendRaw(Events.TOPIC_TASK_ACCEPTED, taskId, json);
        List<ConsumerRecord<String, String>> suggestions = kafka.awaitRecords(Events.TOPIC_SUGGESTION_REQUESTED,
                taskId, 2);
        assertThat(suggestions.get(0).value()).contains("\"project\":\"default\"");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.viewer("default"))
                .get("/api/v1/studies/{id}", taskId).statusCode() == 200);
    }

    @Test
    void noTokenIs401AndHealthAndOpenApiAreOpen() {
        given().get("/api/v1/studies/{id}", "x").then().statusCode(401).body("reason", equalTo("missing"));
        given().header("Authorization", "Token " + TestTokens.viewer("default")).get("/api/v1/studies/{id}", "x")
                .then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
