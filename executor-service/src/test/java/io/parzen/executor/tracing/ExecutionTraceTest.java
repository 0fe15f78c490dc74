package io.parzen.executor.tracing;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.Fixtures;
import io.parzen.messaging.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The execution keeps the trace of its SuggestionRequested (ADR 0024): ExecutionStarted, every MetricLogged
 * and ExecutionFinished — written from the process's thread, long after the request was handled — carry
 * a traceparent of the request's trace.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ExecutionTraceTest {

    @Test
    void theEventsOfAnExecutionContinueTheTraceOfItsRequest() {
        String trace = UUID.randomUUID().toString().replace("-", "");
        String taskId = newTaskId();
        SuggestionRequested request = request(taskId, 1, Map.of("steps", 2));
        Fixtures.kafka().send(request, Map.of("traceparent", "00-" + trace + "-00f067aa0ba902b7-01"));
        awaitFinished(request.executionId());

        for (String topic : List.of(Events.TOPIC_EXECUTION_STARTED, Events.TOPIC_METRIC_LOGGED,
                Events.TOPIC_EXECUTION_FINISHED)) {
            List<ConsumerRecord<String, String>> records = Fixtures.kafka().records(topic, taskId);
            assertThat(records).as(topic).isNotEmpty();
            for (ConsumerRecord<String, String> record : records) {
                assertThat(TestKafka.header(record, "traceparent")).as(topic).startsWith("00-" + trace + "-");
                assertThat(record.headers().headers("traceparent")).hasSize(1);
            }
        }
    }
}
