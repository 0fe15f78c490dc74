package io.parzen.deploy.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.chaos.TaskOutcome.ExecutionOutcome;
import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.Http;
import io.parzen.deploy.launcher.LaunchException;
import io.parzen.deploy.launcher.ParzenSystem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a chaos plan against a running {@link ParzenSystem}: keeps {@code tasks} tasks of the example MLP
 * running, does each {@link Fault} of the {@link FaultPlan} in turn (restarting what it killed or stopped and
 * waiting until every service is ready again), then waits for every task to end and computes the
 * {@link ChaosReport}. While infrastructure is down it samples each service's {@code /q/health/live} and
 * {@code /q/health/ready}; a service process that disappears without the harness killing it is counted and
 * started again.
 */
public final class ChaosRunner {

    /** What to run; durations are whole seconds. */
    public record Settings(int rounds, int tasks, long seed, Set<FaultKind> kinds, Duration outage,
            Duration minPause, Duration maxPause, int executionsPerTask, int batchSize, int epochs,
            Duration taskTimeout, String onChildError) {
    }

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final ParzenSystem sys;
    private final Http http;
    private final Settings s;
    private final PrintStream out;
    private final long t0 = System.nanoTime();

    /** Task id → its maxExecutions, in creation order. */
    private final Map<String, Integer> created = new LinkedHashMap<>();
    private final List<String> active = new ArrayList<>();
    private final Map<String, String> lastStatus = new LinkedHashMap<>();
    private int taskCounter;

    // observations
    private int unexpectedExits;
    private int restartFailures;
    private int notReadyAfterFault;
    private final Map<String, Integer> livenessDownSamples = new TreeMap<>();
    private final Map<String, Integer> readinessDownSamples = new TreeMap<>();
    private final Map<String, Integer> outageSamples = new TreeMap<>();
    private final List<Double> recoverySeconds = new ArrayList<>();

    public ChaosRunner(ParzenSystem sys, Http http, Settings settings, PrintStream out) {
        this.sys = sys;
        this.http = http;
        this.s = settings;
        this.out = out;
    }

    /** The targets of this system: every component it runs (services, and the broker and PostgreSQL when embedded). */
    public static List<Target> targets(ParzenSystem sys) {
        return sys.components().stream().map(Target::of).toList();
    }

