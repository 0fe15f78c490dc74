package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.Http;
import io.parzen.deploy.launcher.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several instances of every service (ADR 0027): two of each run 20 small tasks; while executions run,
 * the second instance of every service is killed with SIGKILL and not started again. The survivors take
 * over — the consumer groups give them the dead instances' partitions, the executor adopts the dead
 * executor's executions (its running ones crash {@code executor-lost} and run again as attempt 2, its queued ones run on the survivor)
 * — and every task still ends with exactly its execution count, no duplicate id, nothing started twice
 * (one {@code ExecutionStarted} per execution and attempt, counted by event id: an event the outbox sent again after a
 * crash is the same start).
 */
class TwoInstancesIT {

    static final int TASKS = 20;
    static final int EXECUTIONS = 6;
    static final int BATCH = 2;

    static E2eSystem e2e;
    static Watcher events;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure logs = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void startSystem() throws Exception {
        // a killed consumer's partitions move when its session expires: 6 s (the broker's minimum); the executor
        // checks every 2 s whether another instance is gone
        e2e = E2eSystem.start("instances", List.of("-Dkafka.session.timeout.ms=6000", "-Dkafka.heartbeat.interval.ms=1000",
                "-Dparzen.executor.max-parallel=3", "-Dparzen.executor.adopt-interval=2s"), 2);
        events = new Watcher(e2e.system.config().kafkaBootstrap());
        // ten JVMs on a small machine: the first answers of a service may be slow
        e2e.http = e2e.http.withTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopSystem() {
        if (events != null) {
            events.close();
        }
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    void twentyTasksEndExactlyWhenTheSecondInstanceOfEveryServiceIsKilled() throws Exception {
        long t0 = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            ObjectNode spec = TaskTypesIT.baseTask("e2e-instances-" + i, "random_search", "--sleep=1 ");
            ArrayNode p = spec.putArray("parameters");
            TaskTypesIT.uniform(p, "x", -1, 1);
            TaskTypesIT.uniform(p, "y", -1, 1);
            spec.put("maxExecutions", EXECUTIONS);
            spec.put("batchSize", BATCH);
            spec.putObject("target").put("metric", "loss").put("direction", "minimize");
            // the default onChildError: executions lost with their executor are run again (ADR 0023), never a
            // child error
            spec.put("seed", 100 + i);
            ids.add(e2e.createTask(spec));
        }

        // kill while the second executor runs executions, after some have finished
        String second = "#2";
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!(events.runningOn(second).size() >= 1 && events.finishedCount() >= 10)) {
            assertTrue(System.nanoTime() < deadline, "no execution running on executor-service#2 within 120 s");
            Thread.sleep(100);
        }
        Set<String> runningOnSecond = events.runningOn(second);
        for (Component c : Component.SERVICES) {
            long pid = e2e.system.kill(new Instance(c, 2)).orElseThrow(() -> new AssertionError(c.id() + "#2 was not running"));
            e2e.log("SIGKILLed " + c.id() + "#2 (pid " + pid + ")");
        }
        Instant killedAt = Instant.now();
        e2e.log("running on executor-service#2 when it was killed: " + runningOnSecond);

        Map<String, Integer> statuses = new TreeMap<>();
        Set<String> retried = new java.util.TreeSet<>();
        for (String id : ids) {
            JsonNode task = e2e.awaitFinal(id, Duration.ofSeconds(180));
            assertEquals("complete", task.path("status").asText(), "task: " + task);
            assertEquals("max-executions-reached", task.path("statusReason").asText(), "task: " + task);
            assertEquals(EXECUTIONS, count(task, "complete"), "summary: " + task);

            List<JsonNode> ex = e2e.awaitExecutionsFinal(id, EXECUTIONS, Duration.ofSeconds(30));
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= EXECUTIONS; i++) {
                expected.add(id + "-" + i);
            }
            List<String> listed = ex.stream().map(e -> e.path("id").asText()).toList();
            assertEquals(expected, listed, "exactly the executions " + id + "-1.." + EXECUTIONS + ", no duplicate");
            for (JsonNode e : ex) {
                String status = e.path("status").asText();
                statuses.merge(status, 1, Integer::sum);
                assertEquals("complete", status, "every execution ends complete, lost ones in a later attempt: " + e);
                if (e.path("attempt").asInt(1) > 1) {
                    retried.add(e.path("id").asText());
                    JsonNode first = e.path("attempts").path(0);
                    assertEquals("crashed", first.path("status").asText(), "attempt 1 of a re-run execution: " + e);
                    assertEquals("executor-lost", first.path("statusReason").asText(), "attempt 1 of " + e);
                    assertTrue(runningOnSecond.contains(e.path("id").asText())
                                    || (first.hasNonNull("startedAt")
                                            && Instant.parse(first.path("startedAt").asText()).isBefore(killedAt)),
                            "only executions the killed executor ran are run again: " + e);
                }
            }

            // the optimizer issued exactly the count; the executors have each execution once, all final
            JsonNode study = e2e.http.get(e2e.system.serviceUrl(Component.OPTIMIZER) + "/api/v1/studies/" + id).json();
            assertEquals(EXECUTIONS, study.path("issued").asInt(), "optimizer study: " + study);
            JsonNode executor = awaitExecutorFinal(id);
            List<String> executorIds = new ArrayList<>();
            executor.forEach(e -> executorIds.add(e.path("id").asText()));
            assertEquals(new HashSet<>(expected), new HashSet<>(executorIds), "executor executions of " + id);
            assertEquals(EXECUTIONS, executorIds.size(), "executor executions, no twins: " + executorIds);
        }
        e2e.log("executions: " + statuses + ", run again after executor-service#2's SIGKILL: " + retried);

