package io.parzen.executor.process;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.awaitStarted;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.executor.Fixtures;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.SuggestionRequested;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With one slot, a task with many queued executions holds another task's first one back by at most one. */
@QuarkusTest
@TestProfile(FairShareFlowTest.OneSlot.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class FairShareFlowTest {

    /** One execution at a time. */
    public static class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parzen.executor.max-parallel", "1");
        }
    }

    @Test
    void anotherTasksFirstExecutionStartsAfterAtMostOneOfTheBigTask() {
        String a = newTaskId();
        String b = newTaskId();
        List<SuggestionRequested> many = new ArrayList<>();
        for (int seq = 1; seq <= 8; seq++) {
            many.add(request(a, seq, Map.of("steps", 1, "sleep", 1.5)));
        }
        many.forEach(Fixtures.kafka()::send);
        awaitStarted(many.get(0).executionId());
        SuggestionRequested first = request(b, 1, Map.of("steps", 1));
        Fixtures.kafka().send(first);
        awaitFinished(first.executionId(), Duration.ofSeconds(60));

        List<String> order = Fixtures.kafka().events(ExecutionStarted.class,
                e -> e.taskId().equals(a) || e.taskId().equals(b)).stream().map(ExecutionStarted::executionId).toList();
        int bAt = order.indexOf(first.executionId());
        // A-1 was running when B's request came; at most one more of A's may start before B-1
        assertThat(bAt).as("start order %s", order).isBetween(1, 2);
        assertThat(order.subList(0, bAt)).allMatch(id -> id.startsWith(a));

        awaitFinished(many.get(many.size() - 1).executionId(), Duration.ofSeconds(60));
        List<String> aOrder = Fixtures.kafka().events(ExecutionStarted.class, e -> e.taskId().equals(a)).stream()
                .map(ExecutionStarted::executionId).toList();
        assertThat(aOrder).as("a task's own executions keep their order")
                .containsExactlyElementsOf(many.stream().map(SuggestionRequested::executionId).toList());
    }
}
