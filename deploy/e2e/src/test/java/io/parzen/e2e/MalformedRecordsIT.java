package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed records on every input topic of every service (issue 14, item 4): {@link MalformedRecords}
 * makes {@value #RECORDS} records from the contract's examples with a printed seed (reproduce a run with
 * {@code -Dparzen.malformed.seed=N}; change the count with {@code -Dparzen.malformed.count=N}), the test
 * writes them to the eight event topics of the running (shared) system, then checks
 * <ol>
 * <li>every <em>invalid</em> record reaches {@code parzen.dead-letter.<service>} of every service that
 * consumes its topic, with a non-blank {@code dead-letter-reason} header;</li>
 * <li>nothing happened: task-service lists no task more, executor-service no execution, metrics-service no
 * point for the unknown tasks;</li>
 * <li>every service still consumes: a real task, created afterwards, completes with its metrics.</li>
 * </ol>
 * What counts as unusable: a record that cannot be read as its topic's event, or lacks what every event
 * carries, is dead-lettered. A well-formed event for a task or execution nobody created, a duplicate of
 * one, or events of one execution in the wrong order are <em>not</em> errors of the record: the topics
 * are not ordered with each other and delivery is at least once, so consumers ignore them idempotently
 * (or dead-letter them); the test only requires that they change nothing (ADR 0020).
 */
@ExtendWith(SharedSystem.class)
class MalformedRecordsIT {

    static final int RECORDS = 10_000;
    static final Map<String, List<String>> INPUTS = Map.of(
            "task-service", List.of("parzen.suggestion-requested", "parzen.execution-started", "parzen.metric-logged",
                    "parzen.execution-finished", "parzen.suggestions-exhausted", "parzen.execution-heartbeat",
                    "parzen.task-created", "parzen.task-stop-requested"),
            "optimizer-service", List.of("parzen.task-accepted", "parzen.execution-finished", "parzen.task-finished",
                    "parzen.metric-logged"),
            "executor-service", List.of("parzen.suggestion-requested", "parzen.task-finished",
                    "parzen.execution-stop-requested"),
            "metrics-service", List.of("parzen.metric-logged", "parzen.task-accepted", "parzen.execution-finished"));

    static E2eSystem e2e;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure LOGS = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void up(E2eSystem shared) {
        e2e = shared;
    }

    @Test
    void everyUnusableRecordIsDeadLetteredAndChangesNothing() throws Exception {
        long seed = Long.getLong("parzen.malformed.seed", System.nanoTime());
        int count = Integer.getInteger("parzen.malformed.count", RECORDS);
        e2e.log("malformed records: seed " + seed + " (-Dparzen.malformed.seed=" + seed + "), " + count + " records");
        Path schemas = E2eSystem.repoRoot().resolve("events/src/main/resources/schemas");
        List<MalformedRecords.Record> records = new MalformedRecords(schemas, seed).generate(count);
        assertTrue(records.size() >= count);
        Map<String, Long> byCategory = records.stream().collect(
                Collectors.groupingBy(r -> r.category().name(), TreeMap::new, Collectors.counting()));
        e2e.log("generated " + records.size() + " records: " + byCategory);

        // the system is shared with other classes: their tasks were there before and stay
        int tasksBefore = taskCount();
        produce(records);
        e2e.log("produced");

        // 1. every invalid record in the dead-letter topic of every consumer of its topic, with a reason
        Map<String, Set<String>> expected = new HashMap<>();
        for (Map.Entry<String, List<String>> s : INPUTS.entrySet()) {
            expected.put(s.getKey(), records.stream().filter(r -> r.invalid() && s.getValue().contains(r.topic()))
                    .map(MalformedRecords.Record::key).collect(Collectors.toSet()));
        }
        Map<String, Map<String, String>> dead = awaitDeadLetters(expected, Duration.ofSeconds(150));
        for (String service : INPUTS.keySet()) {
            Map<String, String> reasons = dead.get(service);
            for (String key : expected.get(service)) {
                String reason = reasons.get(key);
                assertTrue(reason != null && !reason.isBlank(), service + ": " + key + " without a dead-letter-reason");
            }
            Map<String, Long> perCategory = reasons.keySet().stream().collect(Collectors.groupingBy(
                    k -> k.substring(k.lastIndexOf('-') + 1), TreeMap::new, Collectors.counting()));
            e2e.log(service + ": " + reasons.size() + " dead-lettered " + perCategory + ", e.g. "
                    + reasons.values().stream().distinct().limit(3).toList());
        }

        // 2. no side effect
        assertEquals(tasksBefore, taskCount(), "task-service lists a task more after malformed records only");
        // the task ids the records name: the examples' (kept by every invalid mutation that keeps a
        // taskId) and the unknown tasks of the well-formed ones
        Set<String> named = new HashSet<>(MalformedRecords.exampleTaskIds(schemas));
        Set<String> unknownTasks = new HashSet<>();
        for (MalformedRecords.Record r : records) {
            if (!r.invalid() && unknownTasks.size() < 40) {
                unknownTasks.add(Http.JSON.readTree(r.value()).path("taskId").asText());
            }
        }
        named.addAll(unknownTasks);
        for (String task : named) {
            assertEquals(null, e2e.task(task), "task-service knows the task " + task);
            assertEquals(List.of(), executorExecutions(task), "executor-service ran something for " + task);
            assertEquals(Map.of(), e2e.metricPoints(task), "metrics-service has points of task " + task);
        }
        e2e.log("no side effect for " + named.size() + " task ids the records name");

        // 3. still consuming: a real task completes
        String id = e2e.createTask(validTask());
        JsonNode t = e2e.awaitFinal(id, Duration.ofMinutes(2));
        assertEquals("complete", t.path("status").asText(), "the real task after the malformed records: " + t);
        List<JsonNode> executions = e2e.awaitExecutionsFinal(id, 4, Duration.ofSeconds(30));
        assertEquals(4, executions.size());
        Set<String> executionIds = new HashSet<>();
        for (JsonNode x : executions) {
            assertEquals("complete", x.path("status").asText(), x.toString());
            executionIds.add(x.path("id").asText(x.path("executionId").asText()));
        }
        e2e.awaitMetrics(id, executionIds, Duration.ofSeconds(30));
        assertEquals(tasksBefore + 1, taskCount(), "only the real task was added");
        assertEquals(4, executorExecutions(id).size(), "executor-service's executions of the real task");
    }

