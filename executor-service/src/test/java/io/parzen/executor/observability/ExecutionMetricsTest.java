package io.parzen.executor.observability;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A finished execution is one more parzen_executions_total of its status, environment local. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ExecutionMetricsTest {

    private static final String COMPLETE_LOCAL = "parzen_executions_total{environment=\"local\",status=\"complete\"}";

    private static double value(String series) {
        String text = given().auth().oauth2(TestTokens.viewer("default")).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    @Test
    void aFinishedExecutionIsCountedByStatusAndEnvironment() {
        given().get("/q/metrics").then().statusCode(401);
        double before = value(COMPLETE_LOCAL);
        SuggestionRequested request = request(newTaskId(), 1, Map.of("steps", 1), "python3 fake_train.py {parameters}",
                "scripts", Map.of(), 60L);
        Fixtures.kafka().send(request);
        assertThat(awaitFinished(request.executionId()).status()).isEqualTo(ExecutionFinished.COMPLETE);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(value(COMPLETE_LOCAL))
                .isGreaterThanOrEqualTo(before + 1));
    }
}