    public ChaosReport run() throws Exception {
        List<Fault> plan = FaultPlan.plan(s.seed(), s.rounds(), s.kinds(), targets(sys), s.minPause(), s.maxPause(),
                s.outage());
        log("plan: " + plan.size() + " rounds, seed " + s.seed() + ", " + s.tasks() + " tasks at a time of "
                + s.executionsPerTask() + " executions (batches of " + s.batchSize() + ")");
        topUp();
        List<Fault> done = new ArrayList<>();
        for (Fault f : plan) {
            keepRunning(f.pauseBefore());
            log("round " + f.round() + "/" + plan.size() + ": " + f.describe());
            apply(f);
            done.add(f);
            long t = System.nanoTime();
            if (!awaitAllReady()) {
                notReadyAfterFault++;
                log("not every service was ready " + READY_TIMEOUT.toSeconds() + " s after round " + f.round());
            } else {
                recoverySeconds.add((System.nanoTime() - t) / 1e9);
            }
        }
        log("all rounds done; waiting for " + active.size() + " task(s) to end (at most "
                + s.taskTimeout().toSeconds() + " s)");
        long deadline = System.nanoTime() + s.taskTimeout().toNanos();
        while (!active.isEmpty() && System.nanoTime() < deadline) {
            poll();
            checkExits();
            Thread.sleep(1000);
        }
        List<TaskOutcome> outcomes = new ArrayList<>();
        for (var e : created.entrySet()) {
            outcomes.add(outcome(e.getKey(), e.getValue()));
        }
        ChaosReport report = ChaosReport.of(s.rounds(), done, outcomes);
        ObjectNode o = report.observations();
        o.put("seed", s.seed());
        o.put("outageSeconds", s.outage().toSeconds());
        o.put("unexpectedExits", unexpectedExits);
        o.put("restartFailures", restartFailures);
        o.put("notReadyAfterFault", notReadyAfterFault);
        ObjectNode h = o.putObject("healthDuringOutages");
        outageSamples.forEach((key, n) -> h.putObject(key).put("samples", n)
                .put("livenessDown", livenessDownSamples.getOrDefault(key, 0))
                .put("readinessDown", readinessDownSamples.getOrDefault(key, 0)));
        ArrayNode rec = o.putArray("recoverySeconds");
        recoverySeconds.forEach(x -> rec.add(Math.round(x * 10) / 10.0));
        o.put("durationSeconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        return report;
    }

    // ------------------------------------------------------------------ faults

    private void apply(Fault f) throws Exception {
        Component c = f.target().component();
        switch (f.kind()) {
            case KILL -> {
                Outages.kill(sys, c, out);
                restart(c);
            }
            case STOP_DB, STOP_BROKER -> {
                Outages.stop(sys, c, out);
                long until = System.nanoTime() + f.outage().toNanos();
                while (System.nanoTime() < until) {
                    sampleHealth(f.kind());
                    poll();
                    Thread.sleep(Math.min(2000, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                }
                restart(c);
            }
        }
    }

    /** Starts the component again (same ports, same data folder), three attempts. */
    private void restart(Component c) throws InterruptedException, IOException {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                sys.start(c);
                return;
            } catch (LaunchException e) {
                restartFailures++;
                log("starting " + c.id() + " failed (attempt " + attempt + "): " + e.getMessage());
                Thread.sleep(3000);
            }
        }
        log("could not start " + c.id() + " again; the rest of the run goes on without it");
    }

    private boolean awaitAllReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            checkExits();
            boolean all = true;
            for (Component c : Component.SERVICES) {
                if (!http.isReady(sys.config().connectHost(), c.port(sys.config()))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
            poll();
            Thread.sleep(1000);
        }
        for (Component c : Component.SERVICES) {
            if (!http.isReady(sys.config().connectHost(), c.port(sys.config()))) {
                log(c.id() + " not ready: " + readyBody(c));
            }
        }
        return false;
    }

    /** What a service's readiness check answers (its DOWN checks say why), or why it could not be asked. */
    private String readyBody(Component c) {
        try {
            Http.Response r = http.get(sys.serviceUrl(c) + "/q/health/ready");
            String b = r.body() == null ? "" : r.body().replaceAll("\\s+", " ");
            return "HTTP " + r.status() + " " + (b.length() > 600 ? b.substring(0, 600) + "…" : b);
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A service whose process is gone though the harness did not kill it: counted, and started again. */
    private void checkExits() throws InterruptedException {
        for (Component c : Component.SERVICES) {
            if (sys.process(c).isEmpty()) {
                unexpectedExits++;
                log(c.id() + " is not running though the harness did not stop it; starting it again (see "
                        + sys.logFile(c) + ")");
                try {
                    restart(c);
                } catch (IOException e) {
                    log("could not start " + c.id() + ": " + e);
                }
            }
        }
    }

    /** One look at each service's liveness and readiness during an outage, counted by outage kind and service. */
    private void sampleHealth(FaultKind kind) throws InterruptedException {
        for (Component c : Component.SERVICES) {
            String base = sys.serviceUrl(c);
            String key = kind.id() + " " + c.id();
            outageSamples.merge(key, 1, Integer::sum);
            if (!up(base + "/q/health/live")) {
                livenessDownSamples.merge(key, 1, Integer::sum);
            }
            if (!up(base + "/q/health/ready")) {
                readinessDownSamples.merge(key, 1, Integer::sum);
            }
        }
    }

    private boolean up(String url) throws InterruptedException {
        try {
            Http.Response r = http.get(url);
            return r.status() == 200 && r.json() != null && "UP".equals(r.json().path("status").asText());
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ tasks

    /** Waits {@code d}, keeping {@code tasks} tasks running meanwhile. */
    private void keepRunning(Duration d) throws InterruptedException {
        long until = System.nanoTime() + d.toNanos();
        do {
            poll();
            topUp();
            checkExits();
            long left = (until - System.nanoTime()) / 1_000_000;
            if (left > 0) {
                Thread.sleep(Math.min(1000, left));
            }
        } while (System.nanoTime() < until);
    }

    private void topUp() throws InterruptedException {
        while (active.size() < s.tasks()) {
            Optional<String> id = createTask();
            if (id.isEmpty()) {
                return; // task-service or its database is down: next time
            }
            active.add(id.get());
        }
    }

    private Optional<String> createTask() throws InterruptedException {
        int n = taskCounter + 1;
        ObjectNode spec = taskSpec(sys.config().repoRoot(), s, "chaos-" + s.seed() + "-" + n, s.seed() * 1000 + n);
        try {
            Http.Response r = http.postJson(sys.taskApi() + "/tasks", spec.toString());
            if (r.status() == 201 && r.json() != null && r.json().hasNonNull("id")) {
                taskCounter = n;
                String id = r.json().get("id").asText();
                created.put(id, s.executionsPerTask());
                log("task " + spec.path("name").asText() + " = " + id);
                return Optional.of(id);
            }
            if (r.status() >= 400 && r.status() < 500) {
                throw new IllegalStateException("task-service refused the chaos task: HTTP " + r.status() + " "
                        + r.body());
            }
        } catch (IOException e) {
            // not answering
        }
        return Optional.empty();
    }

    /** The harness's task: the example MLP (examples/mlp), short trainings, no early stop. */
    static ObjectNode taskSpec(Path repoRoot, Settings s, String name, long seed) {
        ObjectNode spec = Http.JSON.createObjectNode();
        spec.put("name", name);
        spec.put("type", "bayesian_tpe");
        spec.put("engine", "optuna");
        spec.put("command", "python3 train.py --epochs=" + s.epochs() + " --hidden_units=32 {parameters}");
        spec.put("workingDirectory", repoRoot.resolve("examples/mlp").toString());
        ArrayNode p = spec.putArray("parameters");
        p.addObject().put("name", "learning_rate").put("distribution", "loguniform").put("min", -4).put("max", -2);
        p.addObject().put("name", "batch_size").put("distribution", "integer").put("min", 64).put("max", 128)
                .put("qStep", 32);
        p.addObject().put("name", "num_layers").put("distribution", "integer").put("min", 2).put("max", 4);
        spec.put("maxExecutions", s.executionsPerTask());
        spec.put("batchSize", s.batchSize());
        spec.put("randomStartup", s.batchSize());
        spec.putObject("target").put("metric", "val_accuracy").put("direction", "maximize");
        if (s.onChildError() != null) {
            spec.put("onChildError", s.onChildError());
        }
        spec.put("seed", seed);
        return spec;
    }

    /** Refreshes the active tasks' status; drops the final ones from the active list. */
    private void poll() throws InterruptedException {
        for (var it = active.iterator(); it.hasNext(); ) {
            String id = it.next();
            JsonNode t = get(sys.taskApi() + "/tasks/" + id);
            if (t == null) {
                continue;
            }
            String status = t.path("status").asText();
            if (!status.equals(lastStatus.put(id, status))) {
                log("task " + id + " " + status + " " + t.path("statusReason").asText("") + " "
                        + t.path("statusSummary"));
            }
            if (ChaosReport.FINAL_TASK.contains(status)) {
                it.remove();
            }
        }
    }

    private TaskOutcome outcome(String id, int maxExecutions) throws InterruptedException {
        JsonNode t = null;
        for (int i = 0; i < 30 && t == null; i++) {
            t = get(sys.taskApi() + "/tasks/" + id);
            if (t == null) {
                Thread.sleep(1000);
            }
        }
        String status = t == null ? null : t.path("status").asText();
        boolean finished = status != null && ChaosReport.FINAL_TASK.contains(status);
        List<ExecutionOutcome> listed = List.of();
        // stopped or crashed executions are reported a moment after the task ended
        long deadline = System.nanoTime() + Duration.ofSeconds(finished ? 60 : 5).toNanos();
        do {
            JsonNode ex = get(sys.taskApi() + "/tasks/" + id + "/executions");
            if (ex != null && ex.isArray()) {
                listed = executions(ex);
                if (listed.stream().allMatch(e -> ChaosReport.FINAL_EXECUTION.contains(e.status()))) {
                    break;
                }
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        JsonNode inExecutor = get(sys.serviceUrl(Component.EXECUTOR) + "/api/v1/executions?taskId=" + id);
        return new TaskOutcome(id, status, t == null ? null : t.path("statusReason").asText(null), maxExecutions,
                finished, listed, inExecutor != null && inExecutor.isArray() ? executions(inExecutor) : List.of());
    }

    private static List<ExecutionOutcome> executions(JsonNode array) {
        List<ExecutionOutcome> list = new ArrayList<>();
        array.forEach(e -> list.add(new ExecutionOutcome(e.path("id").asText(), e.path("status").asText(),
                e.path("attempt").asInt(1))));
        return list;
    }

    private JsonNode get(String url) throws InterruptedException {
        try {
            Http.Response r = http.get(url);
            return r.ok() ? r.json() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void log(String message) {
        out.printf("chaos[%6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, message);
        out.flush();
    }
}
