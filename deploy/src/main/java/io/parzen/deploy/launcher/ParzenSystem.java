package io.parzen.deploy.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.kafka.KafkaMain;
import io.parzen.deploy.postgres.PostgresMain;
import io.parzen.deploy.token.JwtKeys;
import io.parzen.deploy.token.TokenIssuer;
import io.parzen.deploy.token.TokenRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java API of the local launcher: starts Kafka, PostgreSQL and the four services as separate
 * background processes ({@link #up()}), reports on them ({@link #status()}) and stops them
 * ({@link #down()}). Used by {@code ./parzen} and by the end-to-end test.
 *
 * <p>State lives in {@link LaunchConfig#stateDir()}: {@code logs/<name>.log}, {@code run/<name>.pid},
 * {@code run/launch.json} (the ports and addresses of the running system), {@code kafka/},
 * {@code postgres/}, {@code executor/}, {@code jwt/} (the key pair of {@link #token(TokenRequest) tokens}).
 */
public final class ParzenSystem {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final LaunchConfig config;
    private final PrintStream out;
    private final Http http = new Http();
    /** Where each process started by this object began writing in its log, for failure reports. */
    private final Map<Instance, Long> launchOffsets = new java.util.concurrent.ConcurrentHashMap<>();
    /** {@code --secure}: Kafka over SASL_SSL with a principal per service ({@link KafkaSecuritySettings}). */
    private volatile boolean secureKafka;
    /** {@code --instances N}: how many instances of each service run (ADR 0027). */
    private volatile int instances = 1;

    /** The most instances of a service {@code --instances} may ask for: one per partition of a topic. */
    public static final int MAX_INSTANCES = io.parzen.deploy.kafka.EmbeddedKafka.PARTITIONS;

    public ParzenSystem(LaunchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public LaunchConfig config() {
        return config;
    }

    /** Turns the secure Kafka mode on or off (see {@link KafkaSecuritySettings}); returns this. */
    public ParzenSystem secureKafka(boolean on) {
        this.secureKafka = on;
        return this;
    }

    public boolean secureKafka() {
        return secureKafka;
    }

    /** Sets how many instances of each service {@link #up()} starts (1..{@value #MAX_INSTANCES}); returns this. */
    public ParzenSystem instances(int n) {
        if (n < 1 || n > MAX_INSTANCES) {
            throw new IllegalArgumentException("--instances " + n + " is out of range: allowed 1.." + MAX_INSTANCES
                    + " (one instance per partition of a topic at most)");
        }
        this.instances = n;
        return this;
    }

    public int instances() {
        return instances;
    }

    /** How many instances of each service the last {@code up} in this state folder started (1 if unknown). */
    public static int savedInstances(LaunchConfig base) {
        try {
            int n = Http.JSON.readTree(base.runDir().resolve("launch.json").toFile()).path("instances").asInt(1);
            return Math.max(1, Math.min(n, MAX_INSTANCES));
        } catch (IOException e) {
            return 1;
        }
    }

    /**
     * The instances of a component: Kafka and PostgreSQL one, each service {@link #instances()}. Instance
     * {@code n} of a service listens on its port + 4·(n−1) (the four services' blocks follow each other:
     * with the default ports, task-service 8081, 8085, 8089…, optimizer-service 8082, 8086…).
     */
    public List<Instance> instancesOf(Component c) {
        int n = c.isService() ? instances : 1;
        List<Instance> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(new Instance(c, i));
        }
        return list;
    }

    /** Every instance of the components this configuration runs. */
    public List<Instance> allInstances() {
        List<Instance> list = new ArrayList<>();
        components().forEach(c -> list.addAll(instancesOf(c)));
        return list;
    }

    /** The port an instance listens on (see {@link #instancesOf(Component)}). */
    public int port(Instance i) {
        int base = i.component().port(config);
        return i.component().isService() ? base + Component.SERVICES.size() * (i.number() - 1) : base;
    }

    /** An executor instance's own folder of execution workspaces: {@code executor/}, {@code executor-2/}... */
    public Path executorDataDir(int number) {
        Path first = config.executorDataDir();
        return number == 1 ? first : first.resolveSibling(first.getFileName() + "-" + number);
    }

    /** Whether the last {@code up} in this state folder ran Kafka secured. */
    public static boolean savedSecureKafka(LaunchConfig base) {
        try {
            return Http.JSON.readTree(base.runDir().resolve("launch.json").toFile()).path("secureKafka").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The configuration saved by the last {@code up} in this state folder, if any: {@code status},
     * {@code down} and a second {@code up} use the ports of the running system, not the defaults.
     */
    public static Optional<LaunchConfig> saved(LaunchConfig base) {
        Path f = base.runDir().resolve("launch.json");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            JsonNode n = Http.JSON.readTree(f.toFile());
            LaunchConfig c = base.withPorts(n.path("kafkaPort").asInt(base.kafkaPort()),
                    n.path("kafkaControllerPort").asInt(base.kafkaControllerPort()),
                    n.path("dbPort").asInt(base.dbPort()), n.path("taskPort").asInt(base.taskPort()),
                    n.path("optimizerPort").asInt(base.optimizerPort()),
                    n.path("executorPort").asInt(base.executorPort()),
                    n.path("metricsPort").asInt(base.metricsPort()));
            return Optional.of(c.withExternal(text(n, "externalKafka"), text(n, "externalDb"),
                    n.path("dbUser").asText(base.dbUser()), base.dbPassword())
                    .withHost(n.path("host").asText(base.host())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    void save() throws IOException {
        ObjectNode n = Http.JSON.createObjectNode();
        n.put("kafkaPort", config.kafkaPort());
        n.put("kafkaControllerPort", config.kafkaControllerPort());
        n.put("dbPort", config.dbPort());
        n.put("taskPort", config.taskPort());
        n.put("optimizerPort", config.optimizerPort());
        n.put("executorPort", config.executorPort());
        n.put("metricsPort", config.metricsPort());
        n.put("externalKafka", config.externalKafka());
        n.put("externalDb", config.externalDb());
        n.put("dbUser", config.dbUser());
        n.put("secureKafka", secureKafka);
        n.put("host", config.host());
        n.put("instances", instances);
        n.put("startedAt", Instant.now().toString());
        Files.createDirectories(config.runDir());
        Http.JSON.writerWithDefaultPrettyPrinter().writeValue(config.runDir().resolve("launch.json").toFile(), n);
    }

    /** The components this configuration runs (Kafka and PostgreSQL only when embedded). */
    public List<Component> components() {
        List<Component> list = new ArrayList<>();
        if (config.externalKafka() == null) {
            list.add(Component.KAFKA);
        }
        if (config.externalDb() == null) {
            list.add(Component.POSTGRES);
        }
        list.addAll(Component.SERVICES);
        return list;
    }

    /** The process of a component's first (or only) instance. */
    public Optional<ProcessHandle> process(Component c) {
        return process(Instance.first(c));
    }

    public Optional<ProcessHandle> process(Instance i) {
        return Processes.running(config.runDir(), i.key());
    }

    public boolean anyRunning() {
        for (Instance i : everyKnownInstance()) {
            if (process(i).isPresent()) {
                return true;
            }
        }
        return false;
    }

    public boolean allRunning() {
        return allInstances().stream().allMatch(i -> process(i).isPresent());
    }

    /**
     * Every instance this state folder may hold a process of: all components, each service up to the larger
     * of {@link #instances()} and the highest instance that has a PID file ({@code down} stops them all).
     */
    List<Instance> everyKnownInstance() {
        int n = instances;
        for (Component c : Component.SERVICES) {
            for (int i = MAX_INSTANCES; i > n; i--) {
                if (Files.exists(Processes.pidFile(config.runDir(), new Instance(c, i).key()))) {
                    n = i;
                    break;
                }
            }
        }
        List<Instance> list = new ArrayList<>();
        for (Component c : Component.values()) {
            for (int i = 1; i <= (c.isService() ? n : 1); i++) {
                list.add(new Instance(c, i));
            }
        }
        return list;
    }

    /** The URL of a service's first instance: the one the REST clients and the dashboard use. */
    public String serviceUrl(Component c) {
        return serviceUrl(Instance.first(c));
    }

    public String serviceUrl(Instance i) {
        return "http://" + urlHost(config.connectHost()) + ":" + port(i);
    }

    /**
     * The origins from which a browser may call metrics-service and executor-service (CORS): the
     * dashboard's own, as the printed link names it, and its loopback forms; {@code PARZEN_DASHBOARD_ORIGINS}
     * in the launcher's environment replaces them.
     */
    String dashboardOrigins() {
        String configured = System.getenv("PARZEN_DASHBOARD_ORIGINS");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        int port = Component.TASK.port(config);
        java.util.Set<String> origins = new java.util.LinkedHashSet<>();
        origins.add(serviceUrl(Component.TASK));
        origins.add("http://127.0.0.1:" + port);
        origins.add("http://localhost:" + port);
        return String.join(",", origins);
    }

    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * A token for this system's services, signed with the key pair of its state folder (created if
     * missing), as {@code ./parzen token} issues it.
     */
    public String token(TokenRequest request) throws IOException {
        return new TokenIssuer(JwtKeys.ensure(config.jwtDir())).issue(request);
    }

    public String taskApi() {
        return serviceUrl(Component.TASK) + "/api/v1";
    }

    public String metricsApi() {
        return serviceUrl(Component.METRICS) + "/api/v1";
    }

    // ------------------------------------------------------------------ up

    /**
     * Starts whatever is not running yet and waits until every service's {@code /q/health/ready}
     * answers UP. On failure it stops what this call started, and throws with the log tail of the
     * process that failed.
     */
    public void up() throws LaunchException, IOException, InterruptedException {
        long t0 = System.nanoTime();
        for (Component c : Component.SERVICES) {
            Path jar = c.jar(config.repoRoot());
            if (!Files.isRegularFile(jar)) {
                throw new LaunchException("missing " + config.repoRoot().relativize(jar)
                        + ": build the services first (mvn -DskipTests package at the repository root, or ./parzen without --no-build)");
            }
        }
        if (process(Component.KAFKA).isPresent() && savedSecureKafka(config) != secureKafka) {
            throw new LaunchException("the embedded Kafka of this state folder runs " + (secureKafka ? "without" : "with")
                    + " --secure; stop it first (./parzen down" + stateDirOption() + ") or run up "
                    + (secureKafka ? "without" : "with") + " --secure");
        }
        Files.createDirectories(config.logDir());
        Files.createDirectories(config.runDir());
        for (Instance i : instancesOf(Component.EXECUTOR)) {
            Files.createDirectories(executorDataDir(i.number()));
        }
        JwtKeys.ensure(config.jwtDir());
        checkDistinctPorts();
        save();

        // every port of what will be started must be free before anything starts
        for (Instance i : allInstances()) {
            Component c = i.component();
            if (process(i).isEmpty()) {
                if (c == Component.POSTGRES && postmaster().isPresent()) {
                    continue; // the server left behind is stopped below, which frees its port
                }
                checkPortFree(i, port(i));
                if (c == Component.KAFKA) {
                    checkPortFree(i, config.kafkaControllerPort());
                }
            }
        }
        List<Instance> started = new ArrayList<>();
        try {
            // 1. Kafka and PostgreSQL, in parallel
            Map<Component, Long> logOffsets = new LinkedHashMap<>();
            for (Component c : Component.INFRA) {
                if (!components().contains(c)) {
                    continue;
                }
                Optional<ProcessHandle> running = process(c);
                if (running.isPresent()) {
                    out.printf("  %-18s already running (pid %d)%n", c.id(), running.get().pid());
                    continue;
                }
                if (c == Component.POSTGRES && postmaster().isPresent()) {
                    out.printf("  %-18s a PostgreSQL server of this state folder is left behind; stopping it%n",
                            c.id());
                    stopOrphanPostmaster();
                }
                checkPortFree(Instance.first(c), c.port(config));
                if (c == Component.KAFKA) {
                    checkPortFree(Instance.first(c), config.kafkaControllerPort());
                }
                logOffsets.put(c, logSize(c));
                startInfra(c);
                started.add(Instance.first(c));
            }
            if (config.externalKafka() != null) {
                out.printf("  %-18s external %s%n", "kafka", config.externalKafka());
            }
            if (config.externalDb() != null) {
                out.printf("  %-18s external %s%n", "postgres", config.externalDb());
                createExternalDatabases();
            }
            waitForInfra(logOffsets, t0);

            if (secureKafka) {
                KafkaSecuritySettings.check(config);
            }
            // 2. the four services (each instance of each), in parallel
            List<Instance> waiting = new ArrayList<>();
            for (Component c : Component.SERVICES) {
                for (Instance i : instancesOf(c)) {
                    Optional<ProcessHandle> running = process(i);
                    if (running.isPresent()) {
                        out.printf("  %-18s already running (pid %d)%n", i.label(instances), running.get().pid());
                    } else {
                        checkPortFree(i, port(i));
                        startService(i);
                        started.add(i);
                    }
                    waiting.add(i);
                }
            }
            waitForServices(waiting, t0);
        } catch (LaunchException | IOException | RuntimeException | InterruptedException e) {
            if (!started.isEmpty()) {
                out.println("  stopping what was started: " + started.stream().map(i -> i.label(instances)).toList());
                stop(started);
            }
            throw e;
        }
        out.printf("All ready in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
    }

    private void checkPortFree(Instance i, int port) throws LaunchException {
        if (!Ports.isFree(port)) {
            throw new LaunchException("port " + port + " for " + i.label(instances) + " is in use by another program;"
                    + " choose another one (--" + portOption(i.component()) + "-port) or stop that program");
        }
    }

    /** No two instances (nor Kafka, its controller, PostgreSQL) on one port: a message naming both, else nothing. */
    void checkDistinctPorts() throws LaunchException {
        Map<Integer, String> owners = new LinkedHashMap<>();
        owners.put(config.kafkaControllerPort(), "the Kafka controller");
        for (Instance i : allInstances()) {
            String previous = owners.putIfAbsent(port(i), i.label(instances));
            if (previous != null) {
                throw new LaunchException("port " + port(i) + " would be used by both " + previous + " and "
                        + i.label(instances) + " (instance n of a service listens on its port + 4·(n−1)); choose ports"
                        + " " + (Component.SERVICES.size() * instances) + " apart or fewer --instances");
            }
        }
    }

    private static String portOption(Component c) {
        return switch (c) {
            case KAFKA -> "kafka";
            case POSTGRES -> "db";
            case TASK -> "task";
            case OPTIMIZER -> "optimizer";
            case EXECUTOR -> "executor";
            case METRICS -> "metrics";
        };
    }

    /** The log of a component's first (or only) instance. */
    public Path logFile(Component c) {
        return logFile(Instance.first(c));
    }

    /** {@code logs/<key>.log}, e.g. {@code logs/executor-service-2.log}. */
    public Path logFile(Instance i) {
        return config.logDir().resolve(i.key() + ".log");
    }

    private long logSize(Component c) throws IOException {
        Path log = logFile(c);
        return Files.exists(log) ? Files.size(log) : 0;
    }

    private void startInfra(Component c) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(config.infraJvmOptions());
        cmd.add(Processes.MARKER + c.id());
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        cmd.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
        cmd.add("-cp");
        cmd.add(config.infraClasspath());
        if (c == Component.KAFKA) {
            cmd.add(KafkaMain.class.getName());
            cmd.addAll(List.of("--host", config.host(), "--port", Integer.toString(config.kafkaPort()),
                    "--controller-port", Integer.toString(config.kafkaControllerPort()),
                    "--dir", (secureKafka ? KafkaSecuritySettings.logDir(config) : config.kafkaDir()).toString()));
            if (secureKafka) {
                cmd.addAll(KafkaSecuritySettings.kafkaArguments(config));
            }
        } else {
            cmd.add(PostgresMain.class.getName());
            cmd.addAll(List.of("--host", config.host(), "--port", Integer.toString(config.dbPort()),
                    "--dir", config.postgresDir().toString(),
                    "--databases", String.join(",", Component.DATABASES)));
        }
        launch(Instance.first(c), cmd, Map.of());
    }

    private void startService(Instance i) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(config.serviceJvmOptions());
        cmd.add(Processes.MARKER + i.key());
        cmd.add("-jar");
        cmd.add(i.component().jar(config.repoRoot()).toString());
        launch(i, cmd, serviceEnvironment(i));
    }

    /**
     * The environment a service gets: Kafka, its database, the bind address and the four ports, the
     * executor's folders, the public key and issuer tokens are verified with.
     */
    public Map<String, String> serviceEnvironment(Component c) {
        return serviceEnvironment(Instance.first(c));
    }

    /**
     * The environment of one instance of a service: as {@link #serviceEnvironment(Component)}, with the
     * instance's own port, and for executor-service its instance name ({@code PARZEN_EXECUTOR_INSTANCE}, the
     * owner of the executions it queues) and its own folder of execution workspaces. The other services'
     * port variables name their first instances.
     */
    public Map<String, String> serviceEnvironment(Instance i) {
        Component c = i.component();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap());
        env.put("PARZEN_DB_URL", config.reactiveUrl(c.database()));
        env.put("PARZEN_DB_USER", config.dbUser());
        env.put("PARZEN_DB_PASSWORD", config.dbPassword());
        for (Component s : Component.SERVICES) {
            env.put(s.portVariable(), Integer.toString(s.port(config)));
        }
        env.put("PARZEN_HTTP_HOST", config.host());
        env.put("PARZEN_JWT_PUBLIC_KEY", config.jwtDir().resolve(JwtKeys.PUBLIC_FILE).toString());
        env.put("PARZEN_JWT_ISSUER", TokenIssuer.LOCAL_ISSUER);
        env.put("PARZEN_EXECUTOR_BASE_DIR", config.repoRoot().toString());
        env.put("PARZEN_EXECUTOR_DATA_DIR", executorDataDir(c == Component.EXECUTOR ? i.number() : 1).toString());
        if (c == Component.EXECUTOR) {
            env.put("PARZEN_EXECUTOR_INSTANCE", Integer.toString(i.number()));
        }
        env.put("PARZEN_DASHBOARD_ORIGINS", dashboardOrigins());
        env.put(c.portVariable(), Integer.toString(port(i)));
        // the standard Quarkus names too, so a service that does not map the PARZEN_ names still works
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port(i)));
        env.put("QUARKUS_HTTP_HOST", config.host());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", config.reactiveUrl(c.database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", config.dbUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", config.dbPassword());
        if (secureKafka) {
            env.putAll(KafkaSecuritySettings.environment(config, c));
        }
        return env;
    }

    private void launch(Instance i, List<String> cmd, Map<String, String> env) throws IOException {
        Path log = logFile(i);
        Files.createDirectories(log.getParent());
        launchOffsets.put(i, Files.exists(log) ? Files.size(log) : 0L);
        Files.writeString(log, "=== " + Instant.now() + " parzen launcher starts " + i.label(instances) + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process p = Processes.startDetached(cmd, config.repoRoot(), env, log);
        Processes.writePid(config.runDir(), i.key(), p.pid());
        out.printf("  %-18s starting (pid %d, port %d)%n", i.label(instances), p.pid(), port(i));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void createExternalDatabases() {
        String url = config.jdbcUrl("postgres");
        try (Connection conn = DriverManager.getConnection(url, config.dbUser(), config.dbPassword());
             Statement s = conn.createStatement()) {
            for (String db : Component.DATABASES) {
                boolean exists;
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
                    exists = rs.next();
                }
                if (!exists) {
                    s.execute("CREATE DATABASE " + db);
                    out.printf("  %-18s created database %s%n", "postgres", db);
                }
            }
        } catch (SQLException e) {
            out.printf("  WARNING: could not check or create the databases %s on %s as %s (%s);"
                    + " create them yourself if they do not exist%n", Component.DATABASES, config.dbBase(),
                    config.dbUser(), e.getMessage());
        }
    }

    private void waitForInfra(Map<Component, Long> logOffsets, long t0) throws LaunchException, InterruptedException {
        Map<Component, Long> pending = new LinkedHashMap<>(logOffsets);
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        Progress progress = new Progress(out, t0);
        while (!pending.isEmpty()) {
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                Component c = e.getKey();
                String marker = c == Component.KAFKA ? KafkaMain.READY : PostgresMain.READY;
                if (Processes.readFrom(logFile(c), e.getValue()).contains(marker)) {
                    it.remove();
                    progress.ready(c.id(), c == Component.KAFKA ? config.kafkaBootstrap() : config.dbBase());
                } else if (process(c).isEmpty()) {
                    progress.clear();
                    throw died(Instance.first(c));
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                progress.clear();
                Component c = pending.keySet().iterator().next();
                throw new LaunchException(c.id() + " was not ready after " + config.readyTimeout().toSeconds()
                        + " s; see " + logFile(c), recentLog(Instance.first(c)));
            }
            progress.waiting(pending.keySet().stream().map(Component::id).toList());
            Thread.sleep(250);
        }
        progress.clear();
    }

    private void waitForServices(List<Instance> services, long t0) throws LaunchException, InterruptedException {
        List<Instance> pending = new ArrayList<>(services);
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        Progress progress = new Progress(out, t0);
        while (!pending.isEmpty()) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                Instance c = it.next();
                if (http.isReady(config.connectHost(), port(c))) {
                    it.remove();
                    progress.ready(c.label(instances), serviceUrl(c));
                } else if (process(c).isEmpty()) {
                    progress.clear();
                    throw died(c);
                } else if (startupFailed(c)) {
                    progress.clear();
                    throw new LaunchException(c.label(instances) + " failed to start (it is still running, but Quarkus"
                            + " reported a startup error); its log is " + logFile(c), recentLog(c));
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                progress.clear();
                Instance c = pending.get(0);
                throw new LaunchException(pending.stream().map(i -> i.label(instances)).toList() + " not ready after "
                        + config.readyTimeout().toSeconds() + " s (see " + serviceUrl(c) + "/q/health/ready and "
                        + logFile(c) + ")", recentLog(c));
            }
            progress.waiting(pending.stream().map(i -> i.label(instances)).toList());
            Thread.sleep(500);
        }
        progress.clear();
    }

    /** Quarkus logs one of these when startup fails; the JVM does not always exit afterwards. */
    private static final List<String> STARTUP_FAILURES = List.of("Error running Quarkus", "Failed to start application");

    private boolean startupFailed(Instance c) {
        Long offset = launchOffsets.get(c);
        if (offset == null) {
            return false;
        }
        String text = Processes.readFrom(logFile(c), offset);
        return STARTUP_FAILURES.stream().anyMatch(text::contains);
    }

    private LaunchException died(Instance c) {
        return new LaunchException(c.label(instances) + " exited during startup; its log is " + logFile(c), recentLog(c));
    }

    /** The last 40 lines this launch wrote to the instance's log. */
    private String recentLog(Instance c) {
        String text = Processes.readFrom(logFile(c), launchOffsets.getOrDefault(c, 0L));
        List<String> lines = text.lines().toList();
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        return lines.size() <= 1 ? tail + "\n(no output: killed, or out of memory before logging?)" : tail;
    }

    // ------------------------------------------------------------------ one component

    /**
     * Kills one component's process with SIGKILL, the way a crash or the OOM killer would: no
     * shutdown hook runs, nothing is flushed. Waits until the process is gone and removes its PID
     * file. Child processes it started (an executor's executions) are not killed.
     *
     * @return the PID that was killed, or empty if the component was not running
     */
    public Optional<Long> kill(Component c) throws InterruptedException {
        return kill(Instance.first(c));
    }

    /** {@link #kill(Component)} for one instance of a service. */
    public Optional<Long> kill(Instance c) throws InterruptedException {
        Optional<ProcessHandle> h = process(c);
        if (h.isEmpty()) {
            Processes.deletePid(config.runDir(), c.key());
            return Optional.empty();
        }
        ProcessHandle p = h.get();
        p.destroyForcibly(); // SIGKILL on Linux and macOS
        try {
            p.onExit().get(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // reported below
        }
        if (p.isAlive()) {
            throw new IllegalStateException(c.label(instances) + " (pid " + p.pid() + ") still alive after SIGKILL");
        }
        Processes.deletePid(config.runDir(), c.key());
        out.printf("  %-18s KILLED (SIGKILL, pid %d)%n", c.label(instances), p.pid());
        return Optional.of(p.pid());
    }

    /**
     * Starts one component of this system that is not running (e.g. after {@link #kill(Component)}) and
     * waits until it is ready, with the same command line, environment and log file as {@link #up()}.
     * Does nothing but wait for readiness if it is running already.
     */
    public void start(Component c) throws LaunchException, IOException, InterruptedException {
        start(Instance.first(c));
    }

    /** {@link #start(Component)} for one instance of a service. */
    public void start(Instance i) throws LaunchException, IOException, InterruptedException {
        Component c = i.component();
        if (!components().contains(c)) {
            throw new LaunchException(c.id() + " is external in this configuration; it is not started here");
        }
        long t0 = System.nanoTime();
        Optional<ProcessHandle> running = process(i);
        if (c.isService()) {
            if (running.isEmpty()) {
                checkPortFree(i, port(i));
                startService(i);
            }
            waitForServices(List.of(i), t0);
        } else {
            Map<Component, Long> offsets = new LinkedHashMap<>();
            if (running.isEmpty()) {
                if (c == Component.POSTGRES && postmaster().isPresent()) {
                    stopOrphanPostmaster();
                }
                checkPortFree(i, c.port(config));
                if (c == Component.KAFKA) {
                    checkPortFree(i, config.kafkaControllerPort());
                }
                offsets.put(c, logSize(c));
                startInfra(c);
            }
            waitForInfra(offsets, t0);
        }
        out.printf("  %-18s started again in %.1f s%n", i.label(instances), (System.nanoTime() - t0) / 1e9);
    }

    // ------------------------------------------------------------------ down

    /** Stops everything {@link #up()} started: the services first, then Kafka and PostgreSQL. */
    public void down() {
        stop(everyKnownInstance());
    }

    private void stop(List<Instance> which) {
        List<Instance> services = which.stream().filter(i -> i.component().isService()).toList();
        List<Instance> infra = which.stream().filter(i -> !i.component().isService()).toList();
        stopGroup(services);
        stopGroup(infra);
        if (infra.stream().anyMatch(i -> i.component() == Component.POSTGRES)) {
            stopOrphanPostmaster();
        }
    }

    /** SIGTERM to all of the group at once, then wait up to 10 s each, then SIGKILL. */
    private void stopGroup(List<Instance> group) {
        Map<Instance, ProcessHandle> handles = new LinkedHashMap<>();
        for (Instance c : group) {
            Optional<ProcessHandle> h = process(c);
            if (h.isPresent()) {
                handles.put(c, h.get());
                h.get().destroy();
            } else {
                Processes.deletePid(config.runDir(), c.key());
            }
        }
        long t0 = System.nanoTime();
        for (var e : handles.entrySet()) {
            Instance c = e.getKey();
            ProcessHandle h = e.getValue();
            long left = STOP_GRACE.toNanos() - (System.nanoTime() - t0);
            boolean clean = Processes.stop(h, Duration.ofNanos(Math.max(left, 1_000_000)));
            out.printf("  %-18s %s (pid %d) after %.1f s%n", c.label(instances), clean ? "stopped" : "KILLED", h.pid(),
                    (System.nanoTime() - t0) / 1e9);
            Processes.deletePid(config.runDir(), c.key());
        }
    }

    /** If the PostgreSQL launcher JVM died without stopping its server, stop the server (fast shutdown). */
    private void stopOrphanPostmaster() {
        Optional<ProcessHandle> pm = postmaster();
        if (pm.isEmpty()) {
            return;
        }
        ProcessHandle h = pm.get();
        Processes.signal(h.pid(), "INT");
        try {
            h.onExit().get(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            out.printf("  %-18s stopped the PostgreSQL server left behind (pid %d)%n", "postgres", h.pid());
        } catch (Exception e) {
            h.destroyForcibly();
            out.printf("  %-18s KILLED the PostgreSQL server left behind (pid %d)%n", "postgres", h.pid());
        }
    }

    /** The PostgreSQL server process of the embedded data folder (from postmaster.pid), if alive. */
    public Optional<ProcessHandle> postmaster() {
        Path f = config.postgresDir().resolve("postmaster.pid");
        try {
            String first = Files.readAllLines(f).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(cmd -> cmd.contains("postgres")).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ status

    /**
     * One line of {@code status}: one per instance of a service.
     *
     * @param name the component's id, or {@code <id>#<n>} when a service runs several instances
     */
    public record ComponentStatus(Component component, boolean running, long pid, String address, String readiness,
            long rssKib, long extraRssKib, String name) {

        public ComponentStatus(Component component, boolean running, long pid, String address, String readiness,
                long rssKib, long extraRssKib) {
            this(component, running, pid, address, readiness, rssKib, extraRssKib, component.id());
        }
    }

    public List<ComponentStatus> status() {
        List<ComponentStatus> list = new ArrayList<>();
        List<Instance> known = everyKnownInstance();
        int shown = (int) known.stream().filter(i -> i.component() == Component.TASK).count();
        for (Instance i : known) {
            Component c = i.component();
            boolean external = (c == Component.KAFKA && config.externalKafka() != null)
                    || (c == Component.POSTGRES && config.externalDb() != null);
            if (external) {
                String addr = c == Component.KAFKA ? config.externalKafka() : config.dbBase();
                list.add(new ComponentStatus(c, false, -1, addr, "external", -1, -1));
                continue;
            }
            Optional<ProcessHandle> h = process(i);
            int port = port(i);
            String readiness;
            if (c.isService()) {
                readiness = h.isEmpty() ? "-" : http.isReady(config.connectHost(), port) ? "UP" : "DOWN";
            } else {
                readiness = h.isEmpty() ? "-" : Ports.isListening(config.connectHost(), port) ? "listening" : "not listening";
            }
            long rss = h.map(p -> Processes.rssKib(p.pid())).orElse(-1L);
            long extra = -1;
            if (c == Component.POSTGRES) {
                extra = postmaster().map(p -> Processes.treePssKib(p.pid())).orElse(-1L);
            }
            String addr = c.isService() ? serviceUrl(i) : urlHost(config.host()) + ":" + port;
            list.add(new ComponentStatus(c, h.isPresent(), h.map(ProcessHandle::pid).orElse(-1L), addr, readiness,
                    rss, extra, i.label(shown)));
        }
        return list;
    }

    /** Prints the addresses a user needs after {@code up}. */
    public void printUrls() {
        out.println();
        out.println("Parzen is running:");
        String dashboard = dashboardLink();
        if (dashboard != null) {
            out.println("dashboard  " + dashboard);
        }
        out.printf("  %-18s %s/tasks%n", "REST API", taskApi());
        for (Component c : Component.SERVICES) {
            for (Instance i : instancesOf(c)) {
                String base = serviceUrl(i);
                String swagger = http.exists(base + "/q/swagger-ui/") ? "   Swagger UI " + base + "/q/swagger-ui/" : "";
                out.printf("  %-18s %s   OpenAPI %s/q/openapi   health %s/q/health/ready%s%n", i.label(instances), base,
                        base, base, swagger);
            }
        }
        out.printf("  %-18s %s%n", "Kafka", config.kafkaBootstrap());
        if (secureKafka) {
            out.printf("  %-18s %s%n", "", KafkaSecuritySettings.describe(config));
        }
        out.printf("  %-18s %s/{%s} (user %s)%n", "PostgreSQL", config.dbBase(), String.join(",", Component.DATABASES),
                config.dbUser());
        out.printf("  %-18s %s%n", "logs", config.logDir());
        out.printf("  %-18s %s%n", "bound to", config.host() + (config.host().equals(LaunchConfig.LOOPBACK)
                ? " (this machine only; ./parzen up --host ADDR exposes it, see README \"Exposing Parzen\")" : ""));
        out.println("Every REST call needs a token (role operator, project default, 8 h; see ./parzen token --help):");
        out.println("  TOKEN=$(./parzen token" + stateDirOption() + ")");
        out.println("  curl -H \"Authorization: Bearer $TOKEN\" " + taskApi() + "/tasks");
        out.println("Stop with: ./parzen down" + stateDirOption());
    }

    /**
     * The dashboard's sign-in link: {@code <task-service>/dashboard/#token=<jwt>} with an operator token
     * for the default project, valid 8 h (the fragment never reaches a server); null if no token can be
     * issued.
     */
    public String dashboardLink() {
        try {
            return serviceUrl(Component.TASK) + "/dashboard/#token=" + token(new TokenRequest(TokenRequest.DEFAULT_ROLE,
                    java.util.List.of(), TokenRequest.DEFAULT_TTL, null));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    String stateDirOption() {
        return config.stateDir().equals(config.repoRoot().resolve(".parzen")) ? "" : " --state-dir " + config.stateDir();
    }

    /** Dots, or a rewritten line on a terminal, while waiting; a line per component when ready. */
    private static final class Progress {
        private final PrintStream out;
        private final long t0;
        private final boolean tty = System.console() != null;
        private long lastPrint = System.nanoTime();
        private boolean dirty;
        private int spin;

        Progress(PrintStream out, long t0) {
            this.out = out;
            this.t0 = t0;
        }

        void ready(String name, String address) {
            clear();
            out.printf("  %-18s ready after %5.1f s   %s%n", name, (System.nanoTime() - t0) / 1e9, address);
            out.flush();
        }

        void waiting(List<String> names) {
            double s = (System.nanoTime() - t0) / 1e9;
            if (tty) {
                out.printf("\r  %c waiting %5.1f s for %s   ", "|/-\\".charAt(spin++ % 4), s, String.join(", ", names));
                dirty = true;
                out.flush();
            } else if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                out.printf("  ... %.0f s, waiting for %s%n", s, String.join(", ", names));
                lastPrint = System.nanoTime();
                out.flush();
            }
        }

        void clear() {
            if (dirty) {
                out.print("\r" + " ".repeat(110) + "\r");
                dirty = false;
            }
        }
    }
}
