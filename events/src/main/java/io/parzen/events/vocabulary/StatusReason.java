package io.parzen.events.vocabulary;

import java.util.List;
import java.util.Optional;

/**
 * The known words of {@code ExecutionFinished.statusReason}: why an execution ended as it did. The field stays
 * open-ended (a producer may write a word not listed here, and a reader treats it as not infrastructure), but
 * Parzen's own producers write only these. The words marked {@link #infrastructure()} say that Parzen lost the
 * execution — its executor, pod or node went away, nobody picked it up, its workspace could not be written — and
 * not the user's code: such an execution is run again as a new attempt, up to the task's {@code maxRetries}.
 */
public enum StatusReason implements WireValue {
    /** The executor that ran it died or restarted while it ran. */
    EXECUTOR_LOST("executor-lost", true),
    /** No executor started it within its environment's start timeout. */
    NOT_STARTED("not-started", true),
    /** Its executor fell silent past the environment's heartbeat timeout. */
    HEARTBEAT_LOST("heartbeat-lost", true),
    /** The executor could not write the execution's folder (disk full, permissions). */
    WORKSPACE_ERROR("workspace-error", true),
    /** Kubernetes evicted its pod. */
    POD_EVICTED("pod-evicted", true),
    /** The node its pod ran on was lost. */
    NODE_LOST("node-lost", true),
    /** A pruner of the task stopped it early. */
    PRUNED("pruned", false),
    /** The step's stop condition held on its metadata. */
    STOP_CONDITION("stop-condition", false),
    /** A user stopped it (or its task). */
    STOPPED_BY_USER("stopped-by-user", false),
    /** Its task stopped and it did not end within the stopping grace period. */
    STOPPING_TIMEOUT("stopping-timeout", false),
    /** It ran past its time limit. */
    TIME_LIMIT("time-limit", false),
    /** It used more memory than it was given. */
    OOM_KILLED("oom-killed", false),
    /** Kubernetes ended its Job at {@code activeDeadlineSeconds}. */
    DEADLINE_EXCEEDED("deadline-exceeded", false),
    /** Its container image could not be pulled. */
    IMAGE_PULL_FAILED("image-pull-failed", false),
    /** The user's command exited with a non-zero code. */
    EXIT_CODE("exit-code", false);

    private final String wireName;
    private final boolean infrastructure;

    StatusReason(String wireName, boolean infrastructure) {
        this.wireName = wireName;
        this.infrastructure = infrastructure;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Parzen lost the execution (retryable), as opposed to the user's code or a user's or rule's decision. */
    public boolean infrastructure() {
        return infrastructure;
    }

    /** {@code value} is the wire name of an infrastructure reason (false for null and unknown words). */
    public static boolean isInfrastructure(String value) {
        return find(value).map(StatusReason::infrastructure).orElse(false);
    }

    public static Optional<StatusReason> find(String value) {
        return WireValue.find(StatusReason.class, value);
    }

    public static List<String> wireNames() {
        return WireValue.wireNames(StatusReason.class);
    }
}
