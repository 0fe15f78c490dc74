package io.parzen.messaging.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.messaging.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kit's metrics as Prometheus scrapes them: dead letters, outbox backlog, consumer lag. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ObservabilityTest {

    private static TestKafka kafka;

    @BeforeAll
    static void client() {
        kafka = new TestKafka("parzen.dead-letter.messaging-test");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static Scrape scrape() {
        return new Scrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void aDeadLetteredRecordIsCountedByTopicAndReason() {
        double before = scrape().sum("parzen_dead_letters_total", "reason=\"invalid\"",
                "topic=\"" + Events.TOPIC_TASK_FINISHED + "\"").orElse(0);
        kafka.sendRaw(Events.TOPIC_TASK_FINISHED, "observability-" + UUID.randomUUID(), "{not json");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape().sum("parzen_dead_letters_total",
                "reason=\"invalid\"", "topic=\"" + Events.TOPIC_TASK_FINISHED + "\"").orElse(0))
                .isEqualTo(before + 1));
    }

    @Test
    void theOutboxBacklogAndTheConsumerLagAreExported() {
        kafka.sendRaw(Events.TOPIC_TASK_FINISHED, "observability-lag-" + UUID.randomUUID(), "{not json either");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape scrape = scrape();
            // every row the kit's tests wrote is published: the backlog drains to 0
            assertThat(scrape.sum("parzen_outbox_backlog", "service=\"").orElse(-1)).isGreaterThanOrEqualTo(0);
            assertThat(scrape.sum("parzen_consumer_lag", "group=\"messaging-test\"",
                    "topic=\"" + Events.TOPIC_TASK_FINISHED + "\"", "partition=\"0\"")).isPresent();
        });
    }

    @Test
    void everyNameTheKitListsIsAParzenSeries() {
        assertThat(MeterNames.PROMETHEUS_SERIES).allMatch(n -> n.startsWith("parzen_"));
        assertThat(scrape().names()).contains("parzen_outbox_backlog")
                .filteredOn(n -> n.startsWith("parzen_")).allMatch(MeterNames.PROMETHEUS_SERIES::contains);
    }
}
