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
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The current attempt (docs/decisions/0023): 1 for the first run, n + 1 once attempt n ended and the retry
     * rule said to run it again. The row's status, times, exit code, reason and metrics are this attempt's;
     * events of an older attempt never change them. Null in rows from before attempts (= 1).
     */
    public Integer attempt;

    /** The earlier attempts ({@link ExecutionAttempt}s, oldest first) as JSON; null = none. */
    @Column(columnDefinition = "text")
    public String attempts;

    public boolean isFinal() {
        return ExecutionStatus.isFinal(status);
    }

    /** {@link #attempt}, or 1 for a row from before attempts. */
    public int attemptOrFirst() {
        return attempt == null ? io.parzen.events.Events.FIRST_ATTEMPT : attempt;
    }

    /** The earlier attempts, oldest first. */
    public List<ExecutionAttempt> earlierAttempts() {
        if (attempts == null || attempts.isBlank()) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(Json.mapper().readValue(attempts, ATTEMPTS));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored attempts of " + id + " are not JSON", e);
        }
    }

    /**
     * Records an earlier attempt; an attempt already recorded as ended is kept (the finish that counted first
     * stays, a later twin from another producer changes nothing).
     */
    public void recordAttempt(ExecutionAttempt earlier) {
        List<ExecutionAttempt> list = earlierAttempts();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).attempt() == earlier.attempt()) {
                if (!list.get(i).ended()) {
                    list.set(i, earlier);
                    attempts = Json.write(list);
                }
                return;
            }
        }
        list.add(earlier);
        list.sort(java.util.Comparator.comparingInt(ExecutionAttempt::attempt));
        attempts = Json.write(list);
    }

    /** Every attempt, oldest first, the current one last (as the row shows it). */
    public List<ExecutionAttempt> allAttempts() {
        List<ExecutionAttempt> all = earlierAttempts();
        all.add(new ExecutionAttempt(attemptOrFirst(), status, statusReason, exitCode, startedAt, finishedAt));
        return all;
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<ExecutionAttempt>> ATTEMPTS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };
}
