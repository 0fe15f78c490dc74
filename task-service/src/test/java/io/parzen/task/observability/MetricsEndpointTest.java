package io.parzen.task.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.vocabulary.TaskStatus;
import io.parzen.messaging.observability.MeterNames;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /q/metrics: closed without a token, open to a viewer, with parzen_tasks counting the tasks by status. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class MetricsEndpointTest {

    private static final String TASK = """
            {"name": "metrics-probe", "type": "random_search", "command": "python3 train.py {parameters}",
             "parameters": [{"name": "lr", "distribution": "uniform", "min": 0, "max": 1}],
             "maxExecutions": 2, "batchSize": 1}""";

    private static String scrape() {
        return given().auth().oauth2(TestTokens.viewer("default")).get("/q/metrics")
                .then().statusCode(200).extract().asString();
    }

    /** The sum of every sample of {@code name} whose labels include {@code label}. */
    private static double sum(String text, String name, String label) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static List<String> parzenNames(String text) {
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("parzen_")) {
                String name = line.split("[{ ]", 2)[0];
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @Test
    void metricsNeedAToken() {
        given().get("/q/metrics").then().statusCode(401);
        given().auth().oauth2(TestTokens.signedByAnotherKey("mallory", "admin", List.of())).get("/q/metrics")
                .then().statusCode(401);
    }

    @Test
    void aViewerReadsTheTaskCountsAndTheOutboxBacklog() {
        String before = scrape();
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(before).contains("parzen_tasks{status=\"" + status.wireName() + "\"}");
        }
        double tasksBefore = sum(before, "parzen_tasks", "status=");

        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(TASK).post("/api/v1/tasks")
                .then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String after = scrape();
            assertThat(sum(after, "parzen_tasks", "status=")).isGreaterThanOrEqualTo(tasksBefore + 1);
            assertThat(after).contains("parzen_outbox_backlog{service=\"task-service\"}");
            assertThat(sum(after, "parzen_outbox_backlog", "service=\"task-service\"")).isGreaterThanOrEqualTo(0);
        });
        assertThat(parzenNames(scrape())).isNotEmpty().allMatch(MeterNames.PROMETHEUS_SERIES::contains);
    }
}
