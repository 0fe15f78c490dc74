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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reliability rule of docs/architecture.md: killing a service with SIGKILL at any moment loses
 * nothing. A Bayesian task of 16 executions in batches of 4 runs while the optimizer-service, then
 * the task-service, then the executor-service are each killed with SIGKILL (no shutdown hook runs)
 * and started again. The task must still end with exactly 16 distinct, final executions, and every
 * service's view of it must agree.
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
        ObjectNode spec = Http.JSON.createObjectNode();
        spec.put("name", "e2e-crash-recovery");
        spec.put("type", "bayesian_tpe");
        spec.put("engine", "optuna");
        spec.put("command", "python3 smooth.py --sleep=1.5 {parameters}");
        spec.put("workingDirectory", E2eSystem.scriptDir().toString());
        ArrayNode p = spec.putArray("parameters");
        p.addObject().put("name", "x").put("distribution", "uniform").put("min", -1).put("max", 1);
        p.addObject().put("name", "y").put("distribution", "uniform").put("min", -1).put("max", 1);
        spec.put("maxExecutions", EXECUTIONS);
        spec.put("batchSize", BATCH);
        spec.put("randomStartup", BATCH);
        spec.putObject("target").put("metric", "loss").put("direction", "minimize");
        // executions running when the executor dies end crashed; they must not turn the task into an error
        spec.put("onChildError", "continue-and-complete");
        spec.put("seed", 2026);
        long t0 = System.nanoTime();
        String id = e2e.createTask(spec);

        // 1. optimizer-service, while the first batch runs (its results arrive while it is down)
        e2e.awaitTask(id, "running its first batch", t -> count(t, "complete") >= 1, Duration.ofSeconds(90));
        killAndRestart(Component.OPTIMIZER);

        // 2. task-service, once the restarted optimizer issued the second batch
        awaitExecution(id, "batch 2 issued", e -> e.path("batch").asInt() >= 2);
        killAndRestart(Component.TASK);

        // 3. executor-service, while executions of batch 3 or later run (as the executor itself says:
        //    task-service may still be catching up after its restart)
        List<JsonNode> before = awaitExecutorRunning(id, 3);
        Set<String> runningAtKill = before.stream().filter(e -> e.path("status").asText().equals("started"))
                .map(e -> e.path("id").asText()).collect(Collectors.toSet());
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

        // exactly 16, ids taskId-1..16 in order, no duplicates, each in its batch
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
            String status = e.path("status").asText();
            assertTrue(status.equals("complete") || status.equals("crashed"), "complete or crashed: " + e);
            if (status.equals("crashed")) {
                assertEquals("executor-lost", e.path("statusReason").asText(), "reason of " + e);
                assertTrue(e.hasNonNull("startedAt") && Instant.parse(e.path("startedAt").asText()).isBefore(killedBy),
                        "only executions that had started when the executor was killed crash: " + e);
            } else {
                assertEquals(3, e.path("metrics").path("step").asInt(), "a complete execution's last line: " + e);
            }
        }
        assertEquals(Map.of(1, 4, 2, 4, 3, 4, 4, 4), perBatch, "four batches of four");
        for (JsonNode e : ex) {
            if (runningAtKill.contains(e.path("id").asText()) && e.path("status").asText().equals("complete")) {
                // it finished in the moment between the look and the kill
                assertTrue(Instant.parse(e.path("finishedAt").asText()).isBefore(killedBy), "finished before: " + e);
            }
        }
        assertTrue(statuses.getOrDefault("crashed", 0) >= 1,
                "the executions running at the executor's SIGKILL are reported crashed: " + statuses);
        assertEquals(EXECUTIONS, count(task, "complete") + count(task, "crashed"), "summary: " + task);

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
        JsonNode executor = e2e.http.get(e2e.system.serviceUrl(Component.EXECUTOR) + "/api/v1/executions?taskId=" + id)
                .json();
        List<String> executorIds = new ArrayList<>();
        executor.forEach(e -> executorIds.add(e.path("id").asText()));
        assertEquals(new HashSet<>(expected), new HashSet<>(executorIds), "executor executions");
        assertEquals(EXECUTIONS, executorIds.size(), "executor executions, no twins: " + executorIds);
        executor.forEach(e -> assertTrue(E2eSystem.FINAL_EXECUTION.contains(e.path("status").asText()),
                "final in the executor: " + e));

        // metrics-service has the points of every complete execution, each line once
        Set<String> complete = ex.stream().filter(e -> e.path("status").asText().equals("complete"))
                .map(e -> e.path("id").asText()).collect(Collectors.toSet());
        Map<String, List<JsonNode>> points = e2e.awaitMetrics(id, complete, Duration.ofSeconds(60));
        for (String eid : complete) {
            List<JsonNode> pts = points.get(eid);
            Set<String> distinct = pts.stream().map(pt -> pt.path("sequence").asInt() + "/" + pt.path("key").asText())
                    .collect(Collectors.toSet());
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

    /** The executor's executions of the task, once one of batch {@code minBatch} or later runs there. */
    private static List<JsonNode> awaitExecutorRunning(String id, int minBatch) throws Exception {
        String url = e2e.system.serviceUrl(Component.EXECUTOR) + "/api/v1/executions?taskId=" + id;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode list = null;
        while (System.nanoTime() < deadline) {
            Http.Response r = e2e.http.get(url);
            list = r.json();
            if (r.ok() && list != null && list.isArray()) {
                List<JsonNode> ex = new ArrayList<>();
                list.forEach(ex::add);
                if (ex.stream().anyMatch(e -> e.path("batch").asInt() >= minBatch
                        && e.path("status").asText().equals("started"))) {
                    return ex;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task " + id + ": no execution of batch >= " + minBatch
                + " running in the executor within 120 s: " + list);
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
