package io.parzen.deploy.loadbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.events.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LoadAnalysisTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<BrokerRecord> records = new ArrayList<>();

    private ObjectNode event(String taskId) {
        return JSON.createObjectNode().put("eventId", UUID.randomUUID().toString()).put("taskId", taskId);
    }

    private BrokerRecord add(String topic, String taskId, long ts, ObjectNode value) {
        BrokerRecord r = new BrokerRecord(topic, taskId, ts, value);
        records.add(r);
        return r;
    }

    private BrokerRecord requested(String task, int seq, int batch, long ts) {
        return add(Events.TOPIC_SUGGESTION_REQUESTED, task, ts,
                event(task).put("executionId", task + "-" + seq).put("seq", seq).put("batch", batch));
    }

    private void started(String task, int seq, long ts) {
        add(Events.TOPIC_EXECUTION_STARTED, task, ts, event(task).put("executionId", task + "-" + seq));
    }

    private BrokerRecord finished(String task, int seq, long ts, String status) {
        return add(Events.TOPIC_EXECUTION_FINISHED, task, ts,
                event(task).put("executionId", task + "-" + seq).put("status", status));
    }

    private void taskFinished(String task, long ts) {
        add(Events.TOPIC_TASK_FINISHED, task, ts, event(task).put("status", "complete"));
    }

    /** Task t: batches of 2 (seq 1,2 then 3,4); finishes at 100/120, next batch at 150; finishes 200/230. */
    private void cleanTask(String t, long offset) {
        requested(t, 1, 0, offset + 10);
        requested(t, 2, 0, offset + 10);
        finished(t, 1, offset + 100, "complete");
        finished(t, 2, offset + 120, "complete");
        requested(t, 3, 1, offset + 150);
        requested(t, 4, 1, offset + 151);
        finished(t, 3, offset + 200, "complete");
        finished(t, 4, offset + 230, "complete");
        taskFinished(t, offset + 240);
    }

    @Test
    void aCleanRunHasNothingLostNorDuplicatedAndOneLoopLatencyPerBatchBoundary() {
        cleanTask("a", 0);
        cleanTask("b", 1000);
        LoadAnalysis a = new LoadAnalysis(Set.of("a", "b"), 4).analyze(records);
        assertThat(a.expected()).isEqualTo(8);
        assertThat(a.finished()).isEqualTo(8);
        assertThat(a.lost()).isZero();
        assertThat(a.duplicated()).isZero();
        assertThat(a.unfinishedTasks()).isZero();
        assertThat(a.loopLatencies).containsExactlyInAnyOrder(30L, 30L); // 150 - 120 in each task
        assertThat(a.executionsPerSecond(0)).isEqualTo(8 * 1000.0 / 1240);
        ObjectNode json = a.toJson(0, false);
        assertThat(json.path("loopLatencyMs").path("p99").asLong()).isEqualTo(30);
        assertThat(json.has("processOverheadMs")).isFalse();
    }

    @Test
    void missingFinishesAndMissingTaskFinishedAreLost() {
        requested("a", 1, 0, 10);
        requested("a", 2, 0, 10);
        finished("a", 1, 50, "complete"); // seq 2 never finishes, seq 3, 4 never requested
        LoadAnalysis a = new LoadAnalysis(Set.of("a"), 4).analyze(records);
        assertThat(a.finished()).isEqualTo(1);
        assertThat(a.lost()).isEqualTo(3);
        assertThat(a.unfinishedTasks()).isEqualTo(1);
        assertThat(a.loopLatencies).isEmpty();
        assertThat(a.executionsPerSecond(0)).isZero();
    }

    @Test
    void twoDistinctEventsForOneExecutionAreDuplicatesButARedeliveredEventIsNot() {
        cleanTask("a", 0);
        BrokerRecord again = requested("a", 1, 0, 12); // a second SuggestionRequested for seq 1: a duplicate
        records.add(again); // the same event delivered twice: a redelivery, not another duplicate
        finished("a", 3, 210, "complete"); // finished twice
        LoadAnalysis a = new LoadAnalysis(Set.of("a"), 4).analyze(records);
        assertThat(a.duplicatedRequests).isEqualTo(1);
        assertThat(a.duplicatedFinishes).isEqualTo(1);
        assertThat(a.duplicated()).isEqualTo(2);
        assertThat(a.redeliveredRecords).isEqualTo(1);
        assertThat(a.lost()).isZero();
    }

    @Test
    void aRetriedExecutionIsFinishedOnlyByItsLastAttempt() {
        requested("a", 1, 0, 10);
        finished("a", 1, 50, "crashed");
        add(Events.TOPIC_SUGGESTION_REQUESTED, "a", 60,
                event("a").put("executionId", "a-1").put("seq", 1).put("batch", 0).put("attempt", 2));
        LoadAnalysis pending = new LoadAnalysis(Set.of("a"), 1).analyze(records);
        assertThat(pending.finished()).isZero();
        assertThat(pending.duplicated()).isZero(); // attempt 2 is a new request, not a duplicate
        add(Events.TOPIC_EXECUTION_FINISHED, "a", 90,
                event("a").put("executionId", "a-1").put("status", "complete").put("attempt", 2));
        LoadAnalysis done = new LoadAnalysis(Set.of("a"), 1).analyze(records);
        assertThat(done.finished()).isEqualTo(1);
        assertThat(done.completed).isEqualTo(1);
    }

    @Test
    void recordsOfOtherTasksAreLeftOut() {
        cleanTask("a", 0);
        cleanTask("other", 0);
        requested("other", 1, 0, 11);
        LoadAnalysis a = new LoadAnalysis(Set.of("a"), 4).analyze(records);
        assertThat(a.duplicated()).isZero();
        assertThat(a.finished()).isEqualTo(4);
        assertThat(a.otherRecords).isEqualTo(10);
    }

    @Test
    void processOverheadComesFromBrokerTimestampsAndTheExecutorsReportedTimes() {
        requested("a", 1, 0, 1_000);
        started("a", 1, 1_007);
        ObjectNode fin = event("a").put("executionId", "a-1").put("status", "complete")
                .put("startedAt", Instant.ofEpochMilli(1_004).toString())
                .put("finishedAt", Instant.ofEpochMilli(1_020).toString());
        add(Events.TOPIC_EXECUTION_FINISHED, "a", 1_023, fin);
        taskFinished("a", 1_030);
        ObjectNode o = new LoadAnalysis(Set.of("a"), 1).analyze(records).toJson(0, true).path("processOverheadMs")
                .deepCopy();
        assertThat(o.path("requestedToStarted").path("max").asLong()).isEqualTo(7);
        assertThat(o.path("requestedToProcessStart").path("max").asLong()).isEqualTo(4);
        assertThat(o.path("exitToFinished").path("max").asLong()).isEqualTo(3);
        assertThat(o.path("requestedToFinished").path("max").asLong()).isEqualTo(23);
        assertThat(o.path("perExecution").path("max").asLong()).as("process start 4 + exit to finished 3").isEqualTo(7);
    }
}