    private static void produce(List<MalformedRecords.Record> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, e2e.system.config().kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (MalformedRecords.Record r : records) {
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
            }
            producer.flush();
        }
    }

    /** Reads the four dead-letter topics until they hold the expected keys: service → key → reason. */
    private static Map<String, Map<String, String>> awaitDeadLetters(Map<String, Set<String>> expected, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, e2e.system.config().kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "malformed-it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        Map<String, Map<String, String>> dead = new HashMap<>();
        INPUTS.keySet().forEach(s -> dead.put(s, new HashMap<>()));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(INPUTS.keySet().stream().map(s -> "parzen.dead-letter." + s).toList());
            long lastLog = 0;
            while (true) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    String service = r.topic().substring("parzen.dead-letter.".length());
                    if (r.key() != null && r.key().startsWith("malformed-") && dead.containsKey(service)) {
                        Header h = r.headers().lastHeader("dead-letter-reason");
                        dead.get(service).put(r.key(), h == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
                    }
                }
                Map<String, Integer> missing = new TreeMap<>();
                for (String s : expected.keySet()) {
                    int m = (int) expected.get(s).stream().filter(k -> !dead.get(s).containsKey(k)).count();
                    if (m > 0) {
                        missing.put(s, m);
                    }
                }
                if (missing.isEmpty()) {
                    e2e.log("every invalid record is dead-lettered");
                    return dead;
                }
                if (System.nanoTime() - lastLog > 10_000_000_000L) {
                    e2e.log("not yet dead-lettered: " + missing);
                    lastLog = System.nanoTime();
                }
                if (System.nanoTime() > deadline) {
                    Map<String, List<String>> examples = new TreeMap<>();
                    for (String s : missing.keySet()) {
                        examples.put(s, expected.get(s).stream().filter(k -> !dead.get(s).containsKey(k)).sorted()
                                .limit(10).toList());
                    }
                    fail("not dead-lettered after " + timeout.toSeconds() + " s: " + missing + ", e.g. " + examples);
                }
            }
        }
    }

    private static int taskCount() throws Exception {
        Http.Response r = e2e.http.get(e2e.taskApi() + "/tasks");
        assertTrue(r.ok(), "GET /tasks: " + r.status() + " " + r.body());
        return r.json().path("total").asInt(-1);
    }

    private static List<JsonNode> executorExecutions(String taskId) throws Exception {
        Http.Response r = e2e.http.get(e2e.system.serviceUrl(Component.EXECUTOR) + "/api/v1/executions?taskId="
                + java.net.URLEncoder.encode(taskId, StandardCharsets.UTF_8));
        assertTrue(r.ok(), "GET executor /executions: " + r.status() + " " + r.body());
        List<JsonNode> out = new ArrayList<>();
        JsonNode n = r.json();
        JsonNode list = n.isArray() ? n : n.path("items");
        list.forEach(out::add);
        return out;
    }

    private static ObjectNode validTask() {
        ObjectNode task = Http.JSON.createObjectNode();
        task.put("name", "after-malformed");
        task.put("type", "random_search");
        task.put("command", "python3 fake_train.py {parameters}");
        task.put("workingDirectory", E2eSystem.scriptDir().toString());
        ArrayNode params = task.putArray("parameters");
        params.addObject().put("name", "x").put("distribution", "uniform").put("min", -1).put("max", 1);
        task.put("maxExecutions", 4);
        task.put("batchSize", 2);
        task.put("seed", 7);
        return task;
    }
}
