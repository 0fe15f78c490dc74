package io.parzen.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.TaskFinished;
import io.parzen.messaging.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inbound rule end to end: a real broker, a consumer with the dead-letter failure strategy. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class InboundTest {

    private static final String DLQ = "parzen.dead-letter.messaging-test";
    private static TestKafka kafka;

    @Inject
    InboundProbe probe;

    @BeforeAll
    static void client() {
        kafka = new TestKafka(DLQ);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void invalidIsDeadLetteredTransientIsRetriedAndABugIsLoggedNotDeadLettered() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String garbage = "garbage-" + run;
        String noReason = "no-reason-" + run;
        kafka.sendRaw(Events.TOPIC_TASK_FINISHED, garbage, "{this is not json");
        kafka.sendRaw(Events.TOPIC_TASK_FINISHED, noReason,
                TestKafka.write(TaskFinished.of(noReason, "stopped", null)));
        kafka.send(TaskFinished.of("refused-" + run, "stopped", "refused"));
        kafka.send(TaskFinished.of("flaky-" + run, "stopped", "flaky"));
        kafka.send(TaskFinished.of("down-" + run, "stopped", "down"));
        kafka.send(TaskFinished.of("bug-" + run, "stopped", "bug"));
        kafka.send(TaskFinished.of("iae-" + run, "stopped", "iae"));
        kafka.send(TaskFinished.of("last-" + run, "stopped", "ok"));

        // records are handled in order: once the last one is handled, every earlier one has had its outcome
        await().atMost(Duration.ofSeconds(60)).until(() -> probe.handled().contains("last-" + run));
        assertThat(probe.handled()).contains("flaky-" + run).doesNotContain("bug-" + run, "iae-" + run, "down-" + run);
        assertThat(probe.attempts("flaky-" + run)).isEqualTo(3);
        // 1 attempt and 5 retries
        assertThat(probe.attempts("down-" + run)).isEqualTo(6);
        assertThat(probe.attempts("bug-" + run)).isEqualTo(1);
        assertThat(probe.attempts("iae-" + run)).isEqualTo(1);

        ConsumerRecord<String, String> unreadable = kafka.awaitRecords(DLQ, garbage, 1).get(0);
        assertThat(unreadable.value()).isEqualTo("{this is not json");
        assertThat(TestKafka.header(unreadable, "dead-letter-reason")).contains("not valid JSON");
        assertThat(TestKafka.header(unreadable, "dead-letter-topic")).isEqualTo(Events.TOPIC_TASK_FINISHED);
        assertThat(TestKafka.header(kafka.awaitRecords(DLQ, noReason, 1).get(0), "dead-letter-reason"))
                .contains("TaskFinished.reason is missing");
        assertThat(TestKafka.header(kafka.awaitRecords(DLQ, "refused-" + run, 1).get(0), "dead-letter-reason"))
                .contains("the probe refuses");
        assertThat(TestKafka.header(kafka.awaitRecords(DLQ, "down-" + run, 1).get(0), "dead-letter-reason"))
                .contains("gave up after 5 attempts").contains("still down");
        assertThat(kafka.records(DLQ, "flaky-" + run)).isEmpty();
        assertThat(kafka.records(DLQ, "bug-" + run)).isEmpty();
        assertThat(kafka.records(DLQ, "iae-" + run)).isEmpty();
        assertThat(kafka.records(DLQ, "last-" + run)).isEmpty();
    }
}
