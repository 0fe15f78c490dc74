package io.parzen.task.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskSpec;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.OperatorFlowTest;
import io.parzen.task.support.Simulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Tracing from the REST call to the records (ADR 0024): the trace of a POST — the caller's
 * {@code traceparent}, or the root span the server makes — is the trace of the TaskCreated and
 * TaskAccepted records published through the outbox; a record consumed with a traceparent (a task from
 * Kafka, an ExecutionFinished) continues its trace in the records it causes (TaskAccepted, TaskFinished).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class TracingTest extends OperatorFlowTest {

    private static final String TASK = """
            {"name": "traced", "type": "random_search", "command": "python3 train.py {parameters}",
             "parameters": [{"name": "lr", "distribution": "uniform", "min": 0, "max": 1}],
             "maxExecutions": 1, "batchSize": 1}""";

    @Inject
    InMemorySpanExporter spans;

    private static String traceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String traceIdOf(ConsumerRecord<String, String> record) {
        String traceparent = KafkaSupport.header(record, "traceparent");
        assertThat(traceparent).as("traceparent of %s", record.topic()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(record.headers().headers("traceparent")).hasSize(1);
        return traceparent.substring(3, 35);
    }

    @Test
    void aPostWithATraceparentPublishesTaskCreatedAndTaskAcceptedInItsTrace() {
        String trace = traceId();
        String id = given().contentType(ContentType.JSON)
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01").body(TASK)
                .post("/api/v1/tasks").then().statusCode(201).extract().jsonPath().getString("id");

        assertThat(traceIdOf(kafka.awaitRecords(Events.TOPIC_TASK_CREATED, id, 1).get(0))).isEqualTo(trace);
        assertThat(traceIdOf(kafka.awaitRecords(Events.TOPIC_TASK_ACCEPTED, id, 1).get(0))).isEqualTo(trace);
        SpanData server = await().atMost(Duration.ofSeconds(30))
                .until(() -> span(trace, SpanKind.SERVER), Optional::isPresent).get();
        assertThat(server.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(server.getName()).contains("POST");
    }

    @Test
    void aPostWithoutATraceparentPublishesInTheTraceOfTheServersSpan() {
        String id = given().contentType(ContentType.JSON).body(TASK)
                .post("/api/v1/tasks").then().statusCode(201).extract().jsonPath().getString("id");

        String trace = traceIdOf(kafka.awaitRecords(Events.TOPIC_TASK_ACCEPTED, id, 1).get(0));
        assertThat(traceIdOf(kafka.awaitRecords(Events.TOPIC_TASK_CREATED, id, 1).get(0))).isEqualTo(trace);
        SpanData server = await().atMost(Duration.ofSeconds(30))
                .until(() -> span(trace, SpanKind.SERVER), Optional::isPresent).get();
        assertThat(server.getParentSpanContext().isValid()).isFalse();
    }

    @Test
    void consumedRecordsContinueTheirTraceInTaskAcceptedAndTaskFinished() {
        String id = "traced-" + UUID.randomUUID().toString().substring(0, 8);
        String created = traceId();
        TaskSpec spec = new TaskSpec("traced from kafka", "random_search", null, "python3 train.py {parameters}", ".",
                List.of(new ParameterSpec("x", "uniform", 0.0, 1.0, null, null, null, null, null)), null, 1, 1, null,
                new TargetSpec("acc", 1.0, null), null, null, null, null, null, null);
        kafka.send(new TaskCreated(Events.newEventId(), 1, id, Instant.now(), spec, null),
                Map.of("traceparent", "00-" + created + "-00f067aa0ba902b7-01"));
        assertThat(traceIdOf(kafka.awaitRecords(Events.TOPIC_TASK_ACCEPTED, id, 1).get(0))).isEqualTo(created);

        // the executor's records of the one execution, the last one in another trace: TaskFinished follows it
        String finished = traceId();
        Simulator sim = new Simulator(id);
        kafka.send(sim.suggestion(1, 1, Map.of("x", 0.5)));
        kafka.send(sim.started(1));
        kafka.send(sim.finished(1, "complete", Map.of("acc", 0.9)),
                Map.of("traceparent", "00-" + finished + "-00f067aa0ba902b7-01"));
        assertThat(traceIdOf(kafka.awaitRecords(Events.TOPIC_TASK_FINISHED, id, 1).get(0))).isEqualTo(finished);
        SpanData consumer = await().atMost(Duration.ofSeconds(30))
                .until(() -> span(finished, SpanKind.CONSUMER), Optional::isPresent).get();
        assertThat(consumer.getName()).isEqualTo(Events.TOPIC_EXECUTION_FINISHED + " process");
        assertThat(consumer.getAttributes().get(io.parzen.messaging.tracing.Tracing.TASK_ID)).isEqualTo(id);
    }

    private Optional<SpanData> span(String traceId, SpanKind kind) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == kind).findFirst();
    }
}
