package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.launcher.Http;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One end-to-end test per task type and per way a task ends, on one running system. The quick
 * tasks are all created in {@code @BeforeAll} so that they run concurrently (the executor runs as
 * many processes at once as there are cores); each test then waits for its own task and checks
 * exact counts. The user-stop test, whose executions would hold the executor's slots, runs last.
 *
 * <p>The training script is {@code e2e/smooth.py}: a deterministic function of its parameters, so
 * every execution's reported loss is recomputed here from the parameters it got.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedSystem.class)
class TaskTypesIT {

    static final Duration TIMEOUT = Duration.ofSeconds(150);
    static final double EPS = 1e-9;

    static E2eSystem e2e;
    /** Task name → id (or the failure of creating it, rethrown by its test). */
    static final Map<String, Object> created = new LinkedHashMap<>();

    @RegisterExtension
    static final E2eSystem.LogsOnFailure logs = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void startSystemAndCreateTasks(E2eSystem shared) throws Exception {
        e2e = shared;
        // the Bayesian task has three batches in a row: first in the executor's FIFO queue
        create("bayesian", () -> e2e.createTask(bayesianTask()));
        create("early-stopping", () -> e2e.createTask(earlyStoppingTask()));
        create("failing", () -> e2e.createTask(failingTask()));
        create("manual", () -> e2e.createTask(manualTask()));
        create("grid", () -> e2e.createTask(gridTask()));
        create("grid-count", () -> e2e.createTask(gridWithoutCountTask()));
        create("random", () -> e2e.createTask(randomTask()));
        create("blueprint", () -> e2e.createFromBlueprint(
                Files.readString(E2eSystem.scriptDir().resolve("valohai.yaml")), "e2e-blueprint-grid"));
    }


    private static void create(String name, Callable<String> creation) {
        try {
            created.put(name, creation.call());
        } catch (Throwable t) {
            created.put(name, t);
        }
    }

    private static String id(String name) {
        Object o = created.get(name);
        if (o instanceof Throwable t) {
            throw new AssertionError("creating task " + name + " failed: " + t.getMessage(), t);
        }
        assertNotNull(o, "task " + name + " was not created");
        return (String) o;
    }

    // ------------------------------------------------------------------ task specs

    static ObjectNode baseTask(String name, String type, String scriptArgs) {
        ObjectNode task = Http.JSON.createObjectNode();
        task.put("name", name);
        task.put("type", type);
        task.put("command", "python3 smooth.py " + scriptArgs + "{parameters}");
        task.put("workingDirectory", E2eSystem.scriptDir().toString());
        return task;
    }

    static ObjectNode uniform(ArrayNode params, String name, double min, double max) {
        return params.addObject().put("name", name).put("distribution", "uniform").put("min", min).put("max", max);
    }

    static ObjectNode bayesianTask() {
        ObjectNode t = baseTask("e2e-bayesian", "bayesian_tpe", "");
        t.put("engine", "optuna");
        ArrayNode p = t.putArray("parameters");
        uniform(p, "x", -1, 1);
        uniform(p, "y", -1, 1);
        t.put("maxExecutions", 12);
        t.put("batchSize", 4);
        t.put("randomStartup", 4);
        t.putObject("target").put("metric", "loss").put("direction", "minimize");
        t.put("seed", 11);
        return t;
    }

    static ObjectNode earlyStoppingTask() {
        // the first metadata line of the first execution already satisfies the condition; the
        // script then sleeps, so no execution can complete before the task is stopped
        ObjectNode t = baseTask("e2e-early-stopping", "random_search", "--sleep=30 ");
        uniform(t.putArray("parameters"), "x", -1, 1);
        t.put("maxExecutions", 12);
        t.put("batchSize", 3);
        t.putObject("target").put("metric", "loss").put("direction", "minimize");
        t.put("earlyStopping", "step >= 1 and loss >= 0");
        t.put("seed", 3);
        return t;
    }

    static ObjectNode failingTask() {
        ObjectNode t = baseTask("e2e-failing", "random_search", "--fail=1 ");
        uniform(t.putArray("parameters"), "x", -1, 1);
        t.put("maxExecutions", 12);
        t.put("batchSize", 3);
        t.putObject("target").put("metric", "loss").put("direction", "minimize");
        t.put("seed", 5);
        return t;
    }

