package io.parzen.task.executions;

import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.task.json.Json;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/**
 * One child execution of a task as clients see it, built from the optimizer's and the executor's
 * events. The id is the deterministic execution id ({@code taskId-seq}), so an event seen twice
 * updates the same row.
 */
@Entity
@Table(name = "execution", indexes = @Index(name = "execution_task_idx", columnList = "taskId,seq"))
public class ExecutionEntity extends PanacheEntityBase {

    @Id
    @Column(length = 80)
    public String id;

    @Column(nullable = false, length = 36)
    public String taskId;

    public int seq;

    public int batch;

    @Column(length = 20)
    public String source;

    @Column(columnDefinition = "text")
    public String parameters;

    @Column(nullable = false, length = 20)
    public String status;

    /** Latest value of every metadata key, as JSON. */
    @Column(columnDefinition = "text")
    public String metrics;

    /** Highest metadata line sequence merged into {@link #metrics}. */
    public int metricSequence;

    public Integer exitCode;

    @Column(columnDefinition = "text")
    public String statusReason;

    public Instant queuedAt;

    public Instant startedAt;

    public Instant finishedAt;

    /**
     * The task's change number of this execution's last change (see {@code TaskEntity#changed}); 0 for
     * rows from before change numbers.
     */
    @Column(nullable = false, columnDefinition = "bigint default 0")
    public long changeVersion;

    public Map<String, Object> parameterMap() {
        return Json.readMap(parameters);
    }

    public Map<String, Object> metricMap() {
        return Json.readMap(metrics);
    }

    /** Where it runs (its {@code SuggestionRequested.environment}); null = local. */
    @Column(length = 64)
    public String environment;

    /** When task-service last consumed a sign of life of it (start, metric, heartbeat), by its own clock. */
    public Instant lastSeenAt;

    /** When the watchdog declared it crashed (its ExecutionFinished is on the way); null = it did not. */
    public Instant watchdogAt;

    public boolean isFinal() {
        return ExecutionStatus.isFinal(status);
    }
}
