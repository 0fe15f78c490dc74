package io.parzen.metrics.execution;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** The end of an execution (from {@code ExecutionFinished}): its final status and latest metrics. */
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
