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
 * object the execution printed. The primary key is the natural key (execution id, sequence, key),
 * so a redelivered {@code MetricLogged} cannot add a point twice.
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
