package io.parzen.optimizer.service.study;

import io.parzen.optimizer.study.TrialState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One issued suggestion of a study and, once its execution finished, its result. */
@Entity
@Table(name = "trial", indexes = @Index(name = "trial_task_seq", columnList = "task_id, seq", unique = true))
public class TrialEntity extends PanacheEntityBase {

    /** {@code Events.executionId(taskId, seq)}. */
    @Id
    @Column(name = "execution_id", length = 300)
    public String executionId;

    @Column(name = "task_id", nullable = false, length = 255)
    public String taskId;

    @Column(nullable = false)
    public int seq;

    @Column(nullable = false)
    public int batch;

    /** The parameter values by name, in JSON, as sent in the {@code SuggestionRequested}. */
    @Column(nullable = false, columnDefinition = "text")
    public String point;

    /** {@code random}, {@code model}, {@code grid} or {@code manual}. */
    @Column(length = 16)
    public String source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TrialState state;

    /** The value the engines minimize; null unless complete, or pruned (its last reported value's loss). */
    public Double loss;

    /**
     * A multi-objective task's loss vector (one loss per objective, minimised), as a JSON array; null
     * unless complete, and for single-objective tasks.
     */
    @Column(columnDefinition = "text")
    public String losses;

    /**
     * A complete trial's constraint values (ADR 0033), one per constraint of the task, at most 0 when it holds,
     * as a JSON array (null = could not be evaluated); null for tasks without constraints and other trials.
     */
    @Column(name = "constraint_values", columnDefinition = "text")
    public String constraintValues;

    /** The latest value of the target metric as the execution logged it, when it did. */
    @Column(name = "metric_value")
    public Double metricValue;

    /** The last step a pruned execution reported (ADR 0031); null for any other trial. */
    @Column(name = "last_step")
    public Long lastStep;

    /** The execution's final status ({@code complete}, {@code error}, ...). */
    @Column(name = "execution_status", length = 16)
    public String executionStatus;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /**
     * The execution's current attempt: 1 when issued, n + 1 once attempt n ended and the retry rule
     * ({@code io.parzen.events.Retries}) said to run it again. A finish of an older attempt is stale; only the
     * finish of this attempt is acted on, so a replayed finish never re-issues twice. Null in rows from before
     * attempts (= 1).
     */
    @Column(name = "attempt")
    public Integer attempt;

    /** {@link #attempt}, or 1 for a row from before attempts. */
    public int attemptOrFirst() {
        return attempt == null ? io.parzen.events.Events.FIRST_ATTEMPT : attempt;
    }
}
