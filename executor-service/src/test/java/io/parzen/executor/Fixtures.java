package io.parzen.executor;

import static org.awaitility.Awaitility.await;

import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.MetricLogged;
import io.parzen.events.SuggestionRequested;
import io.parzen.messaging.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Requests and waits shared by the integration tests. */
public final class Fixtures {

    /** Where executor-service sends what it refuses. */
    public static final String DEAD_LETTER_TOPIC = "parzen.dead-letter.executor-service";

    /** The test script, run from {@code scripts/} under the base dir (target/test-classes). */
    public static final String COMMAND = "python3 fake_train.py {parameters}";

    private Fixtures() {
    }

    /** The one Kafka client of the tests (the messaging kit's), shared by every test of the JVM. */
    public static TestKafka kafka() {
        return TestKafka.shared(DEAD_LETTER_TOPIC);
    }

    public static String newTaskId() {
        return "task-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static SuggestionRequested request(String taskId, int seq, Map<String, Object> parameters) {
        return request(taskId, seq, parameters, COMMAND, "scripts", null, null);
    }

    public static SuggestionRequested request(String taskId, int seq, Map<String, Object> parameters, String command,
            String workingDirectory, Map<String, String> passAs, Long timeLimitSeconds) {
        return new SuggestionRequested(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(),
                Events.executionId(taskId, seq), seq, 1, parameters, "random", command, workingDirectory, passAs,
                timeLimitSeconds);
    }

    public static ExecutionFinished awaitFinished(String executionId) {
        return awaitFinished(executionId, Duration.ofSeconds(30));
    }

    public static ExecutionFinished awaitFinished(String executionId, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> !finished(executionId).isEmpty());
        return finished(executionId).get(0);
    }

    public static void awaitStarted(String executionId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !started(executionId).isEmpty());
    }

    public static List<ExecutionFinished> finished(String executionId) {
        return kafka().events(ExecutionFinished.class, e -> e.executionId().equals(executionId));
    }

    public static List<ExecutionStarted> started(String executionId) {
        return kafka().events(ExecutionStarted.class, e -> e.executionId().equals(executionId));
    }

    public static List<MetricLogged> metrics(String executionId) {
        return kafka().events(MetricLogged.class, e -> e.executionId().equals(executionId)).stream()
                .sorted(Comparator.comparingInt(MetricLogged::sequence)).toList();
    }
}
