package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.Http;
import io.parzen.deploy.launcher.ParzenSystem;
import io.parzen.deploy.launcher.LaunchConfig;
import io.parzen.deploy.launcher.Processes;
import io.parzen.deploy.testing.ListeningSockets;
import io.parzen.deploy.token.Role;
import io.parzen.deploy.token.TokenRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole system, started the way {@code ./parzen up} starts it (the launcher's Java API, by
 * {@link SharedSystem}): embedded Kafka and PostgreSQL processes and the four services' fast-jars on free
 * ports, with a temporary state folder. Runs a random search of 10 executions in batches of 5 with a tiny deterministic
 * script and checks the exact counts.
 */
@ExtendWith(SharedSystem.class)
class WholeSystemIT {

    static final int EXECUTIONS = 10;
    static final int BATCH = 5;
    static final Duration TASK_TIMEOUT = Duration.ofMinutes(3);

    static ParzenSystem system;
    /** Sends an operator token (project default) on every call, as every REST client of Parzen must. */
    static Http http;

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("deploy/pom.xml")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("task-service"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    @BeforeAll
    static void useSharedSystem(E2eSystem shared) {
        system = shared.system;
        http = shared.http;
    }

    @Test
    void randomSearchOfTenExecutionsInTwoBatches() throws Exception {
        try {
            run();
        } catch (AssertionError | Exception e) {
            for (Component c : system.components()) {
                System.out.println("---- " + c.id() + " (last lines of " + system.logFile(c) + ")");
                System.out.println(Processes.tail(system.logFile(c), 30));
            }
            throw e;
        }
    }

    private void run() throws Exception {
        Path script = Path.of(WholeSystemIT.class.getResource("/e2e/fake_train.py").toURI());
        ObjectNode task = Http.JSON.createObjectNode();
        task.put("name", "e2e-random-search");
        task.put("type", "random_search");
        task.put("command", "python3 fake_train.py {parameters}");
        task.put("workingDirectory", script.getParent().toString());
        ArrayNode params = task.putArray("parameters");
        params.addObject().put("name", "x").put("distribution", "uniform").put("min", -1).put("max", 1);
        params.addObject().put("name", "n").put("distribution", "integer").put("min", 1).put("max", 5);
        task.put("maxExecutions", EXECUTIONS);
        task.put("batchSize", BATCH);
        task.putObject("target").put("metric", "score").put("value", 1.0);
        task.put("seed", 42);

        String api = system.taskApi();
        Http.Response created = http.postJson(api + "/tasks", task.toString());
        assertEquals(201, created.status(), "POST /tasks: " + created.body());
        String id = created.json().get("id").asText();
        System.out.println("e2e: task " + id);

        // wait until the task is final
        long t0 = System.nanoTime();
        long deadline = t0 + TASK_TIMEOUT.toNanos();
        JsonNode t = created.json();
        String last = "";
        while (true) {
            Http.Response r = http.get(api + "/tasks/" + id);
            if (r.ok() && r.json() != null) {
                t = r.json();
            }
            String line = t.path("status").asText() + " " + t.path("statusSummary");
            if (!line.equals(last)) {
                System.out.printf("e2e: [%5.1f s] %s%n", (System.nanoTime() - t0) / 1e9, line);
                last = line;
            }
            if (Set.of("complete", "stopped", "error").contains(t.path("status").asText())) {
                break;
            }
            if (System.nanoTime() > deadline) {
                fail("task not final after " + TASK_TIMEOUT.toSeconds() + " s: " + t);
            }
            Thread.sleep(500);
        }
        assertEquals("complete", t.path("status").asText(), "task status: " + t);
        assertEquals(EXECUTIONS, t.path("statusSummary").path("complete").asInt(), "statusSummary: " + t);

        // the executions as task-service lists them
        Http.Response er = http.get(api + "/tasks/" + id + "/executions");
        assertTrue(er.ok(), "GET executions: " + er.status() + " " + er.body());
        JsonNode list = er.json();
        if (list != null && list.isObject()) {
            list = list.has("executions") ? list.get("executions") : list.path("items");
        }
        assertTrue(list != null && list.isArray(), "executions list: " + er.body());
        assertEquals(EXECUTIONS, list.size(), "executions: " + list);
        Set<String> ids = new HashSet<>();
        Set<String> seqs = new HashSet<>();
        Map<Integer, Integer> perBatch = new TreeMap<>();
        for (JsonNode e : list) {
            assertEquals("complete", e.path("status").asText(), "execution " + e);
            assertTrue(ids.add(e.path("id").asText()), "duplicate execution id " + e);
            assertTrue(seqs.add(e.path("seq").asText()), "duplicate sequence number " + e);
            perBatch.merge(e.path("batch").asInt(), 1, Integer::sum);
        }
        assertEquals(EXECUTIONS, ids.size());
        assertEquals(Map.of(1, BATCH, 2, BATCH), perBatch, "executions per batch");

        JsonNode best = t.path("best");
        assertTrue(best.isObject() && ids.contains(best.path("executionId").asText()), "best: " + best);
        assertTrue(best.path("value").isNumber(), "best value: " + best);

        // metrics-service has points of all ten executions (it consumes asynchronously: wait a little)
        Set<String> withMetrics = Set.of();
        long mdeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < mdeadline) {
            Http.Response mr = http.get(system.metricsApi() + "/tasks/" + id + "/metrics");
            if (mr.ok() && mr.json() != null) {
                withMetrics = executionIdsIn(mr.json());
                if (withMetrics.containsAll(ids)) {
                    break;
                }
            }
            Thread.sleep(500);
        }
        Set<String> without = new HashSet<>(ids);
        without.removeAll(withMetrics);
        assertTrue(without.isEmpty(), "executions without metrics in metrics-service: " + without);
        System.out.printf("e2e: task complete in %.1f s; best %s = %s%n", (System.nanoTime() - t0) / 1e9,
                best.path("executionId").asText(), best.path("value").asText());
    }

