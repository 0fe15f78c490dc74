package io.parzen.deploy.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.parzen.events.Events;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executor contract as rules over the records one task produced (plain Java: no Kafka, no I/O
 * but reading the contract's schemas from the class path). {@link #check} gives one {@link Verdict}
 * per {@link Rule}, in the enum's order. Records of other tasks are left out (by key and by taskId); a
 * record whose topic and eventId were seen before is a redelivery and counts once.
 */
public final class ConformanceRules {

    /** How many problems a failing verdict names; the rest are counted. */
    static final int SHOWN = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<Events.Type, JsonSchema> schemas = new EnumMap<>(Events.Type.class);
    private final Duration clockSkew;

    /** @param clockSkew how much a later event's occurredAt may lie before an earlier one's (clocks of different hosts) */
    public ConformanceRules(Duration clockSkew) {
        this.clockSkew = clockSkew;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (Events.Type type : Events.Type.values()) {
            try (InputStream in = Events.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("the contract's schema " + type.schemaResource() + " is not on the class path");
                }
                schemas.put(type, factory.getSchema(JSON.readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One verdict per rule for the records of {@code taskId}. */
    public List<Verdict> check(String taskId, List<SeenRecord> seen) {
        List<Parsed> records = new ArrayList<>();
        Set<String> delivered = new java.util.HashSet<>();
        for (SeenRecord r : seen) {
            Parsed p = Parsed.of(r);
            String eventId = p.text("eventId");
            if (eventId != null && !delivered.add(r.topic() + " " + eventId)) {
                continue; // at-least-once delivery: a redelivered event (same eventId) counts once
            }
            if (taskId.equals(r.key()) || taskId.equals(p.text("taskId"))) {
                records.add(p);
            }
        }
        List<Verdict> out = new ArrayList<>();
        out.add(schemaValid(records));
        out.add(cloudEventsHeaders(records));
        out.add(keyIsTaskId(taskId, records));
        Map<String, Execution> executions = executions(records);
        out.add(oneFinishedPerRequest(executions));
        out.add(idsEchoed(taskId, executions));
        out.add(metricSequenceIncreasing(executions));
        out.add(timestampsOrdered(executions));
        return out;
    }

    // ------------------------------------------------------------------ record rules

    private Verdict schemaValid(List<Parsed> records) {
        Problems problems = new Problems();
        for (Parsed p : records) {
            if (p.type == null) {
                continue;
            }
            if (p.json == null) {
                problems.add(p.where() + ": not JSON (" + p.parseError + ")");
                continue;
            }
            Set<ValidationMessage> errors = schemas.get(p.type).validate(p.json);
            if (!errors.isEmpty()) {
                problems.add(p.where() + ": " + errors.stream().map(ValidationMessage::getMessage).sorted().toList());
            }
        }
        return problems.verdict(Rule.SCHEMA_VALID, records.size() + " records valid");
    }

    private static Verdict cloudEventsHeaders(List<Parsed> records) {
        Problems problems = new Problems();
        for (Parsed p : records) {
            if (p.type == null) {
                continue;
            }
            Map<String, String> h = p.record.headers();
            List<String> wrong = new ArrayList<>();
            expect(wrong, h, Events.CE_SPECVERSION, "1.0");
            expect(wrong, h, Events.CE_ID, p.text("eventId"));
            expect(wrong, h, Events.CE_TYPE, p.type.cloudEventType());
            expect(wrong, h, Events.CE_SUBJECT, p.text("taskId"));
            expect(wrong, h, Events.CONTENT_TYPE, "application/json");
            present(wrong, h, Events.CE_SOURCE);
            present(wrong, h, Events.CE_TIME);
            if (!wrong.isEmpty()) {
                problems.add(p.where() + ": " + String.join(", ", wrong));
            }
        }
        return problems.verdict(Rule.CLOUDEVENTS_HEADERS, records.size() + " records with every header");
    }

    private static void expect(List<String> wrong, Map<String, String> h, String name, String value) {
        String got = h.get(name);
        if (got == null) {
            wrong.add(name + " missing");
        } else if (value != null && !value.equals(got)) {
            wrong.add(name + "=" + got + " (expected " + value + ")");
        }
    }

    private static void present(List<String> wrong, Map<String, String> h, String name) {
        String got = h.get(name);
        if (got == null || got.isBlank()) {
            wrong.add(name + " missing");
        }
    }

    private static Verdict keyIsTaskId(String taskId, List<Parsed> records) {
        Problems problems = new Problems();
        for (Parsed p : records) {
            if (p.type != null && !taskId.equals(p.record.key())) {
                problems.add(p.where() + ": key " + p.record.key());
            }
        }
        return problems.verdict(Rule.KEY_IS_TASK_ID, records.size() + " records keyed " + taskId);
    }

    // ------------------------------------------------------------------ execution rules

    /** What one execution attempt's records were, in the order they were seen. */
    static final class Execution {
        final String id;
        final List<Parsed> requests = new ArrayList<>();
        final List<Parsed> started = new ArrayList<>();
        final List<Parsed> metrics = new ArrayList<>();
        final List<Parsed> finished = new ArrayList<>();

        Execution(String id) {
            this.id = id;
        }
    }

    private static Map<String, Execution> executions(List<Parsed> records) {
        Map<String, Execution> byId = new LinkedHashMap<>();
        for (Parsed p : records) {
            if (p.json == null || p.type == null) {
                continue;
            }
            String execution = p.text("executionId");
            if (execution == null) {
                continue;
            }
            String id = execution + " attempt " + p.json.path("attempt").asInt(1);
            Execution e = byId.computeIfAbsent(id, Execution::new);
            switch (p.type) {
                case SUGGESTION_REQUESTED -> e.requests.add(p);
                case EXECUTION_STARTED -> e.started.add(p);
                case METRIC_LOGGED -> e.metrics.add(p);
                case EXECUTION_FINISHED -> e.finished.add(p);
                default -> { }
            }
        }
        return byId;
    }

    private static Verdict oneFinishedPerRequest(Map<String, Execution> executions) {
        Problems problems = new Problems();
        int requests = 0;
        for (Execution e : executions.values()) {
            requests += e.requests.isEmpty() ? 0 : 1;
            if (!e.requests.isEmpty() && e.finished.size() != 1) {
                problems.add(e.id + ": " + e.finished.size() + " ExecutionFinished for its SuggestionRequested");
            } else if (e.requests.isEmpty() && (!e.finished.isEmpty() || !e.started.isEmpty() || !e.metrics.isEmpty())) {
                problems.add(e.id + ": events without a SuggestionRequested");
            }
        }
        if (requests == 0) {
            problems.add("no SuggestionRequested seen for the task");
        }
        return problems.verdict(Rule.ONE_FINISHED_PER_REQUEST, requests + " requests, each answered once");
    }

    private static Verdict idsEchoed(String taskId, Map<String, Execution> executions) {
        Problems problems = new Problems();
        for (Execution e : executions.values()) {
            if (e.requests.isEmpty()) {
                continue;
            }
            Parsed request = e.requests.get(0);
            int seq = request.json.path("seq").asInt(-1);
            String expectedId = Events.executionId(taskId, seq);
            if (!expectedId.equals(request.text("executionId"))) {
                problems.add(e.id + ": the request's executionId is not " + expectedId);
            }
            List<Parsed> answers = new ArrayList<>(e.started);
            answers.addAll(e.metrics);
            answers.addAll(e.finished);
            for (Parsed a : answers) {
                if (!taskId.equals(a.text("taskId"))) {
                    problems.add(a.where() + ": taskId " + a.text("taskId"));
                }
                if (a.type != Events.Type.METRIC_LOGGED && a.json.path("seq").asInt(-1) != seq) {
                    problems.add(a.where() + ": seq " + a.json.path("seq") + ", the request's is " + seq);
                }
            }
        }
        return problems.verdict(Rule.IDS_ECHOED, "taskId, executionId, seq and attempt echoed");
    }

    private static Verdict metricSequenceIncreasing(Map<String, Execution> executions) {
        Problems problems = new Problems();
        int points = 0;
        for (Execution e : executions.values()) {
            long last = 0;
            for (Parsed m : e.metrics) {
                points++;
                long s = m.json.path("sequence").asLong(-1);
                if (last == 0 && s != 1) {
                    problems.add(e.id + ": the first sequence is " + s + ", not 1");
                } else if (last != 0 && s <= last) {
                    problems.add(e.id + ": sequence " + s + " after " + last);
                }
                last = Math.max(last, s);
            }
        }
        return problems.verdict(Rule.METRIC_SEQUENCE_INCREASING, points + " metric records in order");
    }

    private Verdict timestampsOrdered(Map<String, Execution> executions) {
        Problems problems = new Problems();
        for (Execution e : executions.values()) {
            Instant requested = first(e.requests);
            Instant started = first(e.started);
            Instant finished = first(e.finished);
            notBefore(problems, e.id, "ExecutionStarted", started, "SuggestionRequested", requested);
            for (Parsed m : e.metrics) {
                Instant at = m.instant("occurredAt");
                notBefore(problems, e.id, "MetricLogged " + m.json.path("sequence"), at, "ExecutionStarted", started);
                notBefore(problems, e.id, "ExecutionFinished", finished, "MetricLogged " + m.json.path("sequence"), at);
            }
            notBefore(problems, e.id, "ExecutionFinished", finished, "ExecutionStarted", started);
            notBefore(problems, e.id, "ExecutionFinished", finished, "SuggestionRequested", requested);
            if (!e.finished.isEmpty()) {
                notBefore(problems, e.id, "ExecutionFinished", finished, "its startedAt",
                        e.finished.get(0).instant("startedAt"));
            }
        }
        return problems.verdict(Rule.TIMESTAMPS_ORDERED, "requested <= started <= metrics <= finished");
    }

    private static Instant first(List<Parsed> records) {
        return records.isEmpty() ? null : records.get(0).instant("occurredAt");
    }

    private void notBefore(Problems problems, String execution, String later, Instant laterAt, String earlier,
            Instant earlierAt) {
        if (laterAt != null && earlierAt != null && laterAt.plus(clockSkew).isBefore(earlierAt)) {
            problems.add(execution + ": " + later + " at " + laterAt + " is before " + earlier + " at " + earlierAt);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A seen record with its event type (null: not an event topic) and its JSON (null: unreadable). */
    static final class Parsed {
        final SeenRecord record;
        final Events.Type type;
        final JsonNode json;
        final String parseError;

        private Parsed(SeenRecord record, Events.Type type, JsonNode json, String parseError) {
            this.record = record;
            this.type = type;
            this.json = json;
            this.parseError = parseError;
        }

        static Parsed of(SeenRecord r) {
            Events.Type type = null;
            for (Events.Type t : Events.Type.values()) {
                if (t.topic().equals(r.topic())) {
                    type = t;
                }
            }
            try {
                JsonNode json = r.value() == null ? null : JSON.readTree(r.value());
                return new Parsed(r, type, json != null && json.isObject() ? json : null,
                        json == null ? "no value" : json.isObject() ? null : "not a JSON object");
            } catch (IOException e) {
                return new Parsed(r, type, null, e.getMessage());
            }
        }

        String text(String field) {
            JsonNode n = json == null ? null : json.get(field);
            return n == null || !n.isTextual() ? null : n.asText();
        }

        Instant instant(String field) {
            String s = text(field);
            try {
                return s == null ? null : Instant.parse(s);
            } catch (DateTimeParseException e) {
                return null; // schema-valid names it
            }
        }

        String where() {
            String name = type == null ? record.topic() : type.recordClass().getSimpleName();
            String execution = text("executionId");
            return name + (execution == null ? "" : " " + execution)
                    + (type == Events.Type.METRIC_LOGGED && json != null ? " #" + json.path("sequence") : "");
        }
    }

    /** The problems one rule found; the verdict names the first {@value #SHOWN}. */
    static final class Problems {
        private final List<String> list = new ArrayList<>();

        void add(String problem) {
            list.add(problem);
        }

        Verdict verdict(Rule rule, String passDetail) {
            if (list.isEmpty()) {
                return Verdict.pass(rule, passDetail);
            }
            String shown = String.join("; ", list.subList(0, Math.min(SHOWN, list.size())));
            return Verdict.fail(rule, list.size() + " problem" + (list.size() == 1 ? "" : "s") + ": " + shown
                    + (list.size() > SHOWN ? "; ..." : ""));
        }
    }
}
