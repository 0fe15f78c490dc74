package io.parzen.optimizer.service.pruning;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The learning curve of one execution of a task that has a pruner: the loss of the target metric by step, as the
 * execution reported it ({@code MetricLogged}), and whether the optimizer asked to stop it. The pruner's whole
 * state: after a restart or a rebalance the decisions are taken again from these rows (ADR 0012, ADR 0031).
 */
@Entity
@Table(name = "learning_curve", indexes = @Index(name = "learning_curve_task", columnList = "task_id"))
public class CurveEntity extends PanacheEntityBase {

    /** The execution id ({@code Events.executionId(taskId, seq)}). */
    @Id
    @Column(name = "execution_id", length = 300)
    public String executionId;

    @Column(name = "task_id", nullable = false, length = 255)
    public String taskId;

    @Column(nullable = false)
    public int seq;

    /** The attempt these values were reported by; a later attempt starts the curve again. */
    @Column(nullable = false)
    public int attempt;

    /** Losses by step, a JSON object {@code {"1": 0.52, "2": 0.41}}; a step reported twice keeps its first value. */
    @Column(name = "step_values", nullable = false, columnDefinition = "text")
    public String values;

    /** When the pruner decided to stop this execution ({@code ExecutionStopRequested(pruned)} written); null = not. */
    @Column(name = "stop_requested_at")
    public Instant stopRequestedAt;

    /** The step at which it was decided. */
    @Column(name = "stop_step")
    public Long stopStep;
}
