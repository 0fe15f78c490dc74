package io.parzen.deploy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.events.Events;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The rules over hand-built streams: a conforming executor's, and one broken in each way a rule names. */
class ConformanceRulesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TASK = "7d9e0c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    final ConformanceRules rules = new ConformanceRules(Duration.ZERO);

    /** The schema's first example of {@code type}, made an event of TASK's execution {@code seq}. */
    static ObjectNode event(Events.Type type, int seq, int second) throws Exception {
        try (InputStream in = Events.class.getResourceAsStream(type.schemaResource())) {
            ObjectNode e = (ObjectNode) JSON.readTree(in).path("examples").get(0).deepCopy();
            e.put("eventId", UUID.randomUUID().toString());
            e.put("taskId", TASK);
            e.put("occurredAt", T0.plusSeconds(second).toString());
            if (e.has("executionId")) {
                e.put("executionId", Events.executionId(TASK, seq));
            }
            if (e.has("seq")) {
                e.put("seq", seq);
            }
            if (e.has("startedAt")) {
                e.put("startedAt", T0.plusSeconds(second - 1).toString());
            }
            e.remove("attempt");
            return e;
        }
    }

    static SeenRecord seen(Events.Type type, JsonNode e) {
        Map<String, String> h = new HashMap<>();
        h.put(Events.CE_SPECVERSION, "1.0");
        h.put(Events.CE_ID, e.path("eventId").asText());
        h.put(Events.CE_TYPE, type.cloudEventType());
        h.put(Events.CE_SOURCE, "/test");
        h.put(Events.CE_TIME, e.path("occurredAt").asText());
        h.put(Events.CE_SUBJECT, e.path("taskId").asText());
        h.put(Events.CONTENT_TYPE, "application/json");
        return new SeenRecord(type.topic(), e.path("taskId").asText(), h, e.toString(), Instant.now());
    }

    /** Two executions: requested, started, metrics 1..3, finished. */
    static List<SeenRecord> good() throws Exception {
        List<SeenRecord> out = new ArrayList<>();
        for (int seq = 1; seq <= 2; seq++) {
            out.add(seen(Events.Type.SUGGESTION_REQUESTED, event(Events.Type.SUGGESTION_REQUESTED, seq, 0)));
            out.add(seen(Events.Type.EXECUTION_STARTED, event(Events.Type.EXECUTION_STARTED, seq, 2)));
            for (int s = 1; s <= 3; s++) {
                out.add(seen(Events.Type.METRIC_LOGGED, event(Events.Type.METRIC_LOGGED, seq, 2 + s).put("sequence", s)));
            }
            out.add(seen(Events.Type.EXECUTION_FINISHED, event(Events.Type.EXECUTION_FINISHED, seq, 9)));
        }
        out.add(new SeenRecord("parzen.task-created", "another-task", Map.of(), "{\"taskId\":\"another-task\"}", Instant.now()));
        return out;
    }

    List<Verdict> failed(List<SeenRecord> records) {
        List<Verdict> verdicts = rules.check(TASK, records);
        assertThat(verdicts).hasSize(Rule.values().length);
        return verdicts.stream().filter(v -> !v.passed()).toList();
    }

    void assertOnlyFails(List<SeenRecord> records, Rule rule, String detail) {
        List<Verdict> failed = failed(records);
        assertThat(failed).extracting(Verdict::rule).containsExactly(rule);
        assertThat(failed.get(0).line()).startsWith("FAIL " + rule.id() + " — ").contains(detail);
    }

    static List<SeenRecord> replace(List<SeenRecord> records, int index, Events.Type type, Consumer<ObjectNode> change)
            throws Exception {
        List<SeenRecord> out = new ArrayList<>(records);
        ObjectNode e = (ObjectNode) JSON.readTree(records.get(index).value());
        change.accept(e);
        out.set(index, seen(type, e));
        return out;
    }

    @Test
    void aConformingStreamPassesEveryRule() throws Exception {
        List<Verdict> verdicts = rules.check(TASK, good());
        assertThat(verdicts).allMatch(Verdict::passed, "all pass: " + verdicts);
        assertThat(verdicts.get(0).line()).startsWith("PASS schema-valid — ");
    }

    @Test
    void twoFinishedForOneRequestFailsOneFinishedPerRequest() throws Exception {
        List<SeenRecord> records = good();
        records.add(seen(Events.Type.EXECUTION_FINISHED, event(Events.Type.EXECUTION_FINISHED, 1, 10)));
        assertOnlyFails(records, Rule.ONE_FINISHED_PER_REQUEST, Events.executionId(TASK, 1) + " attempt 1: 2 ExecutionFinished");
    }

    @Test
    void aRedeliveredEventCountsOnce() throws Exception {
        List<SeenRecord> records = good();
        records.add(records.get(5));
        records.add(records.get(4));
        assertThat(failed(records)).isEmpty();
    }

    @Test
    void noFinishedFailsOneFinishedPerRequest() throws Exception {
        List<SeenRecord> records = good();
        records.remove(5);
        assertOnlyFails(records, Rule.ONE_FINISHED_PER_REQUEST, "0 ExecutionFinished");
    }

    @Test
    void aDecreasingMetricSequenceFailsMetricSequenceIncreasing() throws Exception {
        List<SeenRecord> records = replace(good(), 4, Events.Type.METRIC_LOGGED, e -> e.put("sequence", 1));
        assertOnlyFails(records, Rule.METRIC_SEQUENCE_INCREASING, "sequence 1 after 2");
    }

    @Test
    void missingCloudEventsHeadersFail() throws Exception {
        List<SeenRecord> records = new ArrayList<>(good());
        SeenRecord r = records.get(1);
        records.set(1, new SeenRecord(r.topic(), r.key(), Map.of(), r.value(), r.timestamp()));
        assertOnlyFails(records, Rule.CLOUDEVENTS_HEADERS, "ce_specversion missing");
    }

    @Test
    void aWrongSeqFailsIdsEchoed() throws Exception {
        List<SeenRecord> records = replace(good(), 1, Events.Type.EXECUTION_STARTED, e -> e.put("seq", 7));
        assertOnlyFails(records, Rule.IDS_ECHOED, "seq 7, the request's is 1");
    }

    @Test
    void anEventBeforeItsPredecessorFailsTimestampsOrdered() throws Exception {
        List<SeenRecord> records = replace(good(), 5, Events.Type.EXECUTION_FINISHED,
                e -> e.put("occurredAt", T0.plusSeconds(4).toString()));
        assertOnlyFails(records, Rule.TIMESTAMPS_ORDERED, "ExecutionFinished at");
    }

    @Test
    void aRecordOutsideItsSchemaFailsSchemaValid() throws Exception {
        List<SeenRecord> records = replace(good(), 5, Events.Type.EXECUTION_FINISHED, e -> e.put("status", "bogus"));
        assertOnlyFails(records, Rule.SCHEMA_VALID, "ExecutionFinished " + Events.executionId(TASK, 1));
    }

    @Test
    void aWrongKeyFailsKeyIsTaskId() throws Exception {
        List<SeenRecord> records = new ArrayList<>(good());
        SeenRecord r = records.get(2);
        records.set(2, new SeenRecord(r.topic(), "wrong", r.headers(), r.value(), r.timestamp()));
        assertOnlyFails(records, Rule.KEY_IS_TASK_ID, "key wrong");
    }
}
