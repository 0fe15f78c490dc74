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
import java.util.List;
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
        // one key: one partition, so the records are handled in the order sent
        String key = "inbound-" + run;
        kafka.sendRaw(Events.TOPIC_TASK_FINISHED, key, "{this is not json");
        kafka.sendRaw(Events.TOPIC_TASK_FINISHED, key, TestKafka.write(TaskFinished.of("no-reason-" + run, "stopped", null)));
        for (String reason : new String[] {"refused", "flaky", "down", "bug", "iae"}) {
            kafka.sendRaw(Events.TOPIC_TASK_FINISHED, key, TestKafka.write(TaskFinished.of(reason + "-" + run, "stopped",
                    reason)));
        }
        kafka.sendRaw(Events.TOPIC_TASK_FINISHED, key, TestKafka.write(TaskFinished.of("refused-last-" + run, "stopped",
                "refused")));
        kafka.sendRaw(Events.TOPIC_TASK_FINISHED, key, TestKafka.write(TaskFinished.of("last-" + run, "stopped", "ok")));

        // once the last record is handled and the last refusal is dead-lettered, every earlier record had its outcome
        await().atMost(Duration.ofSeconds(60)).until(() -> probe.handled().contains("last-" + run)
                && dead(key).stream().anyMatch(r -> r.value().contains("refused-last-" + run)));
        assertThat(probe.handled()).contains("flaky-" + run).doesNotContain("bug-" + run, "iae-" + run, "down-" + run);
        assertThat(probe.attempts("flaky-" + run)).isEqualTo(3);
        // 1 attempt and 5 retries
        assertThat(probe.attempts("down-" + run)).isEqualTo(6);
        assertThat(probe.attempts("bug-" + run)).isEqualTo(1);
        assertThat(probe.attempts("iae-" + run)).isEqualTo(1);

        List<ConsumerRecord<String, String>> dead = dead(key);
        assertThat(dead).hasSize(5);
        assertThat(dead.get(0).value()).isEqualTo("{this is not json");
        assertThat(TestKafka.header(dead.get(0), "dead-letter-reason")).contains("not a valid TaskFinished JSON document");
        assertThat(TestKafka.header(dead.get(0), "dead-letter-topic")).isEqualTo(Events.TOPIC_TASK_FINISHED);
        assertThat(dead.get(1).value()).contains("no-reason-" + run);
        assertThat(TestKafka.header(dead.get(1), "dead-letter-reason")).contains("TaskFinished.reason is missing");
        assertThat(dead.get(2).value()).contains("refused-" + run);
        assertThat(TestKafka.header(dead.get(2), "dead-letter-reason")).contains("the probe refuses");
        assertThat(dead.get(3).value()).contains("down-" + run);
        assertThat(TestKafka.header(dead.get(3), "dead-letter-reason"))
                .contains("gave up after 5 attempts").contains("still down");
        assertThat(dead.get(4).value()).contains("refused-last-" + run);
        // flaky (recovered), bug and iae (bugs) and last are not among them
    }

    private static List<ConsumerRecord<String, String>> dead(String key) {
        return kafka.records(DLQ, key);
    }
}