    static final List<Map<String, Object>> MANUAL_SETS = List.of(
            Map.of("x", 0.1, "y", 0.2, "opt", "a"),
            Map.of("x", -0.5, "y", 0.75, "opt", "c"),
            Map.of("x", 0.9, "y", -0.9, "opt", "b"));

    static ObjectNode manualTask() {
        ObjectNode t = baseTask("e2e-manual", "manual_search", "");
        ArrayNode sets = t.putArray("parameterSets");
        for (Map<String, Object> set : MANUAL_SETS) {
            ObjectNode o = sets.addObject();
            // a fixed key order, so that order inside a set is not what the test relies on
            new TreeMap<>(set).forEach((k, v) -> o.set(k, Http.JSON.valueToTree(v)));
        }
        t.putObject("target").put("metric", "loss").put("direction", "minimize");
        return t;
    }

    static ObjectNode gridTask() {
        // 3 x 2 = 6 combinations; maxExecutions 10 is more than the grid: it ends space-exhausted
        ObjectNode t = baseTask("e2e-grid", "grid_search", "");
        ArrayNode p = t.putArray("parameters");
        ObjectNode x = p.addObject().put("name", "x").put("style", "linear");
        x.putObject("rules").put("start", 0).put("end", 1).put("step", 0.5);
        ObjectNode opt = p.addObject().put("name", "opt").put("style", "multiple");
        opt.putObject("rules").putArray("items").add("a").add("b");
        t.put("maxExecutions", 10);
        t.put("batchSize", 4);
        t.putObject("target").put("metric", "loss").put("direction", "minimize");
        return t;
    }

    static ObjectNode gridWithoutCountTask() {
        // logspace 3 x single 1 = 3; no maxExecutions: the grid size, so it ends max-executions-reached
        ObjectNode t = baseTask("e2e-grid-count", "grid_search", "");
        ArrayNode p = t.putArray("parameters");
        ObjectNode y = p.addObject().put("name", "y").put("style", "logspace");
        y.putObject("rules").put("start", -2).put("end", 0).put("count", 3);
        ObjectNode opt = p.addObject().put("name", "opt").put("style", "single");
        opt.putObject("rules").put("value", "c");
        return t;
    }

    static ObjectNode randomTask() {
        ObjectNode t = baseTask("e2e-random", "random_search", "");
        ArrayNode p = t.putArray("parameters");
        uniform(p, "x", -1, 1).put("qStep", 0.25);
        p.addObject().put("name", "y").put("distribution", "loguniform").put("min", -3).put("max", -1);
        p.addObject().put("name", "n").put("distribution", "integer").put("min", 1).put("max", 5);
        p.addObject().put("name", "opt").put("distribution", "categorical").putArray("values").add("a").add("b")
                .add("c");
        t.put("maxExecutions", 8);
        t.put("batchSize", 4);
        t.putObject("target").put("metric", "loss").put("value", 0.0);
        t.put("seed", 42);
        return t;
    }

    // ------------------------------------------------------------------ checks

    /** The loss smooth.py computes from these parameters (see its docstring). */
    static double expectedLoss(JsonNode params) {
        double x = params.has("x") ? params.get("x").asDouble() : 0.3;
        double y = params.has("y") ? params.get("y").asDouble() : -0.2;
        double n = params.has("n") ? params.get("n").asDouble() : 3;
        double pen = switch (params.path("opt").asText("a")) {
            case "b" -> 0.05;
            case "c" -> 0.1;
            default -> 0.0;
        };
        return (x - 0.3) * (x - 0.3) + (y + 0.2) * (y + 0.2) + 0.01 * (n - 3) * (n - 3) + pen;
    }

    /** A complete execution ran smooth.py with its parameters: exit 0, 3 lines, the loss of its parameters. */
    static void assertRanWithItsParameters(JsonNode e) {
        assertEquals("complete", e.path("status").asText(), "status of " + e);
        assertEquals(0, e.path("exitCode").asInt(-1), "exit code of " + e);
        assertEquals(3, e.path("metrics").path("step").asInt(), "latest step of " + e);
        double loss = e.path("metrics").path("loss").asDouble(Double.NaN);
        assertEquals(expectedLoss(e.path("parameters")), loss, EPS, "loss of " + e);
    }

