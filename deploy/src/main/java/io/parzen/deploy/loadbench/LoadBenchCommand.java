package io.parzen.deploy.loadbench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.Http;
import io.parzen.deploy.launcher.LaunchConfig;
import io.parzen.deploy.launcher.LaunchException;
import io.parzen.deploy.launcher.LauncherOptions;
import io.parzen.deploy.launcher.ParzenSystem;
import io.parzen.deploy.token.Role;
import io.parzen.deploy.token.TokenRequest;
import io.parzen.events.Events;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./parzen bench load}: the control plane's load benchmark (ADR 0028). It starts the whole
 * system as {@code ./parzen up} does, in its own run folder on free ports, creates N tasks through
 * task-service's REST API (a bounded number of POSTs in flight) and lets either a simulated executor
 * in this process ({@code --mode sim}, environment {@value #SIM_ENVIRONMENT} that executor-service
 * does not serve) or executor-service's local process executor ({@code --mode process}) run their
 * executions. When every task has its {@code TaskFinished} (or the timeout passed) it reads the
 * topics back, computes the figures ({@link LoadAnalysis}), writes them as JSON to {@code --out} and
 * stops the system.
 */
@Command(name = "parzen bench load", mixinStandardHelpOptions = true,
        description = {"The control plane's load benchmark: starts Parzen in its own run folder, creates --tasks tasks "
                + "concurrently over REST, runs their executions with a simulated executor (or the local process "
                + "executor, --mode process), and writes executions/s, loop latency, lost/duplicated executions, "
                + "consumer lag and per-service RSS/CPU as JSON (docs/benchmarks/load.md).",
                "Exit 0 when nothing was lost or duplicated and every task finished, 1 otherwise, 2 for a usage error."},
        footer = {"", "Examples:",
                "  ./parzen bench load --tasks 100 --executions 20 --batch 10 --out load-100.json",
                "  ./parzen bench load --tasks 1000 --executions 20 --batch 10 --duration-ms 100 --out load-1000.json",
                "  ./parzen bench load --mode process --command true --tasks 1 --executions 40 --batch 1 --out process.json",
                "  ./parzen bench load --tasks 100 --jfr --out load-100.json   (JFR of every service in <run>/jfr)"})
public class LoadBenchCommand implements Callable<Integer> {

    /** The environment of simulated tasks: executor-service serves only {@code local} unless told otherwise. */
    public static final String SIM_ENVIRONMENT = "bench-sim";

    public enum Mode { sim, process }

    @Option(names = "--tasks", required = true, paramLabel = "N", description = "tasks, created concurrently")
    int tasks;

    @Option(names = "--executions", defaultValue = "20", paramLabel = "E",
            description = "executions per task (default: ${DEFAULT-VALUE})")
    int executions;

    @Option(names = "--batch", defaultValue = "10", paramLabel = "B", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--instances", defaultValue = "1", paramLabel = "I",
            description = "instances of each service (default: ${DEFAULT-VALUE})")
    int instances;

    @Option(names = "--duration-ms", defaultValue = "0", paramLabel = "D",
            description = "simulated execution time: ExecutionFinished D ms after ExecutionStarted (default: ${DEFAULT-VALUE})")
    long durationMs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the JSON result")
    Path out;

    @Option(names = "--mode", defaultValue = "sim", paramLabel = "MODE",
            description = "sim: a simulated executor in this process; process: executor-service runs --command "
                    + "(default: ${DEFAULT-VALUE})")
    Mode mode;

    @Option(names = "--command", defaultValue = "true", paramLabel = "COMMAND",
            description = "--mode process: the tasks' command (default: ${DEFAULT-VALUE})")
    String command;

    @Option(names = "--concurrency", defaultValue = "16", paramLabel = "C",
            description = "POST /tasks requests in flight at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--timeout", defaultValue = "PT30M", paramLabel = "DURATION",
            description = "how long to wait for every TaskFinished, ISO-8601 (default: ${DEFAULT-VALUE}); tasks still "
                    + "running then count their missing executions as lost")
    Duration timeout;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "the run folder (default: <repo>/target/loadbench/run-<time>); must not hold a running system")
    Path stateDir;

    @Option(names = "--service-jvm-option", paramLabel = "OPTION",
            description = "appended to the services' JVM options (repeatable), e.g. -Xmx512m")
    List<String> serviceJvmOptions = new ArrayList<>();

    @Option(names = "--jfr", description = "record a JFR profile (settings=profile) of every service into <run>/jfr")
    boolean jfr;

    @Option(names = "--warmup-tasks", defaultValue = "0", paramLabel = "W",
            description = "tasks run to their end before the measured ones (JIT, connection pools), left out of "
                    + "every figure (default: ${DEFAULT-VALUE})")
    int warmupTasks;

    @Option(names = "--note", paramLabel = "TEXT", description = "a note copied into the JSON (e.g. what else ran)")
    String note;

    private final PrintStream console;

    public LoadBenchCommand() {
        this(System.out);
    }

    public LoadBenchCommand(PrintStream console) {
        this.console = console;
    }

    /** What is wrong with the options, one message per field (empty when they are usable). */
    List<String> problems() {
        List<String> p = new ArrayList<>();
        if (tasks < 1 || tasks > 100_000) {
            p.add("--tasks " + tasks + ": must be 1..100000");
        }
        if (executions < 1 || executions > 10_000) {
            p.add("--executions " + executions + ": must be 1..10000");
        }
        if (batch < 1 || batch > executions) {
            p.add("--batch " + batch + ": must be 1..--executions (" + executions + ")");
        }
        if (instances < 1 || instances > ParzenSystem.MAX_INSTANCES) {
            p.add("--instances " + instances + ": must be 1.." + ParzenSystem.MAX_INSTANCES
                    + " (one instance per partition of a topic at most)");
        }
        if (durationMs < 0 || durationMs > Duration.ofMinutes(4).toMillis()) {
            p.add("--duration-ms " + durationMs + ": must be 0..240000 (the watchdog's heartbeat timeout is 5 min and "
                    + "the simulated executor sends no heartbeats)");
        }
        if (mode == Mode.process && durationMs != 0) {
            p.add("--duration-ms " + durationMs + ": only for --mode sim; in --mode process the command's own run "
                    + "time counts");
        }
        if (mode == Mode.process && (command == null || command.isBlank())) {
            p.add("--command: must not be empty in --mode process");
        }
        if (warmupTasks < 0 || warmupTasks > 10_000) {
            p.add("--warmup-tasks " + warmupTasks + ": must be 0..10000");
        }
        if (concurrency < 1 || concurrency > 256) {
            p.add("--concurrency " + concurrency + ": must be 1..256");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            p.add("--timeout " + timeout + ": must be a positive ISO-8601 duration, e.g. PT30M");
        }
        return p;
    }

    @Override
    public Integer call() throws Exception {
        // the Kafka clients of this process log every partition assignment at INFO: keep the console for the figures
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            problems.forEach(m -> console.println("parzen bench load: " + m));
            return 2;
        }
        Path root = LauncherOptions.repoRoot();
        Path outFile = LauncherOptions.callerDir().resolve(out);
        Path run = stateDir != null ? LauncherOptions.callerDir().resolve(stateDir)
                : root.resolve("target/loadbench/run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> jvm = new ArrayList<>(LaunchConfig.DEFAULT_SERVICE_JVM);
        jvm.addAll(serviceJvmOptions);
        if (jfr) {
            Path jfrDir = run.resolve("jfr");
            Files.createDirectories(jfrDir);
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfrDir + "/");
        }
        LaunchConfig cfg = LaunchConfig.defaults(root).withStateDir(run).withFreePorts().withServiceJvmOptions(jvm)
                .withReadyTimeout(Duration.ofMinutes(4));
        ParzenSystem sys = new ParzenSystem(cfg, console).instances(instances);
        if (sys.anyRunning()) {
            console.println("parzen bench load: --state-dir " + run + " holds a running system; choose another folder");
            return 2;
        }
        Thread hook = new Thread(sys::down, "loadbench-down");
        Runtime.getRuntime().addShutdownHook(hook);
        console.println("load benchmark: " + tasks + " tasks × " + executions + " executions, batches of " + batch
                + ", mode " + mode + ", run folder " + run);
        try {
            try {
                sys.up();
            } catch (LaunchException e) {
                console.println("Parzen did not start: " + e.getMessage());
                if (e.logTail() != null) {
                    console.println(e.logTail());
                }
                return 1;
            }
            return measure(sys, outFile);
        } finally {
            console.println("stopping Parzen (logs stay in " + cfg.logDir() + ")");
            sys.down();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down
            }
        }
    }

    private int measure(ParzenSystem sys, Path outFile) throws Exception {
        Properties client = new Properties();
        client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sys.config().kafkaBootstrap());
        String environment = mode == Mode.sim ? SIM_ENVIRONMENT : Events.DEFAULT_ENVIRONMENT;
        Usage usage = new Usage(sys);
        SimulatedExecutor sim = mode == Mode.sim
                ? new SimulatedExecutor(client, "platform-loadbench-" + System.currentTimeMillis(), environment, durationMs)
                : null;
        TopicReader.KeyWatcher finishedTasks = new TopicReader.KeyWatcher(client, Events.TOPIC_TASK_FINISHED);
        LagSampler sampler = new LagSampler(client, usage::sample);
        Set<String> taskIds = ConcurrentHashMap.newKeySet();
        List<Long> postMs = Collections.synchronizedList(new ArrayList<>());
        List<String> postErrors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger postFailures = new AtomicInteger();
        long startMs;
        Map<String, Long> finalLag = Map.of();
        long lagSettleMs = 0;
        try {
            if (sim != null) {
                sim.start();
            }
            finishedTasks.start();
            TaskPoster http = new TaskPoster(sys.taskApi() + "/tasks", sys.token(TokenRequest.of(Role.OPERATOR)),
                    Duration.ofMinutes(2));
            if (warmupTasks > 0) {
                warmUp(http, environment, finishedTasks);
            }
            usage.mark();
            sampler.start();
            ExecutorService posters = Executors.newFixedThreadPool(concurrency);
            startMs = System.currentTimeMillis();
            for (int i = 0; i < tasks; i++) {
                String body = taskBody(i, environment).toString();
                posters.submit(() -> {
                    long t0 = System.nanoTime();
                    try {
                        taskIds.add(http.create(body));
                        postMs.add((System.nanoTime() - t0) / 1_000_000);
                    } catch (Exception e) {
                        postFailures.incrementAndGet();
                        postErrors.add(e.toString());
                    }
                });
            }
            posters.shutdown();
            posters.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long createdMs = System.currentTimeMillis();
            console.printf("created %d tasks in %.1f s (%d POSTs failed)%n", taskIds.size(), (createdMs - startMs) / 1e3,
                    postFailures.get());
            long deadline = startMs + timeout.toMillis();
            long lastPrint = 0;
            while (System.currentTimeMillis() < deadline) {
                int done = finishedTasks.count(taskIds);
                if (done == taskIds.size()) {
                    break;
                }
                if (System.currentTimeMillis() - lastPrint > 5000) {
                    lastPrint = System.currentTimeMillis();
                    console.printf("  [%5.0f s] tasks finished %d/%d%s%n", (lastPrint - startMs) / 1e3, done,
                            taskIds.size(), sim == null ? "" : ", simulated executions finished " + sim.finished());
                }
                Thread.sleep(200);
            }
            Thread.sleep(2000); // stragglers: a duplicate sent just after the last TaskFinished still counts
            long settleStart = System.currentTimeMillis();
            finalLag = sampler.awaitCaughtUp(Duration.ofSeconds(20), Duration.ofMillis(500));
            lagSettleMs = System.currentTimeMillis() - settleStart;
        } finally {
            sampler.close();
            finishedTasks.close();
            if (sim != null) {
                sim.close();
            }
        }
        usage.sample();
        console.println("reading the topics back ...");
        List<BrokerRecord> records = TopicReader.readAll(client, List.of(Events.TOPIC_SUGGESTION_REQUESTED,
                Events.TOPIC_EXECUTION_STARTED, Events.TOPIC_EXECUTION_FINISHED, Events.TOPIC_TASK_FINISHED));
        LoadAnalysis analysis = new LoadAnalysis(taskIds, executions).analyze(records);

        ObjectNode result = analysis.toJson(startMs, mode == Mode.process);
        // the tasks that could not be created are lost too: their executions were asked for
        int notCreated = tasks - taskIds.size();
        result.put("lost", analysis.lost() + notCreated * executions);
        result.put("tasksCreated", taskIds.size());
        result.put("postFailures", postFailures.get());
        if (!postErrors.isEmpty()) {
            ArrayNode errors = result.putArray("postErrors");
            postErrors.stream().limit(5).forEach(errors::add);
        }
        result.set("postLatencyMs", new Percentiles(postMs).toJson());
        ObjectNode lag = result.putObject("maxConsumerLag");
        sampler.maxLag().forEach(lag::put);
        result.put("lagSamples", sampler.samples());
        ObjectNode last = result.putObject("finalConsumerLag");
        finalLag.forEach((group, value) -> {
            if (value == null) {
                last.putNull(group);
            } else {
                last.put(group, value);
            }
        });
        result.put("lagSettleMs", lagSettleMs);
        if (sampler.lastError() != null) {
            result.put("samplerLastError", sampler.lastError());
        }
        result.set("services", usage.toJson());
        if (sim != null) {
            ObjectNode s = result.putObject("simulatedExecutor");
            s.put("started", sim.started());
            s.put("finished", sim.finished());
            s.put("redeliveredRequests", sim.redelivered());
            s.put("sendErrors", sim.sendErrors());
            if (sim.lastError() != null) {
                s.put("lastError", sim.lastError());
            }
        }
        ObjectNode document = Http.JSON.createObjectNode();
        document.put("benchmark", "parzen load");
        document.put("at", java.time.Instant.ofEpochMilli(startMs).toString());
        document.set("inputs", inputs());
        document.set("machine", machine());
        if (note != null) {
            document.put("note", note);
        }
        document.setAll(result);
        Path runFolder = sys.config().stateDir();
        document.put("runFolder", runFolder.startsWith(sys.config().repoRoot())
                ? sys.config().repoRoot().relativize(runFolder).toString() : runFolder.toString());
        if (outFile.getParent() != null) {
            Files.createDirectories(outFile.getParent());
        }
        Http.JSON.writerWithDefaultPrettyPrinter().writeValue(outFile.toFile(), document);
        console.printf("executions/s %.1f, loop latency p50 %s p99 %s ms, lost %d, duplicated %d, unfinished tasks %d%n",
                document.path("executionsPerSecond").asDouble(), document.path("loopLatencyMs").path("p50").asText("-"),
                document.path("loopLatencyMs").path("p99").asText("-"), document.path("lost").asInt(),
                document.path("duplicated").asInt(), document.path("unfinishedTasks").asInt());
        console.println("written " + outFile);
        boolean clean = document.path("lost").asInt() == 0 && document.path("duplicated").asInt() == 0
                && analysis.unfinishedTasks() == 0;
        return clean ? 0 : 1;
    }

    /** Creates the warm-up tasks one after the other's POST and waits (up to --timeout) for their TaskFinished. */
    private void warmUp(TaskPoster http, String environment, TopicReader.KeyWatcher finishedTasks)
            throws Exception {
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < warmupTasks; i++) {
            ids.add(http.create(taskBody(i, environment).put("name", "loadbench-warmup-" + i).toString()));
        }
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (finishedTasks.count(ids) < ids.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        console.printf("warm-up: %d of %d tasks finished%n", finishedTasks.count(ids), warmupTasks);
    }

    /** The REST body of task {@code i}: random search over a small Uniform space. */
    ObjectNode taskBody(int i, String environment) {
        ObjectNode task = Http.JSON.createObjectNode();
        task.put("name", "loadbench-" + i);
        task.put("type", "random_search");
        task.put("command", mode == Mode.sim ? "simulated {parameters}" : command);
        ArrayNode params = task.putArray("parameters");
        params.addObject().put("name", "x").put("distribution", "uniform").put("min", 0).put("max", 1);
        params.addObject().put("name", "y").put("distribution", "uniform").put("min", 0).put("max", 1);
        task.put("maxExecutions", executions);
        task.put("batchSize", batch);
        task.putObject("target").put("metric", SimulatedExecutor.METRIC).put("direction", "minimize");
        task.put("environment", environment);
        return task;
    }

    private ObjectNode inputs() {
        ObjectNode n = Http.JSON.createObjectNode();
        n.put("tasks", tasks);
        n.put("executions", executions);
        n.put("batch", batch);
        n.put("instances", instances);
        n.put("durationMs", durationMs);
        n.put("mode", mode.name());
        if (mode == Mode.process) {
            n.put("command", command);
        }
        n.put("concurrency", concurrency);
        n.put("warmupTasks", warmupTasks);
        n.put("timeout", timeout.toString());
        n.put("jfr", jfr);
        ArrayNode j = n.putArray("serviceJvmOptions");
        serviceJvmOptions.forEach(j::add);
        return n;
    }

    static ObjectNode machine() {
        ObjectNode n = Http.JSON.createObjectNode();
        n.put("cores", Runtime.getRuntime().availableProcessors());
        long memKib = -1;
        try {
            memKib = ProcessUsage.parseStatusKib(Files.readAllLines(Path.of("/proc/meminfo")), "MemTotal");
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        n.put("memoryMiB", memKib < 0 ? -1 : memKib / 1024);
        n.put("javaVersion", System.getProperty("java.version"));
        n.put("javaVm", System.getProperty("java.vm.name"));
        n.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return n;
    }

    /** RSS (sampled maximum and the kernel's peak) and CPU seconds of every process of the system. */
    static final class Usage {
        private final ParzenSystem sys;
        private final Map<String, Long> maxRss = new ConcurrentHashMap<>();
        private final Map<String, Double> cpuAtStart = new ConcurrentHashMap<>();
        private final Map<String, Long> hwm = new ConcurrentHashMap<>();
        private final Map<String, Double> cpu = new ConcurrentHashMap<>();

        Usage(ParzenSystem sys) {
            this.sys = sys;
        }

        private Map<String, ProcessHandle> processes() {
            Map<String, ProcessHandle> m = new LinkedHashMap<>();
            for (Component c : sys.components()) {
                for (io.parzen.deploy.launcher.Instance i : sys.instancesOf(c)) {
                    sys.process(i).ifPresent(p -> m.put(i.label(sys.instances()), p));
                }
            }
            Optional<ProcessHandle> pm = sys.postmaster();
            pm.ifPresent(p -> m.put("postgres-server", p));
            return m;
        }

        /** CPU seconds when the load begins, so that startup can be told apart. */
        void mark() {
            processes().forEach((id, p) -> cpuAtStart.put(id, cpu(id, p)));
        }

        private static double cpu(String id, ProcessHandle p) {
            return id.equals("postgres-server") ? ProcessUsage.treeCpuSeconds(p) : ProcessUsage.cpuSeconds(p);
        }

        void sample() {
            processes().forEach((id, p) -> {
                // the postmaster's backends share most pages: their summed PSS, as ./parzen status shows it
                long rss = id.equals("postgres-server") ? io.parzen.deploy.launcher.Processes.treePssKib(p.pid())
                        : ProcessUsage.statusKib(p.pid(), "VmRSS");
                if (rss >= 0) {
                    maxRss.merge(id, rss, Math::max);
                }
                long peak = ProcessUsage.statusKib(p.pid(), "VmHWM");
                if (peak >= 0) {
                    hwm.put(id, peak);
                }
                double c = cpu(id, p);
                if (c >= 0) {
                    cpu.put(id, c);
                }
            });
        }

        ObjectNode toJson() {
            ObjectNode n = Http.JSON.createObjectNode();
            for (Map.Entry<String, ProcessHandle> e : processes().entrySet()) {
                String id = e.getKey();
                ObjectNode s = n.putObject(id);
                s.put("pid", e.getValue().pid());
                s.put("rssMaxMiB", Math.round(maxRss.getOrDefault(id, -1024L) / 102.4) / 10.0);
                if (!id.equals("postgres-server")) {
                    s.put("rssPeakMiB", Math.round(hwm.getOrDefault(id, -1024L) / 102.4) / 10.0);
                }
                double total = cpu.getOrDefault(id, -1.0);
                s.put("cpuSeconds", Math.round(total * 100) / 100.0);
                Double start = cpuAtStart.get(id);
                if (start != null && total >= 0) {
                    s.put("cpuSecondsDuringLoad", Math.round((total - start) * 100) / 100.0);
                }
            }
            return n;
        }
    }
}
