package io.parzen.executor.execution;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A task whose {@code TaskFinished} arrived: a request of it that comes late (topics are not
 * ordered against each other) is recorded as stopped instead of run.
 */
@Entity
@Table(name = "finished_task")
public class FinishedTask extends PanacheEntityBase {

    @Id
    @Column(length = 512)
    public String taskId;

    public String status;

    /** The stop reason given to its executions. */
    @Column(columnDefinition = "text")
    public String reason;

    public Instant finishedAt;
}