    static void assertIdsAndSeqs(String taskId, List<JsonNode> executions, int n) {
        List<String> ids = executions.stream().map(e -> e.path("id").asText()).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            expected.add(taskId + "-" + i);
        }
        assertEquals(expected, ids, "execution ids in sequence order");
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, executions.get(i).path("seq").asInt(), "seq of " + executions.get(i));
        }
    }

    static Map<Integer, Integer> perBatch(List<JsonNode> executions) {
        Map<Integer, Integer> m = new TreeMap<>();
        executions.forEach(e -> m.merge(e.path("batch").asInt(), 1, Integer::sum));
        return m;
    }

    static Map<String, Integer> statuses(List<JsonNode> executions) {
        Map<String, Integer> m = new TreeMap<>();
        executions.forEach(e -> m.merge(e.path("status").asText(), 1, Integer::sum));
        return m;
    }

    static void assertTask(JsonNode task, String status, String reason) {
        assertEquals(status, task.path("status").asText(), "task status: " + task);
        assertEquals(reason, task.path("statusReason").asText(), "task status reason: " + task);
        assertTrue(task.hasNonNull("finishedAt"), "finishedAt: " + task);
    }

    static String key(double x, String opt) {
        return String.format("%.6f|%s", x, opt);
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void gridSearchRunsEveryCombinationOnceAndEndsSpaceExhausted() throws Exception {
        String id = id("grid");
        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertTask(task, "complete", "space-exhausted");
        List<JsonNode> ex = e2e.executions(id);
        assertEquals(6, ex.size(), "3 x values x 2 opt items: " + ex);
        assertIdsAndSeqs(id, ex, 6);
        List<String> combos = new ArrayList<>();
        for (JsonNode e : ex) {
            assertEquals("grid", e.path("source").asText(), "source of " + e);
            assertRanWithItsParameters(e);
            assertEquals(Set.of("x", "opt"), fieldNames(e.path("parameters")), "parameters of " + e);
            combos.add(key(e.path("parameters").path("x").asDouble(), e.path("parameters").path("opt").asText()));
        }
        Set<String> expected = new HashSet<>();
        for (double x : new double[] {0.0, 0.5, 1.0}) {
            for (String opt : List.of("a", "b")) {
                expected.add(key(x, opt));
            }
        }
        assertEquals(6, new HashSet<>(combos).size(), "every combination exactly once: " + combos);
        assertEquals(expected, new HashSet<>(combos), "the combinations");
        assertEquals(Map.of(1, 4, 2, 2), perBatch(ex), "executions per batch (batch size 4)");
        assertEquals(6, task.path("statusSummary").path("complete").asInt(), "summary: " + task);
        assertEquals(10, task.path("maxExecutions").asInt(), "maxExecutions as given: " + task);
        // best = the lowest loss: x 0.5 (closest to 0.3), opt a
        assertEquals(key(0.5, "a"), key(task.path("best").path("parameters").path("x").asDouble(),
                task.path("best").path("parameters").path("opt").asText()), "best: " + task.path("best"));
    }

    @Test
    @Order(2)
    void gridSearchWithoutMaxExecutionsRunsTheGridSizeAndEndsMaxExecutionsReached() throws Exception {
        String id = id("grid-count");
        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertTask(task, "complete", "max-executions-reached");
        assertEquals(3, task.path("maxExecutions").asInt(), "maxExecutions derived from the grid: " + task);
        List<JsonNode> ex = e2e.executions(id);
        assertEquals(3, ex.size(), "logspace count 3 x single: " + ex);
        assertIdsAndSeqs(id, ex, 3);
        List<Double> ys = new ArrayList<>();
        for (JsonNode e : ex) {
            assertEquals("grid", e.path("source").asText(), "source of " + e);
            assertEquals("c", e.path("parameters").path("opt").asText(), "single value of " + e);
            assertRanWithItsParameters(e);
            ys.add(e.path("parameters").path("y").asDouble());
        }
        ys.sort(Double::compare);
        assertEquals(0.01, ys.get(0), 1e-12, "logspace values " + ys);
        assertEquals(0.1, ys.get(1), 1e-12, "logspace values " + ys);
        assertEquals(1.0, ys.get(2), 1e-12, "logspace values " + ys);
        assertEquals(Map.of(1, 3), perBatch(ex), "one batch of the whole grid");
    }

    @Test
    @Order(3)
    void randomSearchDrawsInBoundsAndQuantized() throws Exception {
        String id = id("random");
        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertTask(task, "complete", "max-executions-reached");
        List<JsonNode> ex = e2e.executions(id);
        assertEquals(8, ex.size(), "executions: " + ex);
        assertIdsAndSeqs(id, ex, 8);
        Set<String> points = new HashSet<>();
        for (JsonNode e : ex) {
            assertEquals("random", e.path("source").asText(), "source of " + e);
            JsonNode p = e.path("parameters");
            assertEquals(Set.of("x", "y", "n", "opt"), fieldNames(p), "parameters of " + e);
            double x = p.path("x").asDouble();
            assertTrue(x >= -1 && x <= 1, "x in [-1, 1]: " + e);
            double k = (x + 1) / 0.25;
            assertEquals(Math.rint(k), k, 1e-9, "x on the Q.Step 0.25 grid from -1: " + e);
            double y = p.path("y").asDouble();
            assertTrue(y >= 1e-3 * (1 - 1e-12) && y <= 1e-1 * (1 + 1e-12), "log-uniform y in [1e-3, 1e-1]: " + e);
            assertTrue(p.path("n").isIntegralNumber() || p.path("n").asDouble() == Math.rint(p.path("n").asDouble()),
                    "integer n: " + e);
            assertTrue(p.path("n").asInt() >= 1 && p.path("n").asInt() <= 5, "n in [1, 5]: " + e);
            assertTrue(Set.of("a", "b", "c").contains(p.path("opt").asText()), "categorical opt: " + e);
            assertRanWithItsParameters(e);
            points.add(p.toString());
        }
        assertTrue(points.size() >= 7, "random points are (nearly all) distinct: " + points);
        assertEquals(Map.of(1, 4, 2, 4), perBatch(ex), "executions per batch");
        // target value 0: the best is the lowest loss
        double min = ex.stream().mapToDouble(e -> e.path("metrics").path("loss").asDouble()).min().orElseThrow();
        assertEquals(min, task.path("best").path("value").asDouble(Double.NaN), EPS, "best: " + task.path("best"));

        Set<String> ids = ex.stream().map(e -> e.path("id").asText()).collect(Collectors.toSet());
        Map<String, List<JsonNode>> points2 = e2e.awaitMetrics(id, ids, Duration.ofSeconds(60));
        for (String eid : ids) {
            long losses = points2.get(eid).stream().filter(pt -> pt.path("key").asText().equals("loss")).count();
            assertEquals(3, losses, "3 loss points (one per line) of " + eid + " in metrics-service: "
                    + points2.get(eid));
        }
    }

    @Test
    @Order(4)
    void bayesianOptunaStartsRandomThenUsesTheModel() throws Exception {
        String id = id("bayesian");
        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertTask(task, "complete", "max-executions-reached");
        assertEquals("optuna", task.path("engine").asText(), "engine: " + task);
        List<JsonNode> ex = e2e.executions(id);
        assertEquals(12, ex.size(), "executions: " + ex);
        assertIdsAndSeqs(id, ex, 12);
        for (JsonNode e : ex) {
            String expectedSource = e.path("seq").asInt() <= 4 ? "random" : "model";
            assertEquals(expectedSource, e.path("source").asText(), "source of " + e + " (randomStartup 4)");
            double x = e.path("parameters").path("x").asDouble();
            double y = e.path("parameters").path("y").asDouble();
            assertTrue(x >= -1 && x <= 1 && y >= -1 && y <= 1, "in bounds: " + e);
            assertRanWithItsParameters(e);
        }
        assertEquals(Map.of(1, 4, 2, 4, 3, 4), perBatch(ex), "three batches of 4");
        JsonNode best = task.path("best");
        assertTrue(best.isObject(), "best: " + task);
        double bestRandom = ex.subList(0, 4).stream().mapToDouble(e -> e.path("metrics").path("loss").asDouble())
                .min().orElseThrow();
        double bestAll = ex.stream().mapToDouble(e -> e.path("metrics").path("loss").asDouble()).min().orElseThrow();
        double bestModel = ex.subList(4, 12).stream().mapToDouble(e -> e.path("metrics").path("loss").asDouble())
                .min().orElseThrow();
        assertEquals(bestAll, best.path("value").asDouble(Double.NaN), EPS, "best is the lowest loss: " + best);
        assertTrue(best.path("value").asDouble() <= bestRandom, "best " + best + " vs best random " + bestRandom);
        String bestId = best.path("executionId").asText();
        JsonNode bestExecution = ex.stream().filter(e -> e.path("id").asText().equals(bestId)).findFirst()
                .orElseThrow(() -> new AssertionError("best execution not listed: " + best));
        assertEquals(bestExecution.path("parameters"), best.path("parameters"), "best's parameters");
        e2e.log(String.format("bayesian: best random loss %.5f, best model loss %.5f", bestRandom, bestModel));
    }

    @Test
    @Order(5)
    void manualSearchRunsExactlyItsParameterSetsInOrder() throws Exception {
        String id = id("manual");
        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertTask(task, "complete", "max-executions-reached");
        List<JsonNode> ex = e2e.executions(id);
        assertEquals(3, ex.size(), "executions: " + ex);
        assertIdsAndSeqs(id, ex, 3);
        for (int i = 0; i < 3; i++) {
            JsonNode e = ex.get(i);
            assertEquals("manual", e.path("source").asText(), "source of " + e);
            assertEquals(Http.JSON.valueToTree(MANUAL_SETS.get(i)), e.path("parameters"),
                    "execution " + (i + 1) + " has parameter set " + (i + 1));
            assertRanWithItsParameters(e);
        }
    }

    @Test
    @Order(6)
    void blueprintTaskRunsToComplete() throws Exception {
        String id = id("blueprint");
        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertTask(task, "complete", "max-executions-reached");
        assertEquals("e2e-blueprint-grid", task.path("name").asText());
        assertEquals("grid_search", task.path("type").asText());
        assertEquals(4, task.path("maxExecutions").asInt(), "the grid size: " + task);
        assertEquals(2, task.path("batchSize").asInt(), "execution-batch-size: " + task);
        assertEquals("continue-and-complete", task.path("spec").path("onChildError").asText(), "spec: " + task);
        List<JsonNode> ex = e2e.executions(id);
        assertEquals(4, ex.size(), "2 x 2 grid: " + ex);
        assertIdsAndSeqs(id, ex, 4);
        Set<String> combos = new HashSet<>();
        for (JsonNode e : ex) {
            assertEquals("grid", e.path("source").asText(), "source of " + e);
            assertEquals("b", e.path("parameters").path("opt").asText(), "the step default of opt: " + e);
            assertRanWithItsParameters(e);
            combos.add(key(e.path("parameters").path("x").asDouble(), String.format("%.6f",
                    e.path("parameters").path("y").asDouble())));
        }
        assertEquals(Set.of(key(0.1, "-0.200000"), key(0.1, "0.000000"), key(0.3, "-0.200000"), key(0.3, "0.000000")),
                combos, "the combinations");
        assertEquals(Map.of(1, 2, 2, 2), perBatch(ex), "two batches of 2");
        assertEquals(0.05, task.path("best").path("value").asDouble(Double.NaN), EPS,
                "best: x 0.3, y -0.2, opt b: " + task.path("best"));
    }

    @Test
    @Order(7)
    void earlyStoppingStopsTheTaskInItsFirstBatch() throws Exception {
        String id = id("early-stopping");
        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertTask(task, "stopped", "early-stopping");
        List<JsonNode> ex = e2e.awaitExecutionsFinal(id, 3, Duration.ofSeconds(60));
        e2e.log("early stopping: " + ex.size() + " executions " + statuses(ex));
        List<JsonNode> first = ex.stream().filter(e -> e.path("batch").asInt() == 1).toList();
        assertEquals(3, first.size(), "the first batch: " + ex);
        assertTrue(ex.size() < 12, "fewer than maxExecutions executions: " + ex.size());
        for (JsonNode e : ex) {
            assertEquals("stopped", e.path("status").asText(), "every execution was stopped, none completed: " + e);
        }
        assertTrue(first.stream().anyMatch(e -> e.path("metrics").path("step").asInt() == 1),
                "the execution whose first line held the condition logged it: " + first);
    }

    @Test
    @Order(8)
    void aFailingCommandEndsTheTaskWithFirstBatchFailed() throws Exception {
        String id = id("failing");
        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertTask(task, "error", "first-batch-failed");
        List<JsonNode> ex = e2e.awaitExecutionsFinal(id, 3, Duration.ofSeconds(60));
        e2e.log("failing: " + ex.size() + " executions " + statuses(ex) + " per batch " + perBatch(ex));
        List<JsonNode> first = ex.stream().filter(e -> e.path("batch").asInt() == 1).toList();
        assertEquals(3, first.size(), "the first batch: " + ex);
        for (JsonNode e : first) {
            assertEquals("error", e.path("status").asText(), "status of " + e);
            assertEquals(1, e.path("exitCode").asInt(), "exit code of " + e);
            assertEquals(1, e.path("metrics").path("step").asInt(), "its one line before failing: " + e);
        }
        assertEquals(3, task.path("statusSummary").path("error").asInt(), "summary at the end: " + task);
        assertTrue(ex.size() < 12, "far fewer than maxExecutions executions: " + ex.size());
        assertTrue(ex.stream().noneMatch(e -> e.path("status").asText().equals("complete")), "none complete: " + ex);
    }

    @Test
    @Order(100)
    void userStopStopsTheTaskAndItsRunningExecutions() throws Exception {
        ObjectNode spec = baseTask("e2e-user-stop", "random_search", "--sleep=60 ");
        uniform(spec.putArray("parameters"), "x", -1, 1);
        spec.put("maxExecutions", 6);
        spec.put("batchSize", 2);
        spec.put("seed", 9);
        String id = e2e.createTask(spec);
        // both run at once on a machine with 2 or more cores (the executor's default parallelism)
        int parallel = Math.min(2, Runtime.getRuntime().availableProcessors());
        e2e.awaitTask(id, "running " + parallel + " executions",
                t -> t.path("statusSummary").path("started").asInt() >= parallel, Duration.ofSeconds(90));
        // "started" is reported when the process starts, before the script prints its first line
        awaitFirstLines(id, parallel, Duration.ofSeconds(60));

        long t0 = System.nanoTime();
        Http.Response r = e2e.http.postJson(e2e.taskApi() + "/tasks/" + id + "/stop", "");
        assertEquals(202, r.status(), "POST /stop: " + r.body());
        JsonNode task = e2e.awaitFinal(id, Duration.ofSeconds(30));
        assertTask(task, "stopped", "user-stopped");
        List<JsonNode> ex = e2e.awaitExecutionsFinal(id, 2, Duration.ofSeconds(30));
        double seconds = (System.nanoTime() - t0) / 1e9;
        e2e.log(String.format("user stop: %d executions %s, all final %.1f s after the stop", ex.size(), statuses(ex),
                seconds));
        assertTrue(seconds < 25, "the 60 s executions were stopped, not waited for: " + seconds + " s");
        List<JsonNode> first = ex.stream().filter(e -> e.path("batch").asInt() == 1).toList();
        assertEquals(2, first.size(), "the running batch: " + ex);
        List<JsonNode> ran = first.stream().filter(e -> e.hasNonNull("startedAt")).toList();
        assertTrue(ran.size() >= parallel, "running when the task was stopped: " + first);
        for (JsonNode e : ran) {
            assertEquals("stopped", e.path("status").asText(), "a running execution ends stopped: " + e);
            assertEquals(1, e.path("metrics").path("step").asInt(), "it had logged its first line: " + e);
        }
        assertTrue(ex.stream().allMatch(e -> e.path("status").asText().equals("stopped")), "all stopped: " + ex);
        assertEquals(409, e2e.http.postJson(e2e.taskApi() + "/tasks/" + id + "/stop", "").status(),
                "a second stop: the task has already ended");
    }

    /** Waits until {@code n} running executions of the task have reported their first metadata line. */
    private void awaitFirstLines(String id, int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> ex = e2e.executionsOrNull(id);
            long logged = ex == null ? 0 : ex.stream()
                    .filter(e -> e.hasNonNull("startedAt") && e.path("metrics").path("step").asInt() >= 1).count();
            if (logged >= n) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail(n + " executions had not logged their first line within " + timeout + ": " + ex);
            }
            Thread.sleep(100);
        }
    }

    static Set<String> fieldNames(JsonNode n) {
        Set<String> names = new HashSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