        // nothing started twice: one ExecutionStarted (by event id) per execution and attempt
        Map<String, Set<String>> starts = events.startsByExecution();
        assertTrue(starts.size() >= TASKS, "ExecutionStarted events were read: " + starts.size());
        starts.forEach((attempt, s) -> assertEquals(1, s.size(), "execution/attempt " + attempt + " started "
                + s.size() + " times: " + s));
        // the snapshot was taken from the watcher, which may lag the broker: an execution that finished on
        // executor-service#2 just before its SIGKILL is complete in attempt 1 and rightly not run again
        Set<String> lostWithSecond = new java.util.TreeSet<>(runningOnSecond);
        lostWithSecond.removeIf(id -> events.firstAttemptFinishedBefore(id, killedAt));
        assertTrue(retried.containsAll(lostWithSecond),
                "the executions running on the killed executor are run again: " + lostWithSecond + " (of "
                        + runningOnSecond + " seen running) / " + retried);
        assertTrue(events.startedOn("#2").stream().noneMatch(id -> events.startedAfter(id, killedAt)),
                "nothing starts on the killed executor after its SIGKILL");
        e2e.log(String.format("done %.1f s after the first task was created", (System.nanoTime() - t0) / 1e9));
    }

    /** The executor's executions of a task once all are final (the adopted ones too). */
    private static JsonNode awaitExecutorFinal(String id) throws Exception {
        String url = e2e.system.serviceUrl(Component.EXECUTOR) + "/api/v1/executions?taskId=" + id;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode list = null;
        while (System.nanoTime() < deadline) {
            Http.Response r = e2e.http.get(url);
            list = r.json();
            if (r.ok() && list != null && list.isArray() && list.size() >= EXECUTIONS) {
                boolean allFinal = true;
                for (JsonNode e : list) {
                    allFinal &= E2eSystem.FINAL_EXECUTION.contains(e.path("status").asText());
                }
                if (allFinal) {
                    return list;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("executor executions of " + id + " not all final within 60 s: " + list);
    }

    private static int count(JsonNode task, String status) {
        return task.path("statusSummary").path(status).asInt();
    }

    /** Reads parzen.execution-started and parzen.execution-finished from the beginning, in the background. */
    static final class Watcher implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        /** "execution id/attempt" → event ids of its ExecutionStarted. */
        private final Map<String, Set<String>> starts = new ConcurrentHashMap<>();
        /** execution id → (executor, time) of its first ExecutionStarted. */
        private final Map<String, JsonNode> firstStart = new ConcurrentHashMap<>();
        private final Set<String> finished = ConcurrentHashMap.newKeySet();
        /** execution id → occurredAt of its attempt 1's ExecutionFinished. */
        private final Map<String, Instant> firstFinish = new ConcurrentHashMap<>();

        Watcher(String bootstrap) {
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-instances-" + UUID.randomUUID());
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(c);
            consumer.subscribe(List.of("parzen.execution-started", "parzen.execution-finished"));
            thread = new Thread(this::loop, "e2e-instances-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        JsonNode e = Http.JSON.readTree(r.value());
                        String id = e.path("executionId").asText();
                        if (r.topic().equals("parzen.execution-started")) {
                            // one start per (execution, attempt): an attempt after an infrastructure failure is not a twin
                            String attempt = id + "/" + e.path("attempt").asInt(1);
                            starts.computeIfAbsent(attempt, k -> ConcurrentHashMap.newKeySet()).add(e.path("eventId").asText());
                            firstStart.putIfAbsent(id, e);
                        } else {
                            finished.add(id);
                            if (e.path("attempt").asInt(1) == 1 && e.hasNonNull("occurredAt")) {
                                firstFinish.putIfAbsent(id, Instant.parse(e.path("occurredAt").asText()));
                            }
                        }
                    } catch (Exception ignored) {
                        // not ours to judge here
                    }
                }
            }
            consumer.close();
        }

        /** Executions started by an executor whose name ends with {@code suffix} and not finished yet. */
        Set<String> runningOn(String suffix) {
            Set<String> ids = new HashSet<>(startedOn(suffix));
            ids.removeAll(finished);
            return ids;
        }

        Set<String> startedOn(String suffix) {
            Set<String> ids = new HashSet<>();
            firstStart.forEach((id, e) -> {
                if (e.path("executor").asText().endsWith(suffix)) {
                    ids.add(id);
                }
            });
            return ids;
        }

        boolean startedAfter(String id, Instant t) {
            JsonNode e = firstStart.get(id);
            return e != null && Instant.parse(e.path("occurredAt").asText()).isAfter(t);
        }

        /** Whether attempt 1 of {@code id} reported its end before {@code t}. */
        boolean firstAttemptFinishedBefore(String id, Instant t) {
            Instant at = firstFinish.get(id);
            return at != null && at.isBefore(t);
        }

        int finishedCount() {
            return finished.size();
        }

        Map<String, Set<String>> startsByExecution() {
            return Map.copyOf(starts);
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
