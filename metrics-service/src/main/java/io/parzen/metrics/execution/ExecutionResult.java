package io.parzen.metrics.execution;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The end of an execution's latest attempt (from {@code ExecutionFinished}): its status and latest metrics. One row
 * per execution, so a leaderboard never counts an execution twice; a later attempt's finish replaces an earlier
 * attempt's (ADR 0023).
 */
@Entity
@Table(name = "execution_result", indexes = @Index(name = "execution_result_task_idx", columnList = "task_id"))
public class ExecutionResult extends PanacheEntityBase {

    @Id
    @Column(name = "execution_id", columnDefinition = "text")
    public String executionId;

    @Column(name = "task_id", nullable = false, columnDefinition = "text")
    public String taskId;

    /** 1-based sequence number of the execution in its task. */
    public int seq;

    /** The attempt this result is of (1, 2, ...); null in rows from before attempts = 1. */
    public Integer attempt;

    /** {@code complete}, {@code error}, {@code stopped} or {@code crashed}. */
    @Column(nullable = false)
    public String status;

    @Column(name = "exit_code")
    public Integer exitCode;

    @Column(columnDefinition = "text")
    public String reason;

    /** The latest value of every metadata key, as the JSON object the event carried. */
    @Column(name = "latest_metrics", columnDefinition = "text")
    public String latestMetrics;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** {@code ExecutionFinished.occurredAt}; a redelivered older event never overwrites a newer one. */
    @Column(name = "occurred_at")
    public Instant occurredAt;
}
