package io.parzen.deploy.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.parzen.deploy.token.Role;
import io.parzen.deploy.token.TokenRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./parzen demo}: start the system if needed, run the example task, show the result. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the example task (examples/mlp/task.json) end to end: start Parzen if it is not running, "
                + "create the task, follow it until it ends, print the best execution, stop Parzen again if the "
                + "demo started it. Exits non-zero if the task ends in error.")
public class DemoCommand implements Callable<Integer> {

    static final Set<String> FINAL = Set.of("stopped", "complete", "error");
    static final Set<String> FINISHED_EXECUTION = Set.of("complete", "error", "crashed", "stopped");

    @Mixin
    LauncherOptions options;

    @Option(names = "--task", paramLabel = "FILE", defaultValue = "examples/mlp/task.json",
            description = "The task to run (JSON), relative to the current folder or the repository root (default: ${DEFAULT-VALUE}).")
    Path taskFile;

    @Option(names = "--keep-running", description = "Leave Parzen running at the end even if the demo started it.")
    boolean keepRunning;

    @Option(names = "--task-timeout", defaultValue = "1200", paramLabel = "SECONDS",
            description = "Give up following the task after this long (default: ${DEFAULT-VALUE}).")
    int taskTimeoutSeconds;

    private final PrintStream out = System.out;
    /** Carries the demo's operator token once the system runs. */
    private Http http = new Http();

    @Override
    public Integer call() throws Exception {
        Path root = LauncherOptions.repoRoot();
        Path file = LauncherOptions.callerDir().resolve(taskFile);
        if (!Files.isRegularFile(file)) {
            file = root.resolve(taskFile);
        }
        if (!Files.isRegularFile(file)) {
            out.println("No task file " + file);
            return 2;
        }
        boolean wasRunning = new ParzenSystem(options.toConfig(root), out).anyRunning()
                || ParzenCommand.system(options, out).anyRunning();
        if (!ParzenCommand.up(options, out)) {
            return 1;
        }
        ParzenSystem sys = ParzenCommand.system(options, out);
        boolean stopAtEnd = !wasRunning && !keepRunning;
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable down = () -> {
            if (stopAtEnd && stopped.compareAndSet(false, true)) {
                out.println();
                out.println("Stopping Parzen (the demo started it; use --keep-running to keep it).");
                sys.down();
            }
        };
        Thread hook = new Thread(down, "demo-down");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runTask(sys, file);
        } finally {
            down.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private int runTask(ParzenSystem sys, Path file) throws Exception {
        http = http.withToken(sys.token(TokenRequest.of(Role.OPERATOR)));
        String body = Files.readString(file);
        JsonNode spec = Http.JSON.readTree(body);
        int total = spec.path("maxExecutions").asInt(-1);
        String metric = spec.path("target").path("metric").asText("value");
        out.println();
        out.printf("Creating task %s (%s, %d executions, batches of %d) from %s%n", spec.path("name").asText(),
                spec.path("type").asText(), total, spec.path("batchSize").asInt(), file);
        Http.Response created = http.postJson(sys.taskApi() + "/tasks", body);
        if (!created.ok() || created.json() == null || !created.json().hasNonNull("id")) {
            out.println("task-service refused the task: HTTP " + created.status() + "\n" + created.body());
            return 1;
        }
        String id = created.json().get("id").asText();
        out.println("Task " + id + " created. Following it (Ctrl-C to abandon):");
        long t0 = System.nanoTime();
        long deadline = t0 + taskTimeoutSeconds * 1_000_000_000L;
        String lastLine = "";
        long lastPrint = 0;
        JsonNode task = created.json();
        while (true) {
            Http.Response r = http.get(sys.taskApi() + "/tasks/" + id);
            if (r.ok() && r.json() != null) {
                task = r.json();
            }
            String status = task.path("status").asText("?");
            JsonNode summary = task.path("statusSummary");
            int finished = 0;
            int running = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = summary.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (FINISHED_EXECUTION.contains(e.getKey())) {
                    finished += e.getValue().asInt();
                } else if (e.getKey().equals("started") || e.getKey().equals("queued")) {
                    running += e.getValue().asInt();
                }
            }
            JsonNode best = task.path("best");
            String bestText = best.hasNonNull("value")
                    ? String.format("best %s %s", metric, best.get("value").asText()) : "no result yet";
            String line = String.format("%-9s finished %d/%d  running %d  %s", status, finished, total, running,
                    bestText);
            long now = System.nanoTime();
            if (!line.equals(lastLine) || now - lastPrint > 30_000_000_000L) {
                out.printf("  [%4.0f s] %s%n", (now - t0) / 1e9, line);
                lastLine = line;
                lastPrint = now;
            }
            if (FINAL.contains(status)) {
                break;
            }
            if (now > deadline) {
                out.println("The task did not end within " + taskTimeoutSeconds + " s; it keeps running in Parzen"
                        + " (stop it: curl -X POST -H \"Authorization: Bearer $(./parzen token" + sys.stateDirOption()
                        + ")\" " + sys.taskApi() + "/tasks/" + id + "/stop).");
                printNext(sys, id);
                return 1;
            }
            Thread.sleep(2000);
        }
        String status = task.path("status").asText();
        out.println();
        out.printf("Task %s ended: %s%s after %.0f s%n", id, status,
                task.hasNonNull("statusReason") ? " (" + task.get("statusReason").asText() + ")" : "",
                (System.nanoTime() - t0) / 1e9);
        out.println("Executions by status: " + task.path("statusSummary"));
        JsonNode best = task.path("best");
        if (best.isObject() && !best.isEmpty()) {
            out.println("Best execution: " + best.path("executionId").asText());
            out.println("  " + metric + " = " + best.path("value").asText());
            out.println("  parameters: " + best.path("parameters"));
        } else {
            out.println("No best execution (no execution reported " + metric + ").");
        }
        printNext(sys, id);
        return status.equals("error") ? 1 : 0;
    }

    private void printNext(ParzenSystem sys, String id) {
        String kafka = sys.config().kafkaBootstrap();
        out.println();
        String auth = "-H \"Authorization: Bearer $TOKEN\" ";
        out.println("Where to look next (with the system running, e.g. ./parzen demo --keep-running):");
        out.println("  TOKEN=$(./parzen token" + sys.stateDirOption() + ")");
        out.println("  curl -s " + auth + sys.taskApi() + "/tasks/" + id);
        out.println("  curl -s " + auth + sys.taskApi() + "/tasks/" + id + "/executions");
        out.println("  curl -s " + auth + sys.metricsApi() + "/tasks/" + id + "/metrics");
        out.println("  logs: " + sys.config().logDir() + " (one file per process)");
        out.println("  kcat -b " + kafka + " -C -t parzen.metric-logged -o beginning -e -f '%k %s\\n'"
                + "   (other topics: kcat -b " + kafka + " -L; apt-get install kcat)");
    }
}
