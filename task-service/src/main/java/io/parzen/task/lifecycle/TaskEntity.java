package io.parzen.task.lifecycle;

import io.parzen.auth.ProjectNames;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.TaskStatus;
import io.parzen.task.executions.ExecutionEntity;
import io.parzen.task.json.Json;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;

/**
 * A task as task-service stores it: the validated spec (as JSON) and the lifecycle state. The only
 * writer is task-service; every change happens in a transaction that holds the row lock.
 */
@Entity
@Table(name = "task", indexes = {@Index(name = "task_created_at_idx", columnList = "createdAt"),
        @Index(name = "task_project_created_at_idx", columnList = "project, createdAt")})
public class TaskEntity extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 40)
    public String type;

    @Column(length = 40)
    public String engine;

    @Column(nullable = false, length = 20)
    public String status;

    /** The project the task belongs to (see docs/security.md); {@code default} for rows from before projects. */
    @Column(nullable = false, length = 63, columnDefinition = "varchar(63) default 'default'")
    public String project = ProjectNames.DEFAULT;

    /** The subject ({@code sub}) of the token that created the task; null for tasks from before authentication. */
    @Column(length = 200)
    public String createdBy;

    /** The subject of the token that stopped the task; null unless a user stopped it. */
    @Column(length = 200)
    public String stoppedBy;

    @Column(length = 200)
    public String statusReason;

    @Column(nullable = false, columnDefinition = "text")
    public String spec;

    /** {@link #spec()}'s memo: the parsed spec and the string it was parsed from. */
    @Transient
    private TaskSpec parsedSpec;
    @Transient
    private String parsedFrom;

    public int maxExecutions;

    public int batchSize;

    /** The optimizer said no more executions will come. */
    public boolean exhausted;

    /** Executions issued in total, as the optimizer reported when exhausted. */
    public Integer issuedWhenExhausted;

    /** At least one child execution ended in error or crashed. */
    public boolean childErrored;

    @Column(nullable = false)
    public Instant createdAt;

    public Instant updatedAt;

    /** When the task reached its final status. */
    public Instant finishedAt;

    /** When the task went to {@code stopping} (user stop, early stopping); null otherwise. */
    public Instant stoppingSince;

    /**
     * While stopping: when the last execution event of the task arrived (server time), starting at
     * {@link #stoppingSince}; the stopping timeout counts from here.
     */
    public Instant lastEventAt;

    /**
     * The last change number given to one of the task's executions ({@link ExecutionEntity#changeVersion}):
     * raised under the task's row lock, so it only grows and changes commit in its order. The cursor of
     * {@code GET /api/v1/tasks/{id}/changes}.
     */
    @Column(nullable = false, columnDefinition = "bigint default 0")
    public long changeVersion;

    /**
     * How the optimizer warm-started the task (docs/decisions/0034), in JSON ({@link io.parzen.events.WarmStartReport}),
     * from the first batch's {@code SuggestionRequested}; null for a task without warm start, or before its first batch.
     */
    @Column(name = "warm_start", columnDefinition = "text")
    public String warmStart;

    /** Records that {@code execution} of this task changed: it gets the next change number. */
    public void changed(ExecutionEntity execution) {
        changeVersion++;
        execution.changeVersion = changeVersion;
    }

    /**
     * The spec, parsed from {@link #spec} once per entity instance (a poll applies many events to one task:
     * parsing at each was 2.3 % of task-service's samples in load benchmark (a), docs/benchmarks/load.md). Parsed
     * again when {@link #spec} is set to another string. Callers only read it.
     */
    public TaskSpec spec() {
        String json = spec;
        if (parsedSpec == null || json != parsedFrom) {
            parsedSpec = Json.read(json, TaskSpec.class);
            parsedFrom = json;
        }
        return parsedSpec;
    }

    public boolean isFinal() {
        return TaskStatus.isFinal(status);
    }

    public boolean isStopping() {
        return TaskStatus.STOPPING.is(status);
    }
}
