package io.parzen.optimizer.service.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parzen.events.Events;
import io.parzen.events.TaskSpec;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;

/**
 * One task's study: its spec (from which the engine is rebuilt), where it stands and what comes
 * next. The only writer is this service; rows are locked ({@code SELECT ... FOR UPDATE}) while an
 * event of the task is handled, so events of one task never interleave.
 */
@Entity
@Table(name = "study")
public class StudyEntity extends PanacheEntityBase {

    @Id
    @Column(name = "task_id", length = 255)
    public String taskId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public StudyStatus status;

    /** The task type, e.g. {@code bayesian_tpe}; null for a study known only from its {@code TaskFinished}. */
    @Column(length = 32)
    public String type;

    /** The engine's name, e.g. {@code optuna}, {@code random}, {@code grid}. */
    @Column(length = 32)
    public String engine;

    /**
     * The task's project from its {@code TaskCreated} ({@code default} when the event names none);
     * null for a study known only from its {@code TaskFinished}: only an admin sees those.
     */
    @Column(length = 63)
    public String project;

    /** The whole task spec as received, in JSON. */
    @Column(columnDefinition = "text")
    public String spec;

    /** {@link #spec()}'s memo: the parsed spec and the string it was parsed from. */
    @Transient
    private TaskSpec parsedSpec;
    @Transient
    private String parsedFrom;

    /** The task's seed; every batch's random stream is derived from it and the batch number. */
    public long seed;

    /** The sequence number of the next suggestion (1-based); {@code nextSeq - 1} were issued. */
    @Column(name = "next_seq", nullable = false)
    public int nextSeq;

    /** The number of the last batch issued; 0 before the first. */
    @Column(name = "current_batch", nullable = false)
    public int currentBatch;

    /** True once the engine had no more points (or failed); {@code SuggestionsExhausted} was written then. */
    @Column(nullable = false)
    public boolean exhausted;

    @Column(name = "finished_reason", length = 64)
    public String finishedReason;

    /** Why the study is invalid or in error. */
    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    /**
     * The prior observations of a warm-started task (docs/decisions/0034), mapped into this study's space when the
     * study was created: a JSON list of {@code {"source", "point", "loss"}}; null for a task without warm start.
     * Stored, so that a restart or another instance rebuilds the same study (ADR 0027) whatever the earlier
     * studies did since.
     */
    @Column(name = "warm_priors", columnDefinition = "text")
    public String warmPriors;

    /** The account of the warm start in JSON ({@link io.parzen.events.WarmStartReport}); null without warm start. */
    @Column(name = "warm_report", columnDefinition = "text")
    public String warmReport;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Suggestions issued so far. */
    public int issued() {
        return nextSeq - 1;
    }

    /**
     * The task spec, parsed from {@link #spec} once per entity instance, so once per transaction (a poll applies
     * many finishes to one study, docs/decisions/0040). Parsed again when {@link #spec} is set to another string.
     * Callers only read it.
     */
    public TaskSpec spec() {
        String json = spec;
        if (parsedSpec == null || json != parsedFrom) {
            try {
                parsedSpec = Events.mapper().readValue(json, TaskSpec.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored spec of task " + taskId + " is not JSON", e);
            }
            parsedFrom = json;
        }
        return parsedSpec;
    }
}
