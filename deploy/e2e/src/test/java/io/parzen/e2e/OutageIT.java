package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.chaos.Outages;
import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.Http;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Outages, not kills (issue 14, ADR 0026): while a task runs, the broker is stopped for 15 s, then PostgreSQL
 * is stopped for 15 s, each while trainings run. Every service keeps running; its liveness stays UP throughout,
 * its readiness goes DOWN during the outage and UP again after it; the trainings that ran are not killed, and
 * the task ends complete with every execution complete, as if nothing had happened. (The 60 s behaviour is
 * {@code ./parzen chaos --outage PT60S}, docs/chaos.md.)
 */
class OutageIT {

    static final int EXECUTIONS = 6;
    static final int BATCH = 2;
    static final Duration OUTAGE = Duration.ofSeconds(15);

    static E2eSystem e2e;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure logs = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void startSystem() throws Exception {
        e2e = E2eSystem.start("outage", List.of());
    }

    @AfterAll
    static void stopSystem() {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    void aTaskRunsThroughABrokerOutageAndADatabaseOutage() throws Exception {
        ObjectNode spec = TaskTypesIT.baseTask("e2e-outage", "bayesian_tpe", "--sleep=8 ");
        spec.put("engine", "optuna");
        ArrayNode p = spec.putArray("parameters");
        TaskTypesIT.uniform(p, "x", -1, 1);
        TaskTypesIT.uniform(p, "y", -1, 1);
        spec.put("maxExecutions", EXECUTIONS);
        spec.put("batchSize", BATCH);
        spec.put("randomStartup", BATCH);
        spec.putObject("target").put("metric", "loss").put("direction", "minimize");
        spec.put("seed", 14);
        String id = e2e.createTask(spec);

        awaitRunningInExecutor(id, 1);
        outage(Component.KAFKA);
        awaitRunningInExecutor(id, 2);
        outage(Component.POSTGRES);

        JsonNode task = e2e.awaitFinal(id, Duration.ofSeconds(240));
        assertEquals("complete", task.path("status").asText(), "task: " + task);
        assertEquals("max-executions-reached", task.path("statusReason").asText(), "task: " + task);
        List<JsonNode> ex = e2e.awaitExecutionsFinal(id, EXECUTIONS, Duration.ofSeconds(30));
        assertEquals(EXECUTIONS, ex.size(), "executions: " + ex);
        for (JsonNode e : ex) {
            assertEquals("complete", e.path("status").asText(), "no training was killed or lost: " + e);
            assertEquals(3, e.path("metrics").path("step").asInt(), "a complete execution's last line: " + e);
        }
    }

    /** Stops {@code c} for {@link #OUTAGE}, starts it again; checks the services' health all along. */
    private static void outage(Component c) throws Exception {
        Map<String, Integer> readyDown = new TreeMap<>();
        List<String> liveDown = new ArrayList<>();
        e2e.log("stopping " + c.id() + " for " + OUTAGE.toSeconds() + " s");
        Outages.stop(e2e.system, c, System.out);
        long until = System.nanoTime() + OUTAGE.toNanos();
        while (System.nanoTime() < until) {
            sample(readyDown, liveDown);
            Thread.sleep(1000);
        }
        e2e.system.start(c);
        e2e.log(c.id() + " started again");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        boolean allReady = false;
        while (!allReady && System.nanoTime() < deadline) {
            allReady = sample(new TreeMap<>(), liveDown);
            if (!allReady) {
                Thread.sleep(250);
            }
        }
        e2e.log("readiness DOWN samples during the " + c.id() + " outage: " + readyDown);
        assertTrue(liveDown.isEmpty(), "liveness stays UP during and after the " + c.id() + " outage: " + liveDown);
        for (Component s : Component.SERVICES) {
            assertTrue(readyDown.getOrDefault(s.id(), 0) > 0,
                    s.id() + "'s readiness goes DOWN while " + c.id() + " is stopped: " + readyDown);
            assertTrue(e2e.system.process(s).isPresent(), s.id() + " still runs");
        }
        assertTrue(allReady, "every service ready again within 120 s of " + c.id() + "'s restart");
    }

    /** One look at every service; true if all are ready. */
    private static boolean sample(Map<String, Integer> readyDown, List<String> liveDown) throws Exception {
        boolean all = true;
        for (Component s : Component.SERVICES) {
            String base = e2e.system.serviceUrl(s);
            JsonNode live = health(base + "/q/health/live");
            if (live == null || !"UP".equals(live.path("status").asText())) {
                liveDown.add(s.id() + " " + live);
            }
            JsonNode ready = health(base + "/q/health/ready");
            if (ready == null || !"UP".equals(ready.path("status").asText())) {
                readyDown.merge(s.id(), 1, Integer::sum);
                all = false;
            }
        }
        return all;
    }

    private static JsonNode health(String url) throws InterruptedException {
        try {
            Http.Response r = e2e.http.get(url);
            return r.json();
        } catch (IOException e) {
            return null;
        }
    }

    /** Waits until an execution of batch {@code batch} or later runs in the executor. */
    private static void awaitRunningInExecutor(String id, int batch) throws Exception {
        String url = e2e.system.serviceUrl(Component.EXECUTOR) + "/api/v1/executions?taskId=" + id;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Http.Response r = e2e.http.get(url);
            if (r.ok() && r.json() != null && r.json().isArray()) {
                for (JsonNode e : r.json()) {
                    if (e.path("batch").asInt() >= batch && e.path("status").asText().equals("started")) {
                        e2e.log("running in the executor: " + e.path("id").asText());
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("task " + id + ": no execution of batch >= " + batch + " running within 120 s");
    }
}
