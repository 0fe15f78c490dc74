package io.parzen.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A seeded generator of records no Parzen service can use, built by mutating the contract's own schema
 * examples (the first example of each {@code events/src/main/resources/schemas/*.schema.json}). Same
 * seed, same records: {@link MalformedRecordsIT} prints the seed and takes {@code -Dparzen.malformed.seed}.
 *
 * <p>Two kinds of record come out:
 * <ul>
 * <li><b>invalid</b> ({@link Record#invalid()}): every consumer of the topic must dead-letter it with a
 * reason — bad JSON, bad UTF-8, wrong types, a missing or blank {@code taskId}, out-of-range numbers,
 * a newer {@code schemaVersion}, a huge document, and duplicates of any of these;</li>
 * <li><b>well formed but unusable</b>: events for tasks and executions nobody created, sent twice and in
 * reverse order. A consumer may ignore them (idempotently) or dead-letter them; either way they must
 * not change anything of a real task. None is generated for {@code parzen.task-created} (a well-formed
 * TaskCreated <em>is</em> a new task) nor for {@code parzen.suggestion-requested} (the executor cannot
 * tell a request for an unknown, unfinished task from a real one: ADR 0008, that is the ACLs' job).</li>
 * </ul>
 * Each record's key is unique ({@code malformed-<n>-<category>}), so a dead-letter record (SmallRye
 * keeps the key) names the record it came from.
 */
final class MalformedRecords {

    enum Category {
        BAD_JSON(true), BAD_UTF8(true), WRONG_TYPE(true), MISSING_FIELD(true), HUGE_VALUE(true),
        WRONG_SCHEMA_VERSION(true), DUPLICATE(true), UNKNOWN_TASK(false), OUT_OF_ORDER(false);

        final boolean invalid;

        Category(boolean invalid) {
            this.invalid = invalid;
        }
    }

    record Record(String topic, String key, byte[] value, Category category) {
        boolean invalid() {
            return category.invalid;
        }
    }

    static final Map<String, String> SCHEMA_OF_TOPIC = new LinkedHashMap<>();

    static {
        SCHEMA_OF_TOPIC.put("parzen.task-created", "TaskCreated");
        SCHEMA_OF_TOPIC.put("parzen.suggestion-requested", "SuggestionRequested");
        SCHEMA_OF_TOPIC.put("parzen.execution-started", "ExecutionStarted");
        SCHEMA_OF_TOPIC.put("parzen.metric-logged", "MetricLogged");
        SCHEMA_OF_TOPIC.put("parzen.execution-finished", "ExecutionFinished");
        SCHEMA_OF_TOPIC.put("parzen.suggestions-exhausted", "SuggestionsExhausted");
        SCHEMA_OF_TOPIC.put("parzen.task-finished", "TaskFinished");
        SCHEMA_OF_TOPIC.put("parzen.execution-stop-requested", "ExecutionStopRequested");
        SCHEMA_OF_TOPIC.put("parzen.task-accepted", "TaskAccepted");
        SCHEMA_OF_TOPIC.put("parzen.task-stop-requested", "TaskStopRequested");
        SCHEMA_OF_TOPIC.put("parzen.execution-heartbeat", "ExecutionHeartbeat");
    }

    /**
     * Topics on which a well-formed record is an order that Parzen carries out, whoever wrote it: a new task
     * (task-created), an accepted task's study (task-accepted, written only by task-service under the ACLs), an
     * execution (suggestion-requested), a stop that names an unknown task (task-stop-requested: dead-lettered as
     * unusable, so not "ignored"). Only malformed records are generated for them.
     */
    static final Set<String> WELL_FORMED_ACTS = Set.of("parzen.task-created", "parzen.task-accepted",
            "parzen.suggestion-requested", "parzen.task-stop-requested");

    /** The fields every event has, with the type the contract's records read them as. */
    private static final List<String> COMMON_SCALARS = List.of("taskId", "eventId", "schemaVersion", "occurredAt");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ObjectNode> examples = new LinkedHashMap<>();
    private final SplittableRandom random;
    private final List<Record> invalidSoFar = new ArrayList<>();
    private int n;

    MalformedRecords(Path schemaDir, long seed) throws IOException {
        this.random = new SplittableRandom(seed);
        for (Map.Entry<String, String> e : SCHEMA_OF_TOPIC.entrySet()) {
            JsonNode schema = json.readTree(Files.readString(schemaDir.resolve(e.getValue() + ".schema.json")));
            examples.put(e.getKey(), (ObjectNode) schema.path("examples").get(0));
        }
    }

    /** The taskId of every topic's example (the invalid records that keep a taskId keep this one). */
    static Set<String> exampleTaskIds(Path schemaDir) throws IOException {
        Set<String> ids = new java.util.TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String schema : SCHEMA_OF_TOPIC.values()) {
            JsonNode s = json.readTree(Files.readString(schemaDir.resolve(schema + ".schema.json")));
            s.path("examples").forEach(e -> ids.add(e.path("taskId").asText()));
        }
        return ids;
    }

    /** {@code count} records spread evenly over the topics, categories drawn at random. */
    List<Record> generate(int count) {
        List<String> topics = new ArrayList<>(examples.keySet());
        List<Record> out = new ArrayList<>(count);
        while (out.size() < count) {
            String topic = topics.get(out.size() % topics.size());
            out.addAll(next(topic));
        }
        return out;
    }

    private List<Record> next(String topic) {
        Category[] all = Category.values();
        Category c = all[random.nextInt(all.length)];
        boolean wellFormedAllowed = !WELL_FORMED_ACTS.contains(topic);
        if (!c.invalid && !wellFormedAllowed) {
            c = Category.WRONG_TYPE;
        }
        if (c == Category.DUPLICATE && invalidSoFar.isEmpty()) {
            c = Category.BAD_JSON;
        }
        ObjectNode base = examples.get(topic).deepCopy();
        return switch (c) {
            case BAD_JSON -> List.of(invalid(topic, c, badJson(base)));
            case BAD_UTF8 -> List.of(invalid(topic, c, badUtf8(base)));
            case WRONG_TYPE -> List.of(invalid(topic, c, text(wrongType(base))));
            case MISSING_FIELD -> List.of(invalid(topic, c, text(missingTaskId(base))));
            case HUGE_VALUE -> List.of(invalid(topic, c, text(huge(base))));
            case WRONG_SCHEMA_VERSION -> List.of(invalid(topic, c, text(newerVersion(base))));
            case DUPLICATE -> {
                Record original = invalidSoFar.get(random.nextInt(invalidSoFar.size()));
                yield List.of(invalid(original.topic(), c, original.value()));
            }
            case UNKNOWN_TASK -> {
                byte[] v = text(forUnknownTask(base));
                yield List.of(record(topic, c, v), record(topic, c, v)); // twice: a duplicate too
            }
            case OUT_OF_ORDER -> outOfOrder();
        };
    }

    private Record invalid(String topic, Category c, byte[] value) {
        Record r = record(topic, c, value);
        invalidSoFar.add(r);
        return r;
    }

    private Record record(String topic, Category c, byte[] value) {
        return new Record(topic, "malformed-" + (n++) + "-" + c.name().toLowerCase(), value, c);
    }

    /** Truncated JSON, or JSON of the wrong shape (array, number, string, null, empty, blank). */
    private byte[] badJson(ObjectNode base) {
        String full = base.toString();
        return switch (random.nextInt(8)) {
            case 0 -> "[]".getBytes(StandardCharsets.UTF_8);
            case 1 -> "42".getBytes(StandardCharsets.UTF_8);
            case 2 -> "\"just a string\"".getBytes(StandardCharsets.UTF_8);
            case 3 -> "null".getBytes(StandardCharsets.UTF_8);
            case 4 -> "   ".getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{" + full).getBytes(StandardCharsets.UTF_8);
            default -> full.substring(0, random.nextInt(full.length() - 1)).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Bytes that are not UTF-8 where the document's structure is (before it, or inside the taskId name). */
    private byte[] badUtf8(ObjectNode base) {
        byte[] doc = text(base);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};
        if (random.nextBoolean()) {
            byte[] out = new byte[doc.length + bad.length];
            System.arraycopy(bad, 0, out, 0, bad.length);
            System.arraycopy(doc, 0, out, bad.length, doc.length);
            return out;
        }
        String s = new String(doc, StandardCharsets.UTF_8);
        int at = s.indexOf("\"taskId\"") + 5; // after "task
        byte[] head = s.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = s.substring(at).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(bad, 0, out, head.length, bad.length);
        System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
        return out;
    }

    /** A common scalar field (string, number or timestamp) as an object or an array. */
    private ObjectNode wrongType(ObjectNode e) {
        String field = COMMON_SCALARS.get(random.nextInt(COMMON_SCALARS.size()));
        if (random.nextBoolean()) {
            e.putObject(field).put("unexpected", random.nextInt());
        } else {
            e.putArray(field).add(random.nextInt()).add("x");
        }
        return e;
    }

    private ObjectNode missingTaskId(ObjectNode e) {
        switch (random.nextInt(3)) {
            case 0 -> e.remove("taskId");
            case 1 -> e.put("taskId", "");
            default -> e.putNull("taskId");
        }
        return e;
    }

    /** Numbers out of range, or a document of hundreds of kilobytes without a taskId. */
    private ObjectNode huge(ObjectNode e) {
        switch (random.nextInt(3)) {
            case 0 -> e.put("schemaVersion", new java.math.BigInteger("1" + "0".repeat(30 + random.nextInt(300))));
            case 1 -> e.put("schemaVersion", 2147483648L + random.nextInt(1000));
            default -> {
                e.remove("taskId");
                e.put("padding", "x".repeat(100_000 + random.nextInt(400_000)));
            }
        }
        return e;
    }

    private ObjectNode newerVersion(ObjectNode e) {
        int[] versions = {2, 3, 99, Integer.MAX_VALUE};
        e.put("schemaVersion", versions[random.nextInt(versions.length)]);
        return e;
    }

    /** The example for a task nobody created (the executionId follows it). */
    private ObjectNode forUnknownTask(ObjectNode e) {
        String task = new UUID(random.nextLong(), random.nextLong()).toString();
        e.put("taskId", task);
        e.put("eventId", new UUID(random.nextLong(), random.nextLong()).toString());
        if (e.has("executionId")) {
            e.put("executionId", task + "-" + e.path("seq").asInt(1));
        }
        return e;
    }

    /** One unknown execution's events, last first: finished, metric, started, task finished, stop. */
    private List<Record> outOfOrder() {
        String task = new UUID(random.nextLong(), random.nextLong()).toString();
        List<Record> out = new ArrayList<>();
        for (String topic : List.of("parzen.execution-finished", "parzen.metric-logged", "parzen.execution-started",
                "parzen.task-finished", "parzen.execution-stop-requested", "parzen.suggestions-exhausted")) {
            ObjectNode e = examples.get(topic).deepCopy();
            e.put("taskId", task);
            e.put("eventId", new UUID(random.nextLong(), random.nextLong()).toString());
            if (e.has("executionId")) {
                e.put("executionId", task + "-" + e.path("seq").asInt(1));
            }
            out.add(record(topic, Category.OUT_OF_ORDER, text(e)));
        }
        return out;
    }

    private byte[] text(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
