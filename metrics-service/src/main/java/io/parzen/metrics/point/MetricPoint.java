package io.parzen.metrics.point;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One metadata value of one execution: the value of {@code key} in the {@code sequence}-th JSON
 * object the execution printed in one attempt. The primary key is the natural key (execution id, attempt,
 * sequence, key), so a redelivered {@code MetricLogged} cannot add a point twice, and the points of each
 * attempt of an execution (ADR 0023: {@code sequence} counts within an attempt) are kept apart.
 *
 * <p>A numeric point has {@link #value} set (possibly NaN or infinite); a text point (string,
 * boolean or array metadata) has {@link #text} set and {@link #value} null.
 */
@Entity
@Table(name = "metric_point", indexes = {
        @Index(name = "metric_point_task_idx", columnList = "task_id, metric_key")})
@IdClass(MetricPointId.class)
public class MetricPoint extends PanacheEntityBase {

    @Id
    @Column(name = "execution_id", nullable = false, columnDefinition = "text")
    public String executionId;

    /** Which run of the execution printed it (1, 2, ...); rows from before attempts are 1. */
    @Id
    @Column(name = "attempt", nullable = false, columnDefinition = "integer default 1 not null")
    public int attempt = 1;

    @Id
    @Column(name = "sequence", nullable = false)
    public int sequence;

    @Id
    @Column(name = "metric_key", nullable = false, columnDefinition = "text")
    public String key;

    @Column(name = "task_id", nullable = false, columnDefinition = "text")
    public String taskId;

    /** When the execution printed the object ({@code MetricLogged.occurredAt}). */
    @Column(name = "occurred_at", nullable = false)
    public Instant time;

    @Column(name = "metric_value")
    public Double value;

    @Column(name = "text_value", columnDefinition = "text")
    public String text;
}
