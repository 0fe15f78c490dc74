package io.parzen.deploy.loadbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.deploy.conformance.ConformanceRules;
import io.parzen.deploy.conformance.SeenRecord;
import io.parzen.deploy.conformance.Verdict;
import io.parzen.events.Events;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.TaskFinished;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The simulated executor's records, judged by the conformance checker's rules of the executor contract. */
class SimulatedExecutorTest {

    private static SeenRecord seen(ProducerRecord<String, String> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return new SeenRecord(r.topic(), r.key(), headers, r.value(), Instant.now());
    }

    private static SuggestionRequested request(String taskId, int seq, int attempt) {
        return new SuggestionRequested(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(),
                Events.executionId(taskId, seq), seq, 1, Map.of("x", 0.25, "y", 0.75), "random", "simulated {parameters}",
                null, null, null, null, null, null, "default", null, null, LoadBenchCommand.SIM_ENVIRONMENT, null, attempt);
    }

    @Test
    void itsAnswersFollowTheExecutorContract() throws Exception {
        String taskId = "loadbench-test-task-0001";
        List<SeenRecord> seen = new ArrayList<>();
        for (int seq = 1; seq <= 2; seq++) {
            SuggestionRequested r = request(taskId, seq, seq); // seq 2 as a second attempt: echoed as such
            seen.add(seen(SimulatedExecutor.record(Events.TOPIC_SUGGESTION_REQUESTED, r)));
            Instant startedAt = Instant.now();
            seen.add(seen(SimulatedExecutor.startedRecord(r)));
            Thread.sleep(2);
            SimulatedExecutor.finishRecords(r, startedAt).forEach(x -> seen.add(seen(x)));
        }
        seen.add(seen(SimulatedExecutor.record(Events.TOPIC_TASK_FINISHED, TaskFinished.of(taskId, "complete", null))));
        List<Verdict> verdicts = new ConformanceRules(Duration.ZERO).check(taskId, seen);
        assertThat(verdicts).isNotEmpty().allSatisfy(v -> assertThat(v.passed()).as(v.line()).isTrue());
    }

    @Test
    void theFinishedMetricIsTheSphereOfTheParameters() throws Exception {
        List<ProducerRecord<String, String>> fin = SimulatedExecutor.finishRecords(request("t", 1, 1), Instant.now());
        assertThat(fin).extracting(ProducerRecord::topic)
                .containsExactly(Events.TOPIC_METRIC_LOGGED, Events.TOPIC_EXECUTION_FINISHED);
        var finished = Events.mapper().readTree(fin.get(1).value());
        assertThat(finished.path("status").asText()).isEqualTo("complete");
        assertThat(finished.path("metrics").path("loss").asDouble()).isEqualTo(0.125); // 0.25² + 0.25²
        assertThat(SimulatedExecutor.objective(Map.of("x", 0.5, "name", "a"))).isZero();
    }
}
