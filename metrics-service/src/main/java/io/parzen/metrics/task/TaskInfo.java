package io.parzen.metrics.task;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What metrics-service keeps of a task (from {@code TaskCreated}): its name and optimization
 * target, which leaderboards rank by.
 */
@Entity
@Table(name = "task_info")
public class TaskInfo extends PanacheEntityBase {

    @Id
    @Column(name = "task_id", columnDefinition = "text")
    public String taskId;

    @Column(columnDefinition = "text")
    public String name;

    /** {@code grid_search}, {@code random_search}, {@code bayesian_tpe}, {@code manual_search}. */
    public String type;

    /** The metadata key to optimize, or null when the task has none (e.g. a plain grid). */
    @Column(name = "target_metric", columnDefinition = "text")
    public String targetMetric;

    /** Target value (rank by closeness), or null. */
    @Column(name = "target_value")
    public Double targetValue;

    /** {@code maximize} or {@code minimize} when no target value is given, else null. */
    @Column(name = "target_direction")
    public String targetDirection;

    /** The task's project from {@code TaskCreated} ({@code default} when the event names none). */
    @Column(length = 63)
    public String project;

    /** {@code TaskCreated.occurredAt}. */
    @Column(name = "created_at")
    public Instant createdAt;
}
