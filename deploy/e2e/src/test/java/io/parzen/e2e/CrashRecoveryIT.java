package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reliability rule of docs/architecture.md: killing a service with SIGKILL at any moment loses
 * nothing. A Bayesian task of 16 executions in batches of 4 runs while the optimizer-service, then
 * the task-service, then the executor-service are each killed with SIGKILL (no shutdown hook runs)
 * and started again. The task must still end with exactly 16 distinct executions, every one
 * {@code complete}: the executions running when the executor was killed are reported lost
 * ({@code executor-lost}) and run again as attempt 2 (ADR 0023), each attempt once; every service's view
 * of it must agree, and the lost attempt's log stays readable.
 *
 * <p>The services get a Kafka consumer session timeout of 6 s (the broker's minimum) instead of their
 * 10 s: a killed consumer never leaves its group, so its partitions go to the restarted instance
 * only when its session expires. That changes how fast the system recovers, not what it does (with
 * Kafka's own 45 s default the test passed too, in 105 s instead of 27 s for the task).
 */
class CrashRecoveryIT {

    static final int EXECUTIONS = 16;
    static final int BATCH = 4;

    static E2eSystem e2e;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure logs = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void startSystem() throws Exception {
        e2e = E2eSystem.start("crash",
                List.of("-Dkafka.session.timeout.ms=6000", "-Dkafka.heartbeat.interval.ms=1000"));
    }

    @AfterAll
    static void stopSystem() {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    void aTaskSurvivesSigkillOfOptimizerTaskAndExecutorServices() throws Exception {
        // 3 s per execution: the executor is killed while one runs (see awaitExecutorRunning)
        ObjectNode spec = TaskTypesIT.baseTask("e2e-crash-recovery", "bayesian_tpe", "--sleep=3 ");
        spec.put("engine", "optuna");
        ArrayNode p = spec.putArray("parameters");
        TaskTypesIT.uniform(p, "x", -1, 1);
        TaskTypesIT.uniform(p, "y", -1, 1);
        spec.put("maxExecutions", EXECUTIONS);
        spec.put("batchSize", BATCH);
        spec.put("randomStartup", BATCH);
        spec.putObject("target").put("metric", "loss").put("direction", "minimize");
        // the default onChildError (fail the task): an execution lost with the executor is Parzen's fault and is
        // run again, never counted as the task's child error
        spec.put("seed", 2026);
        long t0 = System.nanoTime();
        String id = e2e.createTask(spec);
        ExecutionEvents events = new ExecutionEvents(e2e.system.config().kafkaBootstrap(), id);
        events.start();

        // 1. optimizer-service, while the first batch runs (its results arrive while it is down)
        e2e.awaitTask(id, "running its first batch", t -> count(t, "complete") >= 1, Duration.ofSeconds(90));
        killAndRestart(Component.OPTIMIZER);

        // 2. task-service, once the restarted optimizer issued the second batch
        awaitExecution(id, "batch 2 issued", e -> e.path("batch").asInt() >= 2);
        killAndRestart(Component.TASK);

        // 3. executor-service, while executions of batch 3 or later really run: started in the executor (as the
        //    executor itself says: task-service may still be catching up after its restart), its ExecutionStarted
        //    on the topic and no ExecutionFinished, and started less than a second ago (a run takes 3 s), so that
        //    the SIGKILL lands while it runs
        Set<String> runningAtKill = awaitExecutorRunning(id, 3, events);
        e2e.log("running in the executor when it is killed: " + runningAtKill);
        killAndRestart(Component.EXECUTOR);
        Instant killedBy = killedAt;

        JsonNode task = e2e.awaitFinal(id, Duration.ofSeconds(180));
        e2e.log(String.format("task final %.1f s after it was created", (System.nanoTime() - t0) / 1e9));
        assertEquals("complete", task.path("status").asText(), "task: " + task);
        assertEquals("max-executions-reached", task.path("statusReason").asText(), "task: " + task);

        List<JsonNode> ex = e2e.awaitExecutionsFinal(id, EXECUTIONS, Duration.ofSeconds(30));
        Map<String, Integer> statuses = new TreeMap<>();
        ex.forEach(e -> statuses.merge(e.path("status").asText(), 1, Integer::sum));
        e2e.log("executions: " + ex.size() + " " + statuses);

        // the executor's view: each execution once, final, with the attempt it ran last
        JsonNode executor = e2e.http.get(e2e.system.serviceUrl(Component.EXECUTOR) + "/api/v1/executions?taskId=" + id)
                .json();
        Map<String, JsonNode> inExecutor = new TreeMap<>();
        executor.forEach(e -> inExecutor.put(e.path("id").asText(), e));

        // exactly 16, ids taskId-1..16 in order, no duplicates, each in its batch, every one complete
        List<String> ids = ex.stream().map(e -> e.path("id").asText()).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= EXECUTIONS; i++) {
            expected.add(id + "-" + i);
        }
        assertEquals(expected, ids, "exactly the executions " + id + "-1.." + EXECUTIONS);
        assertEquals(EXECUTIONS, new HashSet<>(ids).size(), "no duplicate ids");
        Map<Integer, Integer> perBatch = new TreeMap<>();
        for (JsonNode e : ex) {
            int seq = e.path("seq").asInt();
            assertEquals((seq - 1) / BATCH + 1, e.path("batch").asInt(), "batch of " + e);
            perBatch.merge(e.path("batch").asInt(), 1, Integer::sum);
            assertEquals(seq <= BATCH ? "random" : "model", e.path("source").asText(), "source of " + e);
            assertEquals("complete", e.path("status").asText(), "every execution complete, lost ones run again: " + e);
            assertEquals(3, e.path("metrics").path("step").asInt(), "a complete execution's last line: " + e);
            JsonNode run = inExecutor.get(e.path("id").asText());
            assertTrue(run != null, "in the executor: " + e);
            if (e.has("attempt")) {
                assertEquals(run.path("attempt").asInt(), e.path("attempt").asInt(),
                        "task-service and the executor agree on the final attempt: " + e + " / " + run);
            }
        }
        assertEquals(Map.of(1, 4, 2, 4, 3, 4, 4, 4), perBatch, "four batches of four");
        assertEquals(Map.of("complete", EXECUTIONS), statuses, "no child error, no crash left: " + statuses);
        assertEquals(EXECUTIONS, count(task, "complete"), "summary: " + task);

        // the executions running at the SIGKILL ran again as attempt 2 (or later); the lost attempt ended
        // crashed/executor-lost, and its log is still there
        Set<String> retried = new TreeSet<>();
        for (String eid : runningAtKill) {
            JsonNode run = inExecutor.get(eid);
            assertTrue(run.path("attempt").asInt() >= 2, "running at the executor's SIGKILL, so run again: " + run);
            assertEquals("complete", run.path("status").asText(), "its final attempt: " + run);
            retried.add(eid);
            List<JsonNode> lost = events.finished(eid, 1);
            assertTrue(!lost.isEmpty() && lost.stream().allMatch(f -> f.path("status").asText().equals("crashed")
                    && f.path("statusReason").asText().equals("executor-lost")
                    && Instant.parse(f.path("startedAt").asText()).isBefore(killedBy)), "attempt 1 lost: " + lost);
            Http.Response log = e2e.http.getText(e2e.system.serviceUrl(Component.EXECUTOR) + "/api/v1/executions/" + eid
                    + "/log?attempt=1");
            assertEquals(200, log.status(), "attempt 1's log of " + eid);
            // kept apart from attempt 2's: readable on its own (it may be empty: the kill can come before the
            // executor wrote the process's first line to it)
            Http.Response current = e2e.http.getText(e2e.system.serviceUrl(Component.EXECUTOR) + "/api/v1/executions/"
                    + eid + "/log");
            assertEquals(200, current.status(), "the current attempt's log of " + eid);
            assertTrue(log.body().isBlank() || !log.body().equals(current.body()),
                    "attempt 1's log of " + eid + " is its own, not the current attempt's: " + log.body());
        }
        assertTrue(!retried.isEmpty(), "executions ran at the executor's SIGKILL: " + runningAtKill);
        e2e.log("run again after the executor's SIGKILL: " + retried);
        // every (execution, attempt) ran once: one ExecutionStarted event each (a redelivery repeats its event id)
        Map<String, Set<String>> runs = events.startedEventIds();
        runs.forEach((run, eventIds) -> assertEquals(1, eventIds.size(), "one run of " + run + ": " + eventIds));
        for (JsonNode run : inExecutor.values()) {
            for (int a = 1; a <= run.path("attempt").asInt(); a++) {
                assertTrue(runs.containsKey(run.path("id").asText() + "#" + a), "attempt " + a + " of " + run
                        + " started: " + runs.keySet());
            }
        }
        events.close();

        // the optimizer issued exactly 16, knows every result and that the task ended (it consumes
        // the last ExecutionFinished and TaskFinished a moment after task-service did)
        JsonNode study = awaitStudy(id, s -> s.path("status").asText().equals("finished")
                && StreamSupport.stream(s.path("trials").spliterator(), false)
                        .noneMatch(t -> t.path("state").asText().equalsIgnoreCase("pending")));
        assertEquals("max-executions-reached", study.path("finishedReason").asText(), "optimizer study: " + study);
        assertEquals(EXECUTIONS, study.path("issued").asInt(), "optimizer study: " + study);
        assertEquals(EXECUTIONS, study.path("trials").size(), "optimizer trials: " + study);
        Set<String> trialIds = new HashSet<>();
        study.path("trials").forEach(t -> trialIds.add(t.path("executionId").asText()));
        assertEquals(new HashSet<>(expected), trialIds, "optimizer trial ids");

        // the executor has each execution exactly once, all final
        List<String> executorIds = new ArrayList<>();
        executor.forEach(e -> executorIds.add(e.path("id").asText()));
        assertEquals(new HashSet<>(expected), new HashSet<>(executorIds), "executor executions");
        assertEquals(EXECUTIONS, executorIds.size(), "executor executions, no twins: " + executorIds);
        executor.forEach(e -> assertTrue(E2eSystem.FINAL_EXECUTION.contains(e.path("status").asText()),
                "final in the executor: " + e));

        // metrics-service has the points of every complete execution (its final attempt), each line once
        Set<String> complete = new HashSet<>(expected);
        Map<String, List<JsonNode>> points = e2e.awaitMetrics(id, complete, Duration.ofSeconds(60));
        for (String eid : complete) {
            List<JsonNode> pts = points.get(eid);
            Set<String> distinct = pts.stream().map(pt -> pt.path("attempt").asInt(1) + "/"
                    + pt.path("sequence").asInt() + "/" + pt.path("key").asText()).collect(Collectors.toSet());
            int attempt = inExecutor.get(eid).path("attempt").asInt();
            assertTrue(pts.stream().allMatch(pt -> pt.path("attempt").asInt(1) == attempt),
                    "the points of " + eid + " are its final attempt's (" + attempt + "): " + pts);
            assertEquals(distinct.size(), pts.size(), "no duplicate metric points of " + eid + ": " + pts);
            long losses = pts.stream().filter(pt -> pt.path("key").asText().equals("loss")).count();
            assertEquals(3, losses, "3 loss points of " + eid + ": " + pts);
        }
        e2e.log(String.format("done %.1f s after the task was created", (System.nanoTime() - t0) / 1e9));
    }

    /** When the last {@link #killAndRestart} had killed its component. */
    static Instant killedAt;

    private static void killAndRestart(Component c) throws Exception {
        long t = System.nanoTime();
        long pid = e2e.system.kill(c).orElseThrow(() -> new AssertionError(c.id() + " was not running"));
        killedAt = Instant.now();
        e2e.log("SIGKILLed " + c.id() + " (pid " + pid + ")");
        e2e.system.start(c);
        e2e.log(String.format("%s ready again after %.1f s", c.id(), (System.nanoTime() - t) / 1e9));
    }

    private static int count(JsonNode task, String status) {
        return task.path("statusSummary").path(status).asInt();
    }

    /**
     * The ids of the executions of the task that run in the executor now, once one of batch {@code minBatch} or later
     * really runs: the executor lists it {@code started}, started less than a second ago, and its ExecutionStarted is
     * on the topic without an ExecutionFinished of that attempt.
     */
    private static Set<String> awaitExecutorRunning(String id, int minBatch, ExecutionEvents events) throws Exception {
        String url = e2e.system.serviceUrl(Component.EXECUTOR) + "/api/v1/executions?taskId=" + id;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode list = null;
        while (System.nanoTime() < deadline) {
            Http.Response r = e2e.http.get(url);
            list = r.json();
            if (r.ok() && list != null && list.isArray()) {
                Instant recent = Instant.now().minusSeconds(1);
                Set<String> running = new TreeSet<>();
                boolean justStarted = false;
                for (JsonNode e : list) {
                    String eid = e.path("id").asText();
                    int attempt = e.path("attempt").asInt(1);
                    if (!e.path("status").asText().equals("started") || !events.isRunning(eid, attempt)) {
                        continue;
                    }
                    running.add(eid);
                    justStarted |= e.path("batch").asInt() >= minBatch && e.hasNonNull("startedAt")
                            && Instant.parse(e.path("startedAt").asText()).isAfter(recent);
                }
                if (justStarted) {
                    return running;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task " + id + ": no execution of batch >= " + minBatch
                + " running in the executor within 120 s: " + list);
    }

    /**
     * The task's ExecutionStarted and ExecutionFinished events as they are on the topics (a plain Kafka consumer of
     * its own group, from the beginning), by execution and attempt.
     */
    static final class ExecutionEvents implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final String taskId;
        private final Map<String, Set<String>> started = new ConcurrentHashMap<>();
        private final Map<String, List<JsonNode>> finished = new ConcurrentHashMap<>();
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final Thread thread;

        ExecutionEvents(String bootstrap, String taskId) {
            this.taskId = taskId;
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-e2e-" + UUID.randomUUID());
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(c);
            thread = new Thread(this::loop, "crash-e2e-events");
            thread.setDaemon(true);
        }

        void start() {
            consumer.subscribe(List.of("parzen.execution-started", "parzen.execution-finished"));
            thread.start();
        }

        private void loop() {
            try {
                while (open.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        if (!taskId.equals(r.key())) {
                            continue;
                        }
                        JsonNode event = Http.JSON.readTree(r.value());
                        String run = event.path("executionId").asText() + "#" + event.path("attempt").asInt(1);
                        if (r.topic().equals("parzen.execution-started")) {
                            started.computeIfAbsent(run, k -> ConcurrentHashMap.newKeySet())
                                    .add(event.path("eventId").asText());
                        } else {
                            finished.computeIfAbsent(run, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                    .add(event);
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }

        /** Its ExecutionStarted is on the topic and no ExecutionFinished of that attempt. */
        boolean isRunning(String executionId, int attempt) {
            String run = executionId + "#" + attempt;
            return started.containsKey(run) && !finished.containsKey(run);
        }

        /** The ExecutionFinished events of one attempt. */
        List<JsonNode> finished(String executionId, int attempt) {
            return List.copyOf(finished.getOrDefault(executionId + "#" + attempt, List.of()));
        }

        /** The event ids of the ExecutionStarted of each run, {@code <executionId>#<attempt>}. */
        Map<String, Set<String>> startedEventIds() {
            return new TreeMap<>(started);
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                consumer.wakeup();
            }
        }
    }

    /** The optimizer's study of the task once {@code done} holds (30 s at most). */
    private static JsonNode awaitStudy(String id, Predicate<JsonNode> done) throws Exception {
        String url = e2e.system.serviceUrl(Component.OPTIMIZER) + "/api/v1/studies/" + id;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode study = null;
        while (System.nanoTime() < deadline) {
            Http.Response r = e2e.http.get(url);
            if (r.ok() && r.json() != null) {
                study = r.json();
                if (done.test(study)) {
                    return study;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("optimizer study of " + id + " not finished with every result recorded: " + study);
    }

    private static void awaitExecution(String id, String what, Predicate<JsonNode> p)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> ex = e2e.executionsOrNull(id);
            if (ex != null && ex.stream().anyMatch(p)) {
                e2e.log(what + ": " + ex.size() + " executions listed");
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("task " + id + ": not '" + what + "' within 120 s: " + e2e.executionsOrNull(id));
    }
}
