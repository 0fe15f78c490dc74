package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.launcher.Http;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A platform that has only a Kafka client and the AsyncAPI document: it creates tasks with
 * {@code TaskCreated} (JSON written by hand, no Parzen classes), watches them with {@code TaskAccepted},
 * {@code TaskRejected} and {@code TaskFinished}, and stops one with {@code TaskStopRequested}.
 */
@ExtendWith(SharedSystem.class)
class KafkaPlatformIT {

    static final Duration TIMEOUT = Duration.ofMinutes(3);

    static E2eSystem e2e;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure LOGS = new E2eSystem.LogsOnFailure(() -> e2e);
    static KafkaProducer<String, String> producer;
    static KafkaConsumer<String, String> consumer;
    static final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    static volatile boolean running = true;
    static Thread collector;

    @BeforeAll
    static void start(E2eSystem shared) throws Exception {
        e2e = shared;
        String bootstrap = e2e.system.config().kafkaBootstrap();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "platform-e2e-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(c);
        consumer.subscribe(Pattern.compile("parzen\\..*"));
        collector = new Thread(() -> {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            }
            consumer.close(Duration.ofSeconds(2));
        }, "platform-collector");
        collector.setDaemon(true);
        collector.start();
    }

    @AfterAll
    static void stop() throws Exception {
        running = false;
        if (collector != null) {
            collector.join(5000);
        }
        if (producer != null) {
            producer.close();
        }
    }

    static void send(String topic, String key, ObjectNode value) throws Exception {
        send(topic, key, value, null);
    }

    static void send(String topic, String key, ObjectNode value, String traceparent) throws Exception {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value.toString());
        if (traceparent != null) {
            r.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_id", value.path("eventId").asText().getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_source", "/platform/e2e".getBytes(StandardCharsets.UTF_8));
        r.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        producer.send(r).get(30, TimeUnit.SECONDS);
    }

    static ObjectNode envelope(String taskId) {
        ObjectNode e = Http.JSON.createObjectNode();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("schemaVersion", 1);
        e.put("taskId", taskId);
        e.put("occurredAt", Instant.now().toString());
        return e;
    }

    static ObjectNode taskCreated(String taskId, int maxExecutions, double sleepSeconds) {
        ObjectNode e = envelope(taskId);
        ObjectNode task = e.putObject("task");
        task.put("name", "platform-" + taskId);
        task.put("type", "random_search");
        task.put("command", "python3 smooth.py {parameters}" + (sleepSeconds > 0 ? " --sleep=" + sleepSeconds : ""));
        task.put("workingDirectory", E2eSystem.scriptDir().toString());
        ArrayNode params = task.putArray("parameters");
        params.addObject().put("name", "x").put("distribution", "uniform").put("min", -1).put("max", 1);
        task.put("maxExecutions", maxExecutions);
        task.put("batchSize", maxExecutions);
        task.putObject("target").put("metric", "score").put("value", 10.0);
        e.put("project", "default");
        return e;
    }

    static List<JsonNode> on(String topic, String key) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> r : received) {
            if (r.topic().equals(topic) && key.equals(r.key())) {
                out.add(Http.JSON.readTree(r.value()));
            }
        }
        return out;
    }

    static JsonNode await(String topic, String key, Predicate<JsonNode> match) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode n : on(topic, key)) {
                if (match.test(n)) {
                    return n;
                }
            }
            Thread.sleep(200);
        }
        fail("no matching record on " + topic + " for " + key + " after " + TIMEOUT.toSeconds() + " s; "
                + on(topic, key));
        return null;
    }

    @Test
    void aPlatformCreatesRunsAndWatchesATaskWithKafkaOnly() throws Exception {
        String id = "plat-" + UUID.randomUUID().toString().substring(0, 8);
        send("parzen.task-created", id, taskCreated(id, 3, 0));
        JsonNode accepted = await("parzen.task-accepted", id, n -> true);
        assertEquals("default", accepted.path("project").asText());
        JsonNode finished = await("parzen.task-finished", id, n -> true);
        assertEquals("complete", finished.path("status").asText(), finished.toString());
        assertEquals(3, on("parzen.execution-finished", id).size(), "ExecutionFinished of every execution");
        // the task is known to task-service like a REST one
        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertEquals("kafka:/platform/e2e", task.path("createdBy").asText());
        assertEquals(3, task.path("statusSummary").path("complete").asInt(), task.toString());
    }

    /**
     * ADR 0024: a platform's W3C trace context on its {@code TaskCreated} is continued by every record of the
     * task — through task-service, optimizer-service's batches, executor-service's executions and back to
     * {@code TaskFinished} — although each service writes them through its outbox, later and elsewhere.
     */
    @Test
    void aPlatformsTraceContextIsCarriedFromTaskCreatedToTaskFinished() throws Exception {
        String id = "plat-" + UUID.randomUUID().toString().substring(0, 8);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpan = traceId.substring(0, 16);
        ObjectNode created = taskCreated(id, 4, 0);
        ((ObjectNode) created.path("task")).put("batchSize", 2); // two batches: the optimizer's second hop too
        send("parzen.task-created", id, created, "00-" + traceId + "-" + parentSpan + "-01");
        await("parzen.task-finished", id, n -> true);
        List<String> topics = List.of("parzen.task-accepted", "parzen.suggestion-requested", "parzen.execution-started",
                "parzen.metric-logged", "parzen.execution-finished", "parzen.task-finished");
        java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
        for (ConsumerRecord<String, String> r : received) {
            if (!id.equals(r.key()) || !topics.contains(r.topic())) {
                continue;
            }
            org.apache.kafka.common.header.Header h = r.headers().lastHeader("traceparent");
            assertTrue(h != null, r.topic() + " record without a traceparent header: " + r.value());
            String[] parts = new String(h.value(), StandardCharsets.UTF_8).split("-");
            assertEquals(4, parts.length, r.topic() + " traceparent " + new String(h.value(), StandardCharsets.UTF_8));
            assertEquals(traceId, parts[1], r.topic() + " record of another trace: " + r.value());
            assertTrue(!parts[2].equals(parentSpan), r.topic() + " reuses the platform's span id as its own");
            seen.merge(r.topic(), 1, Integer::sum);
        }
        assertEquals(topics.size(), seen.size(), "records of the task on every topic: " + seen);
        assertEquals(4, seen.get("parzen.suggestion-requested"), "both batches: " + seen);
    }

    @Test
    void aPlatformStopsATaskWithTaskStopRequested() throws Exception {
        String id = "plat-" + UUID.randomUUID().toString().substring(0, 8);
        send("parzen.task-created", id, taskCreated(id, 2, 60));
        await("parzen.execution-started", id, n -> true);
        ObjectNode stop = envelope(id);
        stop.put("reason", "budget used up");
        stop.put("requestedBy", "e2e-platform");
        send("parzen.task-stop-requested", id, stop);
        JsonNode finished = await("parzen.task-finished", id, n -> true);
        assertEquals("stopped", finished.path("status").asText(), finished.toString());
        assertEquals("user-stopped", finished.path("reason").asText(), finished.toString());
        JsonNode task = e2e.awaitTask(id, "stopped", t -> "stopped".equals(t.path("status").asText()), TIMEOUT);
        assertEquals("e2e-platform", task.path("stoppedBy").asText());
    }

    @Test
    void anInvalidTaskIsRejectedWithItsErrorsAndNothingOfItRuns() throws Exception {
        String id = "plat-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode bad = taskCreated(id, 0, 0);
        send("parzen.task-created", id, bad);
        JsonNode rejected = await("parzen.task-rejected", id, n -> true);
        boolean names = false;
        for (JsonNode e : rejected.path("errors")) {
            names |= e.path("field").asText().equals("maxExecutions") && e.has("value") && e.has("message");
        }
        assertTrue(names, "TaskRejected names maxExecutions: " + rejected);
        await("parzen.dead-letter.task-service", id, n -> true);
        // a valid task sent after it runs: by then the invalid one would have had its suggestions
        String after = "plat-" + UUID.randomUUID().toString().substring(0, 8);
        send("parzen.task-created", after, taskCreated(after, 1, 0));
        await("parzen.suggestion-requested", after, n -> true);
        assertEquals(List.of(), on("parzen.suggestion-requested", id), "no SuggestionRequested for a rejected task");
        assertEquals(List.of(), on("parzen.task-accepted", id), "no TaskAccepted for a rejected task");
        assertEquals(404, e2e.http.get(e2e.taskApi() + "/tasks/" + id).status());
    }
}
