package io.parzen.optimizer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ParameterSpec;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskSpec;
import io.parzen.optimizer.service.support.FlowTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The task's environmentVariables, environment and image go from TaskCreated into every SuggestionRequested; none stay none. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class EnvironmentVariablesFlowTest extends FlowTest {

    private static TaskSpec spec(Map<String, String> env) {
        return new TaskSpec("env", "random_search", null, "python train.py {parameters}", "examples",
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null)), null, 2, 2, null,
                new TargetSpec("accuracy", null, "maximize"), null, 1L, null, null, null, null, env);
    }

    private static List<SuggestionRequested> suggestions(String taskId, int count) {
        return kafka.awaitRecords(Events.TOPIC_SUGGESTION_REQUESTED, taskId, count).stream()
                .map(ConsumerRecord::value).map(v -> {
                    try {
                        return Events.mapper().readValue(v, SuggestionRequested.class);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    @Test
    void declaredVariablesReachEverySuggestion() throws Exception {
        String taskId = "env-" + UUID.randomUUID();
        kafka.send(TaskAccepted.of(taskId, spec(Map.of("OMP_NUM_THREADS", "1", "DATA_SEED", "7"))));
        assertThat(suggestions(taskId, 2)).allSatisfy(s -> assertThat(s.environmentVariables())
                .containsExactlyInAnyOrderEntriesOf(Map.of("OMP_NUM_THREADS", "1", "DATA_SEED", "7")));

        String plain = "plain-" + UUID.randomUUID();
        kafka.send(TaskAccepted.of(plain, spec(null)));
        List<ConsumerRecord<String, String>> records = kafka.awaitRecords(Events.TOPIC_SUGGESTION_REQUESTED, plain, 2);
        assertThat(records).allSatisfy(r -> assertThat(r.value()).doesNotContain("environmentVariables"));
    }

    @Test
    void environmentAndImageReachEverySuggestionLocalByDefault() throws Exception {
        TaskSpec base = spec(null);
        TaskSpec outside = new TaskSpec(base.name(), base.type(), base.engine(), base.command(), base.workingDirectory(),
                base.parameters(), base.parameterSets(), base.maxExecutions(), base.batchSize(), base.randomStartup(),
                base.target(), base.earlyStopping(), base.seed(), base.batching(), base.onChildError(),
                base.maximumQueuedExecutions(), base.timeLimitSeconds(), null, null, null, null, "gpu-pool",
                "python:3.12", null, null, null, null);
        String taskId = "outside-" + UUID.randomUUID();
        kafka.send(TaskAccepted.of(taskId, outside));
        assertThat(suggestions(taskId, 2)).allSatisfy(s -> {
            assertThat(s.environment()).isEqualTo("gpu-pool");
            assertThat(s.image()).isEqualTo("python:3.12");
        });

        String plain = "plain-env-" + UUID.randomUUID();
        kafka.send(TaskAccepted.of(plain, base));
        assertThat(suggestions(plain, 2)).allSatisfy(s -> {
            assertThat(s.environment()).isEqualTo(Events.DEFAULT_ENVIRONMENT);
            assertThat(s.image()).isNull();
        });
    }
}
