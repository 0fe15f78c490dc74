package io.parzen.deploy.kafka.security;

import static io.parzen.deploy.kafka.security.Principals.EXECUTOR_SERVICE;
import static io.parzen.deploy.kafka.security.Principals.METRICS_SERVICE;
import static io.parzen.deploy.kafka.security.Principals.OPTIMIZER_SERVICE;
import static io.parzen.deploy.kafka.security.Principals.PLATFORM;
import static io.parzen.deploy.kafka.security.Principals.TASK_SERVICE;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may write and read which topic on a secured broker: the one table every ACL is derived from.
 * It follows docs/architecture.md and the services' application.properties (a test checks it
 * against them): a service writes the topics of the events it emits and its own dead-letter topic,
 * reads the topics it consumes, with its consumer group. {@code platform} may start tasks and act
 * as an executor, and can never request suggestions.
 *
 * <pre>
 * principal          writes                                   reads                                     group
 * task-service       task-created, task-accepted,             suggestion-requested, execution-started,  task-service
 *                    task-rejected, task-finished,            metric-logged, execution-finished,
 *                    execution-stop-requested,                suggestions-exhausted, task-created,
 *                    execution-finished (watchdog),           task-stop-requested, execution-heartbeat
 *                    dead-letter.task-service
 * optimizer-service  suggestion-requested,                    task-accepted, execution-finished,        optimizer-service,
 *                    suggestions-exhausted,                   task-finished, metric-logged (pruning)    optimizer-service-pruning
 *                    execution-stop-requested (pruning),
 *                    dead-letter.optimizer-service
 * executor-service   execution-started, metric-logged,        suggestion-requested, task-finished,      executor-service
 *                    execution-finished, execution-heartbeat, execution-stop-requested
 *                    dead-letter.executor-service
 * metrics-service    dead-letter.metrics-service              metric-logged, task-accepted,             metrics-service
 *                                                             execution-finished
 * platform           task-created, execution-started,         suggestion-requested, task-finished,      platform-* (prefix)
 *                    metric-logged, execution-finished,       execution-stop-requested, task-accepted,
 *                    execution-heartbeat, task-stop-requested task-rejected
 * </pre>
 *
 * Nobody but the super users ({@link Principals#SUPER_USERS}) may create topics, alter configs or
 * ACLs: the topics are created in advance ({@link #topics()}).
 */
public final class TopicAccess {

    public static final String TASK_CREATED = "parzen.task-created";
    public static final String SUGGESTION_REQUESTED = "parzen.suggestion-requested";
    public static final String EXECUTION_STARTED = "parzen.execution-started";
    public static final String METRIC_LOGGED = "parzen.metric-logged";
    public static final String EXECUTION_FINISHED = "parzen.execution-finished";
    public static final String SUGGESTIONS_EXHAUSTED = "parzen.suggestions-exhausted";
    public static final String TASK_FINISHED = "parzen.task-finished";
    /** Emitted by task-service (a stop condition) and optimizer-service (a pruner) to stop one execution, consumed by executors. */
    public static final String EXECUTION_STOP_REQUESTED = "parzen.execution-stop-requested";
    /** An executor still holds these executions; consumed by task-service's watchdog. */
    public static final String EXECUTION_HEARTBEAT = "parzen.execution-heartbeat";
    /** A platform asks to stop a whole task; task-service does what its REST stop does. */
    public static final String TASK_STOP_REQUESTED = "parzen.task-stop-requested";
    /** Every task task-service accepted (its own, a platform's TaskCreated): what starts a study. */
    public static final String TASK_ACCEPTED = "parzen.task-accepted";
    /** A platform's TaskCreated that task-service did not accept, with the REST errors. */
    public static final String TASK_REJECTED = "parzen.task-rejected";

    /** The dead-letter topic a service writes its poison records to. */
    public static String deadLetter(String service) {
        return "parzen.dead-letter." + service;
    }

    /**
     * One principal's rights.
     *
     * @param groupPrefixed whether {@code group} is a prefix (any group whose id starts with it) or one literal id
     */
    public record Access(String principal, Set<String> writes, Set<String> reads, String group, boolean groupPrefixed,
            Set<String> moreGroups) {
        public Access {
            writes = Set.copyOf(writes);
            reads = Set.copyOf(reads);
            moreGroups = moreGroups == null ? Set.of() : Set.copyOf(moreGroups);
        }

        /** A principal with one consumer group. */
        public Access(String principal, Set<String> writes, Set<String> reads, String group, boolean groupPrefixed) {
            this(principal, writes, reads, group, groupPrefixed, Set.of());
        }

        /** {@link #group()} and {@link #moreGroups()}: every group id the principal may consume with. */
        public Set<String> groups() {
            Set<String> all = new TreeSet<>(moreGroups);
            all.add(group);
            return all;
        }
    }

    /** optimizer-service's second consumer group: the executions' metrics, for its pruners (ADR 0031). */
    public static final String OPTIMIZER_PRUNING_GROUP = "optimizer-service-pruning";

    /** The table, one row per client principal (see the class comment). */
    public static final List<Access> TABLE = List.of(
            new Access(TASK_SERVICE,
                    Set.of(TASK_CREATED, TASK_ACCEPTED, TASK_REJECTED, TASK_FINISHED, EXECUTION_STOP_REQUESTED,
                            EXECUTION_FINISHED, deadLetter(TASK_SERVICE)),
                    Set.of(SUGGESTION_REQUESTED, EXECUTION_STARTED, METRIC_LOGGED, EXECUTION_FINISHED,
                            SUGGESTIONS_EXHAUSTED, EXECUTION_HEARTBEAT, TASK_CREATED, TASK_STOP_REQUESTED),
                    TASK_SERVICE, false),
            new Access(OPTIMIZER_SERVICE,
                    Set.of(SUGGESTION_REQUESTED, SUGGESTIONS_EXHAUSTED, EXECUTION_STOP_REQUESTED,
                            deadLetter(OPTIMIZER_SERVICE)),
                    Set.of(TASK_ACCEPTED, EXECUTION_FINISHED, TASK_FINISHED, METRIC_LOGGED),
                    OPTIMIZER_SERVICE, false, Set.of(OPTIMIZER_PRUNING_GROUP)),
            new Access(EXECUTOR_SERVICE,
                    Set.of(EXECUTION_STARTED, METRIC_LOGGED, EXECUTION_FINISHED, EXECUTION_HEARTBEAT,
                            deadLetter(EXECUTOR_SERVICE)),
                    Set.of(SUGGESTION_REQUESTED, TASK_FINISHED, EXECUTION_STOP_REQUESTED),
                    EXECUTOR_SERVICE, false),
            new Access(METRICS_SERVICE,
                    Set.of(deadLetter(METRICS_SERVICE)),
                    Set.of(METRIC_LOGGED, TASK_ACCEPTED, EXECUTION_FINISHED),
                    METRICS_SERVICE, false),
            new Access(PLATFORM,
                    Set.of(TASK_CREATED, EXECUTION_STARTED, METRIC_LOGGED, EXECUTION_FINISHED, EXECUTION_HEARTBEAT,
                            TASK_STOP_REQUESTED),
                    Set.of(SUGGESTION_REQUESTED, TASK_FINISHED, EXECUTION_STOP_REQUESTED, TASK_ACCEPTED, TASK_REJECTED),
                    "platform-", true));

    private TopicAccess() {
    }

    public static Optional<Access> of(String principal) {
        return TABLE.stream().filter(a -> a.principal().equals(principal)).findFirst();
    }

    /** Every topic the table names, sorted: the topics a secured broker creates in advance. */
    public static Set<String> topics() {
        Set<String> all = new TreeSet<>();
        for (Access a : TABLE) {
            all.addAll(a.writes());
            all.addAll(a.reads());
        }
        return all;
    }

    /**
     * The ALLOW bindings of the table: WRITE (which implies DESCRIBE) on each written topic, READ on
     * each read topic, READ on the consumer group. Literal resource names, except a prefixed group.
     */
    public static List<AclBinding> aclBindings() {
        Set<AclBinding> bindings = new LinkedHashSet<>();
        for (Access a : TABLE) {
            String user = Principals.user(a.principal());
            for (String t : new TreeSet<>(a.writes())) {
                bindings.add(allow(user, AclOperation.WRITE, ResourceType.TOPIC, t, PatternType.LITERAL));
            }
            for (String t : new TreeSet<>(a.reads())) {
                bindings.add(allow(user, AclOperation.READ, ResourceType.TOPIC, t, PatternType.LITERAL));
            }
            bindings.add(allow(user, AclOperation.READ, ResourceType.GROUP, a.group(),
                    a.groupPrefixed() ? PatternType.PREFIXED : PatternType.LITERAL));
            for (String g : new TreeSet<>(a.moreGroups())) {
                bindings.add(allow(user, AclOperation.READ, ResourceType.GROUP, g, PatternType.LITERAL));
            }
        }
        return new ArrayList<>(bindings);
    }

    private static AclBinding allow(String user, AclOperation op, ResourceType type, String name, PatternType pattern) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(user, "*", op, AclPermissionType.ALLOW));
    }
}
