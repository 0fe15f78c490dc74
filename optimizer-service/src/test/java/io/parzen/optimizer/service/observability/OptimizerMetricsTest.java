package io.parzen.optimizer.service.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskSpec;
import io.parzen.optimizer.service.support.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A finished execution that frees a slot adds one loop to parzen_loop_latency_seconds; each batch one proposal. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class OptimizerMetricsTest {

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() throws Exception {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() throws Exception {
        kafka.close();
    }

    private static String scrape() {
        return given().auth().oauth2(TestTokens.viewer("default")).get("/q/metrics")
                .then().statusCode(200).extract().asString();
    }

    /** The value of the sample {@code series} (its full name with labels, as the scrape writes it), 0 if absent. */
    private static double value(String text, String prefix) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Test
    void aFreedSlotIsOneLoopAndEveryBatchOneProposal() {
        String before = scrape();
        double loops = value(before, "parzen_loop_latency_seconds_count");
        double proposals = value(before, "parzen_proposal_seconds_count{");

        String taskId = "loop-" + UUID.randomUUID();
        TaskSpec spec = new TaskSpec("loop", "random_search", null, "python train.py {parameters}", "examples",
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null)), null, 2, 1, null,
                new TargetSpec("accuracy", null, "maximize"), null, 1L, null, null, null, null, null);
        kafka.send(TaskAccepted.of(taskId, spec));
        kafka.awaitRecords(Events.TOPIC_SUGGESTION_REQUESTED, taskId, 1);

        Instant now = Instant.now();
        kafka.send(new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, now,
                Events.executionId(taskId, 1), 1, "complete", 0, null, Map.of("accuracy", 0.5), now, now));
        kafka.awaitRecords(Events.TOPIC_SUGGESTION_REQUESTED, taskId, 2);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String after = scrape();
            assertThat(value(after, "parzen_loop_latency_seconds_count")).isGreaterThanOrEqualTo(loops + 1);
            assertThat(value(after, "parzen_proposal_seconds_count{")).isGreaterThanOrEqualTo(proposals + 2);
            assertThat(after).contains("parzen_loop_latency_seconds_bucket{le=");
        });
    }
}
