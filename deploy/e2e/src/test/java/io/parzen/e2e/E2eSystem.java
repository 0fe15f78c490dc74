package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.Http;
import io.parzen.deploy.launcher.LaunchConfig;
import io.parzen.deploy.launcher.LaunchException;
import io.parzen.deploy.launcher.ParzenSystem;
import io.parzen.deploy.launcher.Processes;
import io.parzen.deploy.token.Role;
import io.parzen.deploy.token.TokenRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The whole system for one end-to-end test class, or for all those that share one ({@link SharedSystem}),
 * started once (the launcher's Java API) on free ports with its own state folder, plus the REST helpers the
 * tests share. {@link #close()} stops every process; a JVM shutdown hook does the same if the test
 * JVM is ended before {@code @AfterAll} runs.
 */
final class E2eSystem implements AutoCloseable {

    static final Set<String> FINAL_TASK = Set.of("complete", "stopped", "error");
    static final Set<String> FINAL_EXECUTION = Set.of("stopped", "complete", "error", "crashed");

    final ParzenSystem system;
    /** Sends an operator token (project default) on every call; set once the system is up. */
    Http http = new Http();
    private final String label;
    private final Thread shutdownHook;
    private final long t0 = System.nanoTime();
    private volatile boolean closed;

    private E2eSystem(String label, ParzenSystem system) {
        this.label = label;
        this.system = system;
        this.shutdownHook = new Thread(this::down, "e2e-down-" + label);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static Path repoRoot() {
        return WholeSystemIT.repoRoot();
    }

    /** The folder of the e2e scripts ({@code smooth.py}, {@code fake_train.py}) as the tests see them. */
    static Path scriptDir() {
        try {
            return Path.of(E2eSystem.class.getResource("/e2e/smooth.py").toURI()).getParent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts Kafka, PostgreSQL and the four services.
     *
     * @param extraServiceJvmOptions appended to the launcher's default service JVM options
     */
    static E2eSystem start(String label, List<String> extraServiceJvmOptions) throws Exception {
        return start(label, extraServiceJvmOptions, 1);
    }

    /**
     * Starts Kafka, PostgreSQL and {@code instances} instances of each of the four services (ADR 0027), on a
     * block of consecutive free ports when there are several (instance n of a service listens on its port
     * + 4·(n−1)).
     */
    static E2eSystem start(String label, List<String> extraServiceJvmOptions, int instances) throws Exception {
        SharedSystem.release(); // never two systems at once on the test machine
        return startOwn(label, extraServiceJvmOptions, instances);
    }

    /** {@link #start(String, List, int)} without stopping the {@link SharedSystem} first. */
    static E2eSystem startOwn(String label, List<String> extraServiceJvmOptions, int instances) throws Exception {
        Path root = repoRoot();
        List<String> missing = new ArrayList<>();
        for (Component c : Component.SERVICES) {
            if (!Files.isRegularFile(c.jar(root))) {
                missing.add(root.relativize(c.jar(root)).toString());
            }
        }
        if (!Files.isRegularFile(root.resolve("deploy/target/classpath.txt"))) {
            missing.add("deploy/target/classpath.txt");
        }
        if (!missing.isEmpty()) {
            fail("missing " + missing + ": run 'mvn package' (or 'mvn verify') at the repository root first;"
                    + " this test runs the services' fast-jars");
        }
        Path state = Files.createTempDirectory(root.resolve("deploy/e2e/target"), "e2e-" + label + "-");
        List<String> jvm = new ArrayList<>(LaunchConfig.DEFAULT_SERVICE_JVM);
        jvm.addAll(extraServiceJvmOptions);
        LaunchConfig cfg = LaunchConfig.defaults(root).withStateDir(state).withFreePorts()
                .withServiceJvmOptions(jvm).withReadyTimeout(Duration.ofMinutes(3));
        if (instances > 1) {
            int services = Component.SERVICES.size() * instances;
            int base = freeBlock(services + 3);
            cfg = cfg.withPorts(base + services, base + services + 1, base + services + 2, base, base + 1, base + 2,
                    base + 3).withReadyTimeout(Duration.ofMinutes(5));
        }
        E2eSystem e2e = new E2eSystem(label, new ParzenSystem(cfg, System.out).instances(instances));
        e2e.log("starting Parzen, state " + state);
        try {
            e2e.system.up();
        } catch (LaunchException e) {
            e2e.close();
            fail("Parzen did not start: " + e.getMessage() + "\n" + e.logTail());
        } catch (Exception | Error e) {
            e2e.close();
            throw e;
        }
        e2e.http = e2e.http.withToken(e2e.system.token(TokenRequest.of(Role.OPERATOR)));
        e2e.log("all ready");
        return e2e;
    }

    /** The first of {@code n} consecutive ports that are all free now. */
    static int freeBlock(int n) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20000 + random.nextInt(30000);
            boolean free = true;
            for (int p = base; p < base + n && free; p++) {
                free = io.parzen.deploy.launcher.Ports.isFree(p);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + n + " consecutive free ports found");
    }

    @Override
    public void close() {
        down();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs or ran
        }
    }

    private synchronized void down() {
        if (closed) {
            return;
        }
        closed = true;
        long t = System.nanoTime();
        system.down();
        System.out.printf("e2e[%s]: stopped in %.1f s (logs in %s)%n", label, (System.nanoTime() - t) / 1e9,
                system.config().logDir());
    }

    void log(String message) {
        System.out.printf("e2e[%s %6.1f s]: %s%n", label, (System.nanoTime() - t0) / 1e9, message);
    }

    String taskApi() {
        return system.taskApi();
    }

    // ------------------------------------------------------------------ REST

    /** POST /tasks; fails unless 201; returns the task id. */
    String createTask(ObjectNode task) throws Exception {
        Http.Response r = http.postJson(taskApi() + "/tasks", task.toString());
        assertEquals(201, r.status(), "POST /tasks " + task.path("name").asText() + ": " + r.body());
        String id = r.json().get("id").asText();
        log("task " + task.path("name").asText() + " = " + id);
        return id;
    }

    /** POST /tasks/from-blueprint?task=NAME with a valohai.yaml body; fails unless 201; returns the task id. */
    String createFromBlueprint(String yaml, String taskName) throws Exception {
        Http.Response r = http.post(taskApi() + "/tasks/from-blueprint?task=" + taskName, "application/yaml", yaml);
        assertEquals(201, r.status(), "POST /tasks/from-blueprint?task=" + taskName + ": " + r.body());
        String id = Http.JSON.readTree(r.body()).get("id").asText();
        log("blueprint task " + taskName + " = " + id);
        return id;
    }

    /** GET /tasks/{id}, or null while task-service does not answer (it may be restarting). */
    JsonNode task(String id) throws InterruptedException {
        try {
            Http.Response r = http.get(taskApi() + "/tasks/" + id);
            return r.ok() ? r.json() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** GET /tasks/{id}/executions in sequence order, or null while task-service does not answer. */
    List<JsonNode> executionsOrNull(String id) throws InterruptedException {
        try {
            Http.Response r = http.get(taskApi() + "/tasks/" + id + "/executions");
            if (!r.ok() || r.json() == null || !r.json().isArray()) {
                return null;
            }
            List<JsonNode> list = new ArrayList<>();
            r.json().forEach(list::add);
            return list;
        } catch (IOException e) {
            return null;
        }
    }

    List<JsonNode> executions(String id) throws Exception {
        List<JsonNode> list = executionsOrNull(id);
        assertTrue(list != null, "GET /tasks/" + id + "/executions failed");
        return list;
    }

    /** Polls the task until {@code done} holds; prints every change of status or summary. */
    JsonNode awaitTask(String id, String what, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        JsonNode t = null;
        while (true) {
            JsonNode now = task(id);
            if (now != null) {
                t = now;
                String line = t.path("name").asText() + " " + t.path("status").asText() + " "
                        + t.path("statusReason").asText("") + " " + summary(t);
                if (!line.equals(last)) {
                    log(line);
                    last = line;
                }
                if (done.test(t)) {
                    return t;
                }
            }
            if (System.nanoTime() > deadline) {
                fail("task " + id + ": not " + what + " after " + timeout.toSeconds() + " s: " + t);
            }
            Thread.sleep(250);
        }
    }

    JsonNode awaitFinal(String id, Duration timeout) throws Exception {
        return awaitTask(id, "final", t -> FINAL_TASK.contains(t.path("status").asText()), timeout);
    }

    /**
     * Waits until the task lists at least {@code min} executions and all of them are final (stopped
     * ones are reported by the executor a moment after the task ended), and returns them.
     */
    List<JsonNode> awaitExecutionsFinal(String id, int min, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> list = null;
        while (System.nanoTime() < deadline) {
            list = executionsOrNull(id);
            if (list != null && list.size() >= min
                    && list.stream().allMatch(e -> FINAL_EXECUTION.contains(e.path("status").asText()))) {
                return list;
            }
            Thread.sleep(250);
        }
        fail("task " + id + ": executions not all final (or fewer than " + min + ") after " + timeout.toSeconds()
                + " s: " + list);
        return null;
    }

    /** Metric points of a task in metrics-service, by execution id (empty while it does not answer). */
    Map<String, List<JsonNode>> metricPoints(String id) throws InterruptedException {
        Map<String, List<JsonNode>> byExecution = new HashMap<>();
        try {
            Http.Response r = http.get(system.metricsApi() + "/tasks/" + id + "/metrics");
            if (r.ok() && r.json() != null && r.json().isArray()) {
                for (JsonNode p : r.json()) {
                    byExecution.computeIfAbsent(p.path("executionId").asText(), k -> new ArrayList<>()).add(p);
                }
            }
        } catch (IOException e) {
            // not answering: empty
        }
        return byExecution;
    }

    /** Waits until metrics-service has points of every one of {@code executionIds}; returns the points. */
    Map<String, List<JsonNode>> awaitMetrics(String id, Set<String> executionIds, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, List<JsonNode>> points = Map.of();
        while (System.nanoTime() < deadline) {
            points = metricPoints(id);
            if (points.keySet().containsAll(executionIds)) {
                return points;
            }
            Thread.sleep(500);
        }
        Map<String, List<JsonNode>> last = points;
        List<String> without = executionIds.stream().filter(e -> !last.containsKey(e)).sorted().toList();
        fail("executions of task " + id + " without metric points in metrics-service: " + without);
        return null;
    }

    static String summary(JsonNode task) {
        StringBuilder sb = new StringBuilder("{");
        task.path("statusSummary").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() != 0) {
                sb.append(sb.length() > 1 ? " " : "").append(e.getKey()).append('=').append(e.getValue().asLong());
            }
        });
        return sb.append('}').toString();
    }

    /** The last log lines of every component. */
    void dumpLogs(int lines) {
        for (io.parzen.deploy.launcher.Instance i : system.allInstances()) {
            System.out.println("---- " + i.label(system.instances()) + " (last lines of " + system.logFile(i) + ")");
            System.out.println(Processes.tail(system.logFile(i), lines));
        }
    }

    /** Prints the components' log tails when a test of the class fails. */
    static final class LogsOnFailure implements TestWatcher {
        private final Supplier<E2eSystem> system;

        LogsOnFailure(Supplier<E2eSystem> system) {
            this.system = system;
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            E2eSystem s = system.get();
            if (s != null && !s.closed) {
                System.out.println("==== " + context.getDisplayName() + " failed: " + cause);
                s.dumpLogs(40);
            }
        }
    }
}