    /**
     * Authentication is on: no token gets 401 from every service, a viewer token may read but not create
     * a task (403), health stays open. (The services verify tokens once the auth work is merged.)
     */
    @Test
    void restCallsNeedATokenAndAViewerCannotCreateATask() throws Exception {
        Http anonymous = new Http();
        for (Component c : Component.SERVICES) {
            String health = system.serviceUrl(c) + "/q/health/ready";
            assertEquals(200, anonymous.get(health).status(), "health is open: " + health);
        }
        String api = system.taskApi();
        Http.Response none = anonymous.get(api + "/tasks");
        assertEquals(401, none.status(), "GET /tasks without a token: " + none.body());
        Http.Response noneMetrics = anonymous.get(system.metricsApi() + "/tasks/00000000-0000-0000-0000-000000000000/metrics");
        assertEquals(401, noneMetrics.status(), "metrics-service without a token: " + noneMetrics.body());
        Http.Response forged = new Http().withToken("not.a.jwt").get(api + "/tasks");
        assertEquals(401, forged.status(), "GET /tasks with a token that is not a JWT: " + forged.body());

        Http viewer = new Http().withToken(system.token(TokenRequest.of(Role.VIEWER)));
        assertEquals(200, viewer.get(api + "/tasks").status(), "a viewer may list tasks");
        // Valohai's header form is accepted too
        java.net.http.HttpResponse<String> valohai = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/tasks"))
                        .header("Authorization", "Token " + system.token(TokenRequest.of(Role.VIEWER)))
                        .timeout(Duration.ofSeconds(10)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, valohai.statusCode(), "Authorization: Token <jwt>: " + valohai.body());
        ObjectNode task = Http.JSON.createObjectNode();
        task.put("name", "e2e-viewer-must-not-create");
        task.put("type", "random_search");
        task.put("command", "true");
        task.putArray("parameters").addObject().put("name", "x").put("distribution", "uniform").put("min", 0)
                .put("max", 1);
        task.put("maxExecutions", 1);
        task.put("batchSize", 1);
        task.putObject("target").put("metric", "score").put("value", 1.0);
        Http.Response created = viewer.postJson(api + "/tasks", task.toString());
        if (created.status() == 201) {
            http.postJson(api + "/tasks/" + created.json().path("id").asText() + "/stop", ""); // tidy up
        }
        assertEquals(403, created.status(), "POST /tasks with a viewer token: " + created.body());
    }

    /** Nothing of the system listens on another address than 127.0.0.1 by default. */
    @Test
    void everyComponentListensOnLoopbackOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ListeningSockets.supported(), "needs /proc/net/tcp");
        LaunchConfig cfg = system.config();
        for (Component c : system.components()) {
            assertEquals(Set.of("127.0.0.1"), ListeningSockets.addresses(c.port(cfg)), c.id() + " port " + c.port(cfg));
        }
        assertEquals(Set.of("127.0.0.1"), ListeningSockets.addresses(cfg.kafkaControllerPort()), "Kafka controller");
    }

    /** Every value of an {@code executionId} field and every object key, anywhere in the document. */
    static Set<String> executionIdsIn(JsonNode n) {
        Set<String> out = new HashSet<>();
        collect(n, out);
        return out;
    }

    private static void collect(JsonNode n, Set<String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(e.getKey());
                if (e.getKey().equals("executionId") && e.getValue().isValueNode()) {
                    out.add(e.getValue().asText());
                }
                collect(e.getValue(), out);
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) {
                collect(c, out);
            }
        }
    }
}
