package io.parzen.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Contract-wide constants and helpers: topics, schema version, ids, CloudEvents headers. */
public final class Events {

    /** Schema version of every event this module writes. Readers accept this version and older. */
    public static final int SCHEMA_VERSION = 1;

    /** The project of a task whose events name none (producers from before projects, other platforms). */
    public static final String DEFAULT_PROJECT = "default";
    /** The environment of a task, a request or an executor that names none. */
    public static final String DEFAULT_ENVIRONMENT = "local";
    /** How many more attempts an execution that Parzen lost gets when its task names no {@code maxRetries}. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    /** The attempt number of an event that names none: the first. */
    public static final int FIRST_ATTEMPT = 1;

    /** One entry per event type: its record class, its topic and its CloudEvents type. */
    public enum Type {
        TASK_CREATED(TaskCreated.class, TOPIC_TASK_CREATED),
        SUGGESTION_REQUESTED(SuggestionRequested.class, TOPIC_SUGGESTION_REQUESTED),
        EXECUTION_STARTED(ExecutionStarted.class, TOPIC_EXECUTION_STARTED),
        METRIC_LOGGED(MetricLogged.class, TOPIC_METRIC_LOGGED),
        EXECUTION_FINISHED(ExecutionFinished.class, TOPIC_EXECUTION_FINISHED),
        SUGGESTIONS_EXHAUSTED(SuggestionsExhausted.class, TOPIC_SUGGESTIONS_EXHAUSTED),
        TASK_FINISHED(TaskFinished.class, TOPIC_TASK_FINISHED),
        EXECUTION_STOP_REQUESTED(ExecutionStopRequested.class, TOPIC_EXECUTION_STOP_REQUESTED),
        EXECUTION_HEARTBEAT(ExecutionHeartbeat.class, TOPIC_EXECUTION_HEARTBEAT),
        TASK_ACCEPTED(TaskAccepted.class, TOPIC_TASK_ACCEPTED),
        TASK_REJECTED(TaskRejected.class, TOPIC_TASK_REJECTED),
        TASK_STOP_REQUESTED(TaskStopRequested.class, TOPIC_TASK_STOP_REQUESTED);

        private final Class<? extends ParzenEvent> recordClass;
        private final String topic;

        Type(Class<? extends ParzenEvent> recordClass, String topic) {
            this.recordClass = recordClass;
            this.topic = topic;
        }

        public Class<? extends ParzenEvent> recordClass() {
            return recordClass;
        }

        /** The Kafka topic that carries this event type. */
        public String topic() {
            return topic;
        }

        /** The CloudEvents {@code ce_type}, e.g. {@code io.parzen.TaskCreated.v1}. */
        public String cloudEventType() {
            return "io.parzen." + recordClass.getSimpleName() + ".v" + SCHEMA_VERSION;
        }

        /** The JSON Schema of this event, as a classpath resource of this module. */
        public String schemaResource() {
            return "/schemas/" + recordClass.getSimpleName() + ".schema.json";
        }

        public static Type of(ParzenEvent event) {
            for (Type t : values()) {
                if (t.recordClass.isInstance(event)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("not a Parzen event type: " + event.getClass().getName());
        }
    }

    public static final String TOPIC_TASK_CREATED = "parzen.task-created";
    public static final String TOPIC_SUGGESTION_REQUESTED = "parzen.suggestion-requested";
    public static final String TOPIC_EXECUTION_STARTED = "parzen.execution-started";
    public static final String TOPIC_METRIC_LOGGED = "parzen.metric-logged";
    public static final String TOPIC_EXECUTION_FINISHED = "parzen.execution-finished";
    public static final String TOPIC_SUGGESTIONS_EXHAUSTED = "parzen.suggestions-exhausted";
    public static final String TOPIC_TASK_FINISHED = "parzen.task-finished";
    public static final String TOPIC_EXECUTION_STOP_REQUESTED = "parzen.execution-stop-requested";
    public static final String TOPIC_EXECUTION_HEARTBEAT = "parzen.execution-heartbeat";
    public static final String TOPIC_TASK_ACCEPTED = "parzen.task-accepted";
    public static final String TOPIC_TASK_REJECTED = "parzen.task-rejected";
    public static final String TOPIC_TASK_STOP_REQUESTED = "parzen.task-stop-requested";

    /** Names of the CloudEvents headers (Kafka protocol binding, binary mode). */
    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TIME = "ce_time";
    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Events() {
    }

    /** A new random event id. */
    public static String newEventId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The execution id of sequence number {@code seq} (1-based) of a task. Deterministic, so an
     * execution suggested twice is the same execution and consumers can drop the twin.
     * {@link ExecutionId#parse(String)} reads it back.
     */
    public static String executionId(String taskId, int seq) {
        return ExecutionId.of(taskId, seq).value();
    }

    /** The CloudEvents headers for an event published by {@code source} (e.g. {@code /parzen/task-service}). */
    public static Map<String, String> cloudEventHeaders(ParzenEvent event, String source) {
        Type type = Type.of(event);
        return Map.of(
                CE_SPECVERSION, "1.0",
                CE_ID, event.eventId(),
                CE_TYPE, type.cloudEventType(),
                CE_SOURCE, source,
                CE_TIME, event.occurredAt().toString(),
                CE_SUBJECT, event.taskId(),
                CONTENT_TYPE, "application/json");
    }

    /** The topics, in flow order. */
    public static List<String> topics() {
        return java.util.Arrays.stream(Type.values()).map(Type::topic).toList();
    }

    /**
     * Applies the contract's JSON conventions to a mapper: ISO-8601 timestamps, unknown fields
     * ignored (so newer producers do not break older consumers).
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A mapper configured for the contract, for tools and tests outside Quarkus. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code project}, or {@link #DEFAULT_PROJECT} when it is absent or blank. */
    public static String projectOrDefault(String project) {
        return project == null || project.isBlank() ? DEFAULT_PROJECT : project;
    }

    /** The environment a producer named, or {@value #DEFAULT_ENVIRONMENT} when it named none. */
    public static String environmentOrDefault(String environment) {
        return environment == null || environment.isBlank() ? DEFAULT_ENVIRONMENT : environment;
    }

    /** The attempt a producer named, or {@value #FIRST_ATTEMPT} when it named none (producers before attempts). */
    public static int attemptOrFirst(Integer attempt) {
        return attempt == null ? FIRST_ATTEMPT : attempt;
    }
}
