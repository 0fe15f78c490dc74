package io.parzen.deploy.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by up, down, status and demo. Relative paths are relative to the repository root. */
public class LauncherOptions {

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Logs, PID files, Kafka and PostgreSQL data (default: <repo>/.parzen).")
    Path stateDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Embedded Kafka port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "9093",
            description = "Embedded Kafka KRaft controller port (default: ${DEFAULT-VALUE}).")
    int kafkaControllerPort;

    @Option(names = "--db-port", defaultValue = "54329",
            description = "Embedded PostgreSQL port (default: ${DEFAULT-VALUE}).")
    int dbPort;

    @Option(names = "--task-port", defaultValue = "8081", description = "task-service port (default: ${DEFAULT-VALUE}).")
    int taskPort;

    @Option(names = "--optimizer-port", defaultValue = "8082",
            description = "optimizer-service port (default: ${DEFAULT-VALUE}).")
    int optimizerPort;

    @Option(names = "--executor-port", defaultValue = "8083",
            description = "executor-service port (default: ${DEFAULT-VALUE}).")
    int executorPort;

    @Option(names = "--metrics-port", defaultValue = "8084",
            description = "metrics-service port (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", defaultValue = "${env:PARZEN_KAFKA}",
            description = "Use an existing Kafka (bootstrap servers) instead of the embedded broker. Env: PARZEN_KAFKA.")
    String kafka;

    @Option(names = "--db-url", paramLabel = "postgresql://HOST:PORT", defaultValue = "${env:PARZEN_DB}",
            description = "Use an existing PostgreSQL server instead of the embedded one; the databases "
                    + "parzen_task, parzen_optimizer, parzen_executor, parzen_metrics are created if the user may. Env: PARZEN_DB.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:PARZEN_DB_USER:-postgres}",
            description = "Database user (default: ${DEFAULT-VALUE}). Env: PARZEN_DB_USER.")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:PARZEN_DB_PASSWORD:-postgres}",
            description = "Database password. Env: PARZEN_DB_PASSWORD.")
    String dbPassword;

    @Option(names = "--secure",
            description = "Kafka secured: TLS, SASL/SCRAM-SHA-512 and ACLs, a principal per service (docs/security.md).")
    boolean secureKafka;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "${env:PARZEN_HOST:-127.0.0.1}",
            converter = HostConverter.class,
            description = "The address the four services, the embedded Kafka and the embedded PostgreSQL listen on "
                    + "(default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface). Read README "
                    + "\"Exposing Parzen\" first. Env: PARZEN_HOST.")
    String host;

    @Option(names = "--instances", defaultValue = "1", paramLabel = "N",
            description = "Instances of each service (default: ${DEFAULT-VALUE}; at most 12, a topic's partitions). "
                    + "Instance n of a service listens on its port + 4*(n-1): with the default ports task-service "
                    + "8081, 8085, 8089..., optimizer-service 8082, 8086... The REST clients and the dashboard use the "
                    + "first instances. Only up reads it: down and status find what up started.")
    int instances;

    @Option(names = "--timeout", defaultValue = "180", paramLabel = "SECONDS",
            description = "How long up waits for readiness (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** The configuration these options describe. */
    public LaunchConfig toConfig(Path repoRoot) {
        Path state = stateDir == null ? null : callerDir().resolve(stateDir);
        return LaunchConfig.defaults(repoRoot)
                .withStateDir(state)
                .withPorts(kafkaPort, kafkaControllerPort, dbPort, taskPort, optimizerPort, executorPort, metricsPort)
                .withExternal(kafka, dbUrl, dbUser, dbPassword)
                .withReadyTimeout(Duration.ofSeconds(timeoutSeconds))
                .withHost(host);
    }

    /** Accepts an IP literal or a host name for {@code --host}; else a message naming the value. */
    static final class HostConverter implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String h = value == null || value.isBlank() ? LaunchConfig.LOOPBACK : value.trim();
            if (!h.matches("[A-Za-z0-9.:\\-\\[\\]]{1,253}")) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not an address; allowed:"
                        + " an IPv4 or IPv6 address of this machine (127.0.0.1, 0.0.0.0 for every interface,"
                        + " 192.168.1.10) or its host name");
            }
            return h;
        }
    }

    /** The folder ./parzen was called from (-Dparzen.cwd), against which relative paths are resolved. */
    public static Path callerDir() {
        String cwd = System.getProperty("parzen.cwd");
        return (cwd == null || cwd.isBlank() ? Path.of("") : Path.of(cwd)).toAbsolutePath().normalize();
    }

    /** The repository root: -Dparzen.home (set by ./parzen), else the nearest parent of the working folder with deploy/pom.xml. */
    public static Path repoRoot() {
        String home = System.getProperty("parzen.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("deploy/pom.xml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        return Path.of("").toAbsolutePath();
    }
}
