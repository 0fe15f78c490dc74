package io.parzen.deploy.launcher;

import java.nio.file.Path;
import java.util.List;

/** One process of the local system. */
public enum Component {
    KAFKA("kafka", Kind.INFRA, null),
    POSTGRES("postgres", Kind.INFRA, null),
    TASK("task-service", Kind.SERVICE, "parzen_task"),
    OPTIMIZER("optimizer-service", Kind.SERVICE, "parzen_optimizer"),
    EXECUTOR("executor-service", Kind.SERVICE, "parzen_executor"),
    METRICS("metrics-service", Kind.SERVICE, "parzen_metrics");

    public enum Kind { INFRA, SERVICE }

    public static final List<Component> INFRA = List.of(KAFKA, POSTGRES);
    public static final List<Component> SERVICES = List.of(TASK, OPTIMIZER, EXECUTOR, METRICS);
    public static final List<String> DATABASES =
            List.of("parzen_task", "parzen_optimizer", "parzen_executor", "parzen_metrics");

    private final String id;
    private final Kind kind;
    private final String database;

    Component(String id, Kind kind, String database) {
        this.id = id;
        this.kind = kind;
        this.database = database;
    }

    /** The name used in logs, PID files and messages, e.g. {@code task-service}. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isService() {
        return kind == Kind.SERVICE;
    }

    /** The service's database, or null for Kafka and PostgreSQL. */
    public String database() {
        return database;
    }

    /** {@code <repo>/<svc>/target/quarkus-app/quarkus-run.jar}; null for Kafka and PostgreSQL. */
    public Path jar(Path repoRoot) {
        return isService() ? repoRoot.resolve(id).resolve("target/quarkus-app/quarkus-run.jar") : null;
    }

    public int port(LaunchConfig c) {
        return switch (this) {
            case KAFKA -> c.kafkaPort();
            case POSTGRES -> c.dbPort();
            case TASK -> c.taskPort();
            case OPTIMIZER -> c.optimizerPort();
            case EXECUTOR -> c.executorPort();
            case METRICS -> c.metricsPort();
        };
    }

    /** The environment variable that carries this service's HTTP port. */
    public String portVariable() {
        return switch (this) {
            case TASK -> "PARZEN_TASK_PORT";
            case OPTIMIZER -> "PARZEN_OPTIMIZER_PORT";
            case EXECUTOR -> "PARZEN_EXECUTOR_PORT";
            case METRICS -> "PARZEN_METRICS_PORT";
            default -> null;
        };
    }

    public static Component byId(String id) {
        for (Component c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown component " + id);
    }
}
