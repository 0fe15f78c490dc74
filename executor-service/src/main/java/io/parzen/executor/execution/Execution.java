package io.parzen.executor.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.command.ListValues;
import io.parzen.messaging.tracing.TraceContext;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One execution as this executor knows it: the request it received, what its current attempt ran, and
 * how it ended. The id is the execution id of the {@link SuggestionRequested}; with {@link #attempt} the
 * dedupe key: a request for a later attempt makes the row that attempt's (ADR 0023), the run fields
 * (argv, pid, exit, metrics, times) always describe the current attempt.
 */
@Entity
@Table(name = "execution", indexes = {
        @Index(name = "execution_task_idx", columnList = "taskId"),
        @Index(name = "execution_status_idx", columnList = "status")})
public class Execution extends PanacheEntityBase {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, List<String>>> INPUTS = new TypeReference<>() {
    };

    @Id
    @Column(length = 512)
    public String id;

    @Column(nullable = false, length = 512)
    public String taskId;

    /** The task's project from {@code SuggestionRequested} ({@code default} when it names none). */
    @Column(length = 63)
    public String project;

    public int seq;

    public int batch;

    /** The attempt this row describes (1, 2, ...); null in rows written before attempts = 1. */
    public Integer attempt;

    public String source;

    /** {@link ExecutionStatus}. */
    @Column(nullable = false, length = 16)
    public String status;

    /** The command template as requested (a command list: its commands, one per line). */
    @Column(nullable = false, columnDefinition = "text")
    public String command;

    /** The command list as a JSON array (Valohai's {@code command:} list); null for one command. */
    @Column(columnDefinition = "text")
    public String commandsJson;

    /** Inputs to fetch, input name to URLs, as a JSON object; null for none. */
    @Column(columnDefinition = "text")
    public String inputsJson;

    /** Parameter values as a JSON object (in parameter order). */
    @Column(columnDefinition = "text")
    public String parametersJson;

    /** Pass-as templates as a JSON object; null for none. */
    @Column(columnDefinition = "text")
    public String passAsJson;

    /** Valohai's {@code multiple} per parameter that may hold a list value (JSON object), or null. */
    @Column(columnDefinition = "text")
    public String multipleJson;

    /** The separator per {@code multiple: separate} parameter (JSON object), or null. */
    @Column(columnDefinition = "text")
    public String multipleSeparatorJson;

    /** The working directory as requested (maybe relative). */
    @Column(columnDefinition = "text")
    public String requestedWorkingDirectory;

    public Long timeLimitSeconds;

    /** The request's environment ({@code SuggestionRequested.environment}); null = the default. */
    @Column(length = 128)
    public String environment;

    /** The step's image ({@code SuggestionRequested.image}, used by an environment of kind kubernetes); or null. */
    @Column(columnDefinition = "text")
    public String image;

    /** The task's declared environment variables as a JSON object; null for none. */
    @Column(columnDefinition = "text")
    public String environmentJson;

    /** The argv that was run, as a JSON array. */
    @Column(columnDefinition = "text")
    public String argvJson;

    /** The resolved working directory. */
    @Column(columnDefinition = "text")
    public String workingDirectory;

    /** The execution's own folder (log, config, outputs). */
    @Column(columnDefinition = "text")
    public String executionDirectory;

    public String executor;

    /** OS process id, to find an orphan after a crash of this service. */
    public Long pid;

    /** Start time of the OS process, with {@link #pid} the identity of the process. */
    public Instant processStartedAt;

    public Integer exitCode;

    @Column(columnDefinition = "text")
    public String reason;

    /** {@code ExecutionFinished.statusReason} (a {@link io.parzen.events.vocabulary.StatusReason} word), or null. */
    @Column(length = 64)
    public String statusReason;

    /** Number of metadata lines logged so far. */
    public int metricCount;

    /** Latest value of every metadata key, as a JSON object. */
    @Column(columnDefinition = "text")
    public String metricsJson;

    @Column(nullable = false)
    public Instant receivedAt;

    /**
     * The trace context the request was handled in (its {@code SuggestionRequested}'s trace): the
     * execution's later events ({@code ExecutionStarted}, {@code MetricLogged}, {@code ExecutionFinished})
     * continue it, although they are written long after, from the process's thread (ADR 0024). Null when
     * there was none.
     */
    @Column(length = 55)
    public String traceparent;

    @Column(length = TraceContext.MAX_TRACESTATE)
    public String tracestate;

    /**
     * The executor instance ({@code parzen.executor.instance}) that queued it and alone may start it,
     * report it lost or queue it again after a restart (ADR 0027); null in rows from before instances.
     */
    @Column(length = 128)
    public String owner;

    /**
     * A stop asked of an instance that does not hold the execution ({@code ExecutionStopRequested} or a REST
     * stop landed elsewhere): the owner's stop sweep applies it. Null when none was asked.
     */
    @Column(columnDefinition = "text")
    public String stopRequestedReason;

    public Instant startedAt;

    public Instant finishedAt;

    /** The trace context of the execution's events: the one its request was handled in, or none. */
    public io.opentelemetry.context.Context traceContext() {
        return TraceContext.extract(traceparent, tracestate);
    }

    /** A new queued execution for a request. */
    public static Execution queued(SuggestionRequested r, Instant now) {
        Execution e = new Execution();
        e.id = r.executionId();
        e.taskId = r.taskId();
        e.project = r.project();
        e.seq = r.seq();
        e.batch = r.batch();
        e.attempt = r.attemptOrFirst();
        e.status = ExecutionStatus.QUEUED;
        e.takeRequest(r, now);
        return e;
    }

    /**
     * Makes this queued row started on {@code executorName} at {@code now}: a free slot runs it as soon as its
     * acceptance commits (ADR 0039). The process's details come with {@link #process}.
     */
    public void startOn(String executorName, Instant now) {
        status = ExecutionStatus.STARTED;
        executor = executorName;
        startedAt = now;
    }

    /** The attempt's process: argv, folders, pid, and its start time as the start of the attempt. */
    void process(ExecutionService.StartedProcess p) {
        argvJson = toJson(p.argv());
        workingDirectory = p.workingDirectory();
        executionDirectory = p.executionDirectory();
        executor = p.executor();
        pid = p.pid();
        processStartedAt = p.processStartedAt();
        startedAt = p.startedAt();
    }

    /** The attempt this row describes ({@value Events#FIRST_ATTEMPT} for rows from before attempts). */
    public int attempt() {
        return Events.attemptOrFirst(attempt);
    }

    /**
     * Makes this (final) row the queued next attempt of a request: the request's fields again, every field of
     * the earlier run cleared. The earlier attempt's folder and log stay on disk.
     */
    public void retryAs(SuggestionRequested r, Instant now) {
        attempt = r.attemptOrFirst();
        status = ExecutionStatus.QUEUED;
        argvJson = null;
        workingDirectory = null;
        executionDirectory = null;
        executor = null;
        pid = null;
        processStartedAt = null;
        exitCode = null;
        reason = null;
        statusReason = null;
        metricCount = 0;
        metricsJson = null;
        startedAt = null;
        finishedAt = null;
        takeRequest(r, now);
    }

    private void takeRequest(SuggestionRequested r, Instant now) {
        Execution e = this;
        e.source = r.source();
        boolean list = r.commands() != null && !r.commands().isEmpty();
        e.command = list ? String.join("\n", r.commands()) : r.command();
        e.commandsJson = list ? toJson(r.commands()) : null;
        e.inputsJson = r.inputs() == null || r.inputs().isEmpty() ? null : toJson(r.inputs());
        e.parametersJson = toJson(r.parameters() == null ? Map.of() : r.parameters());
        e.passAsJson = r.passAs() == null ? null : toJson(r.passAs());
        e.multipleJson = r.multiple() == null || r.multiple().isEmpty() ? null : toJson(r.multiple());
        e.multipleSeparatorJson = r.multipleSeparator() == null || r.multipleSeparator().isEmpty() ? null
                : toJson(r.multipleSeparator());
        e.requestedWorkingDirectory = r.workingDirectory();
        e.timeLimitSeconds = r.timeLimitSeconds();
        e.environment = r.environment();
        e.image = r.image();
        e.environmentJson = r.environmentVariables() == null || r.environmentVariables().isEmpty() ? null
                : toJson(r.environmentVariables());
        e.receivedAt = now;
        Map<String, String> trace = TraceContext.headers(TraceContext.current());
        e.traceparent = trace.get(TraceContext.TRACEPARENT);
        e.tracestate = trace.get(TraceContext.TRACESTATE);
    }

    public Map<String, Object> parameters() {
        return parametersJson == null ? new LinkedHashMap<>() : fromJson(parametersJson, OBJECT_MAP);
    }

    public Map<String, String> passAs() {
        return passAsJson == null ? Map.of() : fromJson(passAsJson, STRING_MAP);
    }

    /** How list values are passed (Valohai's {@code multiple}); {@link ListValues#NONE} for none. */
    public ListValues listValues() {
        return ListValues.of(multipleJson == null ? null : fromJson(multipleJson, STRING_MAP),
                multipleSeparatorJson == null ? null : fromJson(multipleSeparatorJson, STRING_MAP));
    }

    /** The task's declared environment variables (empty for none). */
    public Map<String, String> environmentVariables() {
        return environmentJson == null ? Map.of() : fromJson(environmentJson, STRING_MAP);
    }

    /** The command list, or null for one command. */
    public List<String> commands() {
        return commandsJson == null ? null : fromJson(commandsJson, STRING_LIST);
    }

    /** Input name to URLs; empty for none. */
    public Map<String, List<String>> inputs() {
        return inputsJson == null ? Map.of() : fromJson(inputsJson, INPUTS);
    }

    public List<String> argv() {
        return argvJson == null ? null : fromJson(argvJson, STRING_LIST);
    }

    public Map<String, Object> metrics() {
        return metricsJson == null ? new LinkedHashMap<>() : fromJson(metricsJson, OBJECT_MAP);
    }

    /** Marks this execution final (caller checks that it is not final yet). */
    public void finish(String finalStatus, Integer exitCode, String reason, Map<String, Object> latestMetrics,
            Instant finishedAt) {
        finish(finalStatus, exitCode, reason, null, latestMetrics, finishedAt);
    }

    /**
     * Marks this execution final with a {@code statusReason} word (caller checks that it is not final yet).
     *
     * @param statusReason null: the reason itself for {@code stopped}, none otherwise
     */
    public void finish(String finalStatus, Integer exitCode, String reason, String statusReason,
            Map<String, Object> latestMetrics, Instant finishedAt) {
        this.statusReason = statusReason;
        this.status = finalStatus;
        this.exitCode = exitCode;
        this.reason = reason;
        if (latestMetrics != null) {
            this.metricsJson = toJson(latestMetrics);
        }
        this.finishedAt = finishedAt;
    }

    /**
     * The {@code ExecutionFinished} event of this (final) attempt: the stored statusReason, else a stop's reason
     * (also its statusReason).
     */
    public ExecutionFinished finishedEvent() {
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(), id, seq,
                status, exitCode, reason, metrics(), startedAt, finishedAt,
                statusReason != null ? statusReason : ExecutionStatus.STOPPED.equals(status) ? reason : null,
                attempt());
    }

    public static String toJson(Object value) {
        try {
            return Events.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON", e);
        }
    }

    private static <T> T fromJson(String json, TypeReference<T> type) {
        try {
            return Events.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
