package io.parzen.deploy.kafka.security;

import java.util.List;

/**
 * The Kafka principals ({@code User:<name>}) of a secured Parzen broker. Each service has its own;
 * {@value #PLATFORM} is for other platforms (an outside executor, a system that creates tasks).
 * {@value #BROKER} and {@value #ADMIN} are the only super users.
 */
public final class Principals {

    /** The broker itself: inter-broker SASL and its certificate (CN) on the controller listener. */
    public static final String BROKER = "broker";
    /** The launcher's administrator: creates topics, SCRAM credentials and ACLs. */
    public static final String ADMIN = "admin";

    public static final String TASK_SERVICE = "task-service";
    public static final String OPTIMIZER_SERVICE = "optimizer-service";
    public static final String EXECUTOR_SERVICE = "executor-service";
    public static final String METRICS_SERVICE = "metrics-service";
    public static final String PLATFORM = "platform";

    public static final List<String> SUPER_USERS = List.of(BROKER, ADMIN);
    /** The principals that get only what {@link TopicAccess} grants them. */
    public static final List<String> CLIENTS =
            List.of(TASK_SERVICE, OPTIMIZER_SERVICE, EXECUTOR_SERVICE, METRICS_SERVICE, PLATFORM);

    private Principals() {
    }

    /** {@code User:<name>}, the form Kafka ACLs and {@code super.users} use. */
    public static String user(String name) {
        return "User:" + name;
    }
}
