package io.parzen.messaging.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.TaskFinished;
import io.parzen.messaging.inbound.InboundProbe;
import io.parzen.messaging.outbox.OutboxMessage;
import io.parzen.messaging.outbox.VertxContexts;
import io.parzen.messaging.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trace context through the kit, on a real broker and database: a consumed record's
 * {@code traceparent} reaches the outbox row its handler writes (after a database round trip) and the
 * header of the record published from it; a record without the header, or with a malformed one, is
 * handled in a new trace and never dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class TracingTest {

    private static final String DLQ = "parzen.dead-letter.messaging-test";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN = "00f067aa0ba902b7";
    private static TestKafka kafka;

    @Inject
    InboundProbe probe;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    Vertx vertx;

    @BeforeAll
    static void client() {
        kafka = new TestKafka(DLQ);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void theTraceparentOfAConsumedRecordReachesTheOutboxRowAndThePublishedRecord() {
        String task = "traced-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(TaskFinished.of(task, "stopped", "write"), Map.of(
                "traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01", "tracestate", "parzen=test"));

        await().atMost(Duration.ofSeconds(60)).until(() -> probe.handled().contains(task));
        String eventId = probe.written(task);
        OutboxMessage row = row(eventId);
        assertThat(row.traceparent).startsWith("00-" + TRACE_ID + "-").endsWith("-01")
                .doesNotContain(PARENT_SPAN);
        assertThat(row.tracestate).isEqualTo("parzen=test");

        ConsumerRecord<String, String> published = kafka.awaitRecords(Events.TOPIC_EXECUTION_STOP_REQUESTED, task, 1).get(0);
        String traceparent = TestKafka.header(published, "traceparent");
        assertThat(traceparent).startsWith("00-" + TRACE_ID + "-");
        assertThat(TestKafka.header(published, "tracestate")).isEqualTo("parzen=test");
        // one traceparent only: SmallRye's own instrumentation adds none next to the kit's
        assertThat(published.headers().headers("traceparent")).hasSize(1);

        // the spans: consumer (child of the sender's span) -> producer (child of the consumer) -> the header
        SpanData consumer = await().atMost(Duration.ofSeconds(30)).until(() -> span(TRACE_ID, SpanKind.CONSUMER),
                Optional::isPresent).get();
        assertThat(consumer.getName()).isEqualTo(Events.TOPIC_TASK_FINISHED + " process");
        assertThat(consumer.getParentSpanId()).isEqualTo(PARENT_SPAN);
        assertThat(consumer.getAttributes().get(Tracing.MESSAGING_SYSTEM)).isEqualTo("kafka");
        assertThat(consumer.getAttributes().get(Tracing.MESSAGING_DESTINATION)).isEqualTo(Events.TOPIC_TASK_FINISHED);
        assertThat(consumer.getAttributes().get(Tracing.TASK_ID)).isEqualTo(task);
        assertThat(row.traceparent).contains("-" + consumer.getSpanId() + "-");
        SpanData producer = await().atMost(Duration.ofSeconds(30)).until(() -> span(TRACE_ID, SpanKind.PRODUCER),
                Optional::isPresent).get();
        assertThat(producer.getName()).isEqualTo(Events.TOPIC_EXECUTION_STOP_REQUESTED + " publish");
        assertThat(producer.getParentSpanId()).isEqualTo(consumer.getSpanId());
        assertThat(traceparent).isEqualTo("00-" + TRACE_ID + "-" + producer.getSpanId() + "-01");
    }

    @Test
    void aRecordWithoutOrWithAMalformedTraceparentIsHandledInANewTraceAndNotDeadLettered() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String without = "untraced-" + run;
        String malformed = "malformed-" + run;
        kafka.send(TaskFinished.of(without, "stopped", "write"));
        kafka.send(TaskFinished.of(malformed, "stopped", "write"), Map.of("traceparent", "00-not-a-trace-context"));

        await().atMost(Duration.ofSeconds(60)).until(() -> probe.handled().containsAll(List.of(without, malformed)));
        for (String task : List.of(without, malformed)) {
            OutboxMessage row = row(probe.written(task));
            // the kit's consumer span is the root of a new trace
            assertThat(row.traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").doesNotContain(TRACE_ID);
            ConsumerRecord<String, String> published = kafka.awaitRecords(Events.TOPIC_EXECUTION_STOP_REQUESTED, task, 1)
                    .get(0);
            assertThat(TestKafka.header(published, "traceparent")).startsWith(row.traceparent.substring(0, 36));
        }
        assertThat(kafka.records(DLQ, without)).isEmpty();
        assertThat(kafka.records(DLQ, malformed)).isEmpty();
    }

    private Optional<SpanData> span(String traceId, SpanKind kind) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == kind).findFirst();
    }

    private OutboxMessage row(String eventId) {
        assertThat(eventId).isNotNull();
        return VertxContexts.onSafeContext(vertx, () -> sessions.withSession(s -> s.createSelectionQuery(
                        "from OutboxMessage where eventId = :id", OutboxMessage.class)
                .setParameter("id", eventId).getSingleResult())).await().atMost(Duration.ofSeconds(30));
    }
}
