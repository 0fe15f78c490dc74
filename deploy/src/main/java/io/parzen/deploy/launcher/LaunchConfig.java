package io.parzen.deploy.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@link ParzenSystem} needs to start the system: folders, ports, external Kafka or
 * PostgreSQL, JVM options. Immutable; the {@code with...} methods return changed copies.
 *
 * @param repoRoot the repository root: the services' fast-jars are found under it and it is the
 *        executor's base folder for relative working directories
 * @param stateDir where logs, PID files and the embedded Kafka and PostgreSQL data live
 * @param externalKafka bootstrap servers of an existing Kafka, or null to start the embedded broker
 * @param externalDb base URL of an existing PostgreSQL ({@code postgresql://host:port}), or null to
 *        start the embedded one
 * @param dbUser database user (the embedded server trusts any password of user {@code postgres})
 * @param infraClasspath classpath of the Kafka and PostgreSQL processes (deploy classes + dependencies)
 * @param readyTimeout how long {@code up} waits for everything to be ready
 * @param host the address every service, the embedded broker and the embedded PostgreSQL bind
 *        ({@link #LOOPBACK} unless {@code ./parzen up --host ADDR} says otherwise)
 */
public record LaunchConfig(
        Path repoRoot,
        Path stateDir,
        int kafkaPort,
        int kafkaControllerPort,
        int dbPort,
        int taskPort,
        int optimizerPort,
        int executorPort,
        int metricsPort,
        String externalKafka,
        String externalDb,
        String dbUser,
        String dbPassword,
        String infraClasspath,
        List<String> infraJvmOptions,
        List<String> serviceJvmOptions,
        Duration readyTimeout,
        String host) {

    /** The default bind address: nothing is reachable from another machine unless {@code --host} says so. */
    public static final String LOOPBACK = "127.0.0.1";

    public static final List<String> DEFAULT_INFRA_JVM = List.of("-Xms32m", "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    public static final List<String> DEFAULT_SERVICE_JVM =
            List.of("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    public LaunchConfig {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        stateDir = stateDir == null ? repoRoot.resolve(".parzen") : stateDir.toAbsolutePath().normalize();
        infraJvmOptions = List.copyOf(infraJvmOptions);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        if (infraClasspath == null || infraClasspath.isBlank()) {
            infraClasspath = defaultInfraClasspath(repoRoot);
        }
        host = host == null || host.isBlank() ? LOOPBACK : host.trim();
    }

    /** The configuration without a bind address: {@link #LOOPBACK}. */
    public LaunchConfig(Path repoRoot, Path stateDir, int kafkaPort, int kafkaControllerPort, int dbPort, int taskPort,
            int optimizerPort, int executorPort, int metricsPort, String externalKafka, String externalDb,
            String dbUser, String dbPassword, String infraClasspath, List<String> infraJvmOptions,
            List<String> serviceJvmOptions, Duration readyTimeout) {
        this(repoRoot, stateDir, kafkaPort, kafkaControllerPort, dbPort, taskPort, optimizerPort, executorPort,
                metricsPort, externalKafka, externalDb, dbUser, dbPassword, infraClasspath, infraJvmOptions,
                serviceJvmOptions, readyTimeout, LOOPBACK);
    }

    /** The default ports (8081..8084, Kafka 9092/9093, PostgreSQL 54329) and {@code <repo>/.parzen}. */
    public static LaunchConfig defaults(Path repoRoot) {
        return new LaunchConfig(repoRoot, null, 9092, 9093, 54329, 8081, 8082, 8083, 8084, null, null,
                "postgres", "postgres", null, DEFAULT_INFRA_JVM, DEFAULT_SERVICE_JVM, Duration.ofMinutes(3), LOOPBACK);
    }

    /** A copy on free ports (for tests and for running a second system beside the default one). */
    public LaunchConfig withFreePorts() throws IOException {
        int[] p = Ports.freePorts(7);
        return new LaunchConfig(repoRoot, stateDir, p[0], p[1], p[2], p[3], p[4], p[5], p[6], externalKafka,
                externalDb, dbUser, dbPassword, infraClasspath, infraJvmOptions, serviceJvmOptions, readyTimeout, host);
    }

    public LaunchConfig withStateDir(Path dir) {
        return new LaunchConfig(repoRoot, dir, kafkaPort, kafkaControllerPort, dbPort, taskPort, optimizerPort,
                executorPort, metricsPort, externalKafka, externalDb, dbUser, dbPassword, infraClasspath,
                infraJvmOptions, serviceJvmOptions, readyTimeout, host);
    }

    public LaunchConfig withPorts(int kafka, int kafkaController, int db, int task, int optimizer, int executor,
            int metrics) {
        return new LaunchConfig(repoRoot, stateDir, kafka, kafkaController, db, task, optimizer, executor, metrics,
                externalKafka, externalDb, dbUser, dbPassword, infraClasspath, infraJvmOptions, serviceJvmOptions,
                readyTimeout, host);
    }

    public LaunchConfig withExternal(String kafka, String db, String user, String password) {
        return new LaunchConfig(repoRoot, stateDir, kafkaPort, kafkaControllerPort, dbPort, taskPort, optimizerPort,
                executorPort, metricsPort, blankToNull(kafka), blankToNull(db), user, password, infraClasspath,
                infraJvmOptions, serviceJvmOptions, readyTimeout, host);
    }

    public LaunchConfig withReadyTimeout(Duration timeout) {
        return new LaunchConfig(repoRoot, stateDir, kafkaPort, kafkaControllerPort, dbPort, taskPort, optimizerPort,
                executorPort, metricsPort, externalKafka, externalDb, dbUser, dbPassword, infraClasspath,
                infraJvmOptions, serviceJvmOptions, timeout, host);
    }

    public LaunchConfig withServiceJvmOptions(List<String> options) {
        return new LaunchConfig(repoRoot, stateDir, kafkaPort, kafkaControllerPort, dbPort, taskPort, optimizerPort,
                executorPort, metricsPort, externalKafka, externalDb, dbUser, dbPassword, infraClasspath,
                infraJvmOptions, options, readyTimeout, host);
    }

    /** A copy whose services, embedded broker and embedded PostgreSQL bind {@code address}. */
    public LaunchConfig withHost(String address) {
        return new LaunchConfig(repoRoot, stateDir, kafkaPort, kafkaControllerPort, dbPort, taskPort, optimizerPort,
                executorPort, metricsPort, externalKafka, externalDb, dbUser, dbPassword, infraClasspath,
                infraJvmOptions, serviceJvmOptions, readyTimeout, address);
    }

    /** Whether {@link #host()} is a wildcard ({@code 0.0.0.0}, {@code ::}): every interface. */
    public boolean bindsEverywhere() {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /**
     * The address the launcher and the services connect to: {@link #LOOPBACK} when the bind address
     * includes it (the default, a wildcard, or {@code localhost}), else the bind address itself.
     */
    public String connectHost() {
        return bindsEverywhere() || host.equals("localhost") ? LOOPBACK : host;
    }

    /** The key pair of launcher tokens: {@code <stateDir>/jwt}. */
    public Path jwtDir() {
        return stateDir.resolve("jwt");
    }

    public Path logDir() {
        return stateDir.resolve("logs");
    }

    public Path runDir() {
        return stateDir.resolve("run");
    }

    public Path kafkaDir() {
        return stateDir.resolve("kafka");
    }

    public Path postgresDir() {
        return stateDir.resolve("postgres");
    }

    public Path executorDataDir() {
        return stateDir.resolve("executor");
    }

    public String kafkaBootstrap() {
        return externalKafka != null ? externalKafka : connectHost() + ":" + kafkaPort;
    }

    /** {@code postgresql://host:port} of the server the services use (no database, no trailing slash). */
    public String dbBase() {
        if (externalDb != null) {
            String b = externalDb.trim();
            while (b.endsWith("/")) {
                b = b.substring(0, b.length() - 1);
            }
            return b.startsWith("jdbc:") ? b.substring(5) : b;
        }
        return "postgresql://127.0.0.1:" + dbPort;
    }

    public String reactiveUrl(String database) {
        return dbBase() + "/" + database;
    }

    public String jdbcUrl(String database) {
        return "jdbc:" + reactiveUrl(database);
    }

    /** {@code deploy/target/classes} + {@code deploy/target/classpath.txt} if they exist, else this JVM's classpath. */
    public static String defaultInfraClasspath(Path repoRoot) {
        Path classes = repoRoot.resolve("deploy/target/classes");
        Path cpFile = repoRoot.resolve("deploy/target/classpath.txt");
        if (Files.isDirectory(classes) && Files.isRegularFile(cpFile)) {
            try {
                return classes + java.io.File.pathSeparator + Files.readString(cpFile).trim();
            } catch (IOException e) {
                // fall through
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add(System.getProperty("java.class.path"));
        return String.join(java.io.File.pathSeparator, parts);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
