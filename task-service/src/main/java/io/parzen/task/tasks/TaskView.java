package io.parzen.task.tasks;

import io.parzen.events.TaskSpec;
import io.parzen.task.executions.ExecutionEntity;
import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.task.lifecycle.TaskEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.parzen.task.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A task as {@code GET /api/v1/tasks/{id}} shows it.
 *
 * @param status the task status; a stopped task passes through {@code stopping} until its executions have ended
 * @param statusSummary how many executions are in each execution status (every status is present)
 * @param searchMode how the task searches: {@code bayesian}, {@code random}, {@code grid} or {@code manual}
 *                   (a Bayesian task with no more executions than its random startup is random search)
 * @param searchModeReason why, in words
 * @param sourceSummary how many executions came from each suggestion source ({@code random}, {@code model},
 *                      {@code grid}, {@code manual} always present; {@code unknown} while an execution's
 *                      suggestion has not been seen)
 * @param best the best execution so far by the task's target, or null; of a task with {@code constraints} only
 *             feasible executions take part (ADR 0033)
 * @param spec the validated specification, as sent in {@code TaskCreated}
 * @param paretoFront of a task with {@code targets}: the non-dominated complete executions ({@link ParetoFront});
 *        absent otherwise
 * @param hypervolume of a task with {@code targets}: the hypervolume of the front against {@code referencePoint}
 * @param referencePoint of a task with {@code targets}: the task's, or the derived one (see {@code referencePointSource});
 *        null while no execution has every target metric
 * @param referencePointSource {@code task} or {@code derived}
 */
public record TaskView(
        String id,
        String name,
        String type,
        String engine,
        @Schema(description = "the project the task belongs to")
        String project,
        @Schema(description = "the subject of the token that created the task", nullable = true)
        String createdBy,
        @Schema(description = "the subject of the token that stopped the task; null unless a user stopped it",
                nullable = true)
        String stoppedBy,
        @Schema(description = "created, started, stopping, stopped, complete or error; a stopped task (user stop, "
                + "early stopping) is stopping until every known execution has ended")
        String status,
        @Schema(description = "why the task ended or is stopping: max-executions-reached, space-exhausted, "
                + "early-stopping, user-stopped, child-error, first-batch-failed, ...", nullable = true)
        String statusReason,
        @Schema(description = "executions per execution status; every status is present")
        Map<String, Long> statusSummary,
        @Schema(description = "how the task searches; a bayesian_tpe task with maxExecutions <= randomStartup "
                + "(20 by default) is random search, as in Valohai",
                enumeration = {"bayesian", "random", "grid", "manual"})
        String searchMode,
        @Schema(description = "why the task has its search mode")
        String searchModeReason,
        @Schema(description = "executions per suggestion source: random, model, grid and manual are always present; "
                + "unknown counts executions whose suggestion has not been seen yet")
        Map<String, Long> sourceSummary,
        BestExecution best,
        int maxExecutions,
        int batchSize,
        Instant createdAt,
        @Schema(description = "when the task reached its final status (stopped, complete, error)", nullable = true)
        Instant finishedAt,
        TaskSpec spec,
        @Schema(description = "tasks with targets: the non-dominated complete executions, each with executionId,"
                + " its value of every target metric and its parameters", nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<ParetoFront.Member> paretoFront,
        @Schema(description = "tasks with targets: the hypervolume of paretoFront against referencePoint, in the"
                + " metrics' units", nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Double hypervolume,
        @Schema(description = "tasks with targets: the hypervolume reference point, one value per target; the task's"
                + " referencePoint, or derived 10% beyond the worst value of each objective over the complete"
                + " executions (Optuna's rule)", nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Double> referencePoint,
        @Schema(description = "tasks with targets: task (given) or derived", nullable = true,
                enumeration = {"task", "derived"})
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String referencePointSource,
        @Schema(description = "tasks with warmStartFrom, once the optimizer issued their first batch: how many prior"
                + " observations seeded the model in all and per earlier task (kept, dropped, and why a task gave"
                + " nothing); they are not executions of this task (docs/decisions/0034)", nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        io.parzen.events.WarmStartReport warmStart) {

    /** Suggestion sources always listed in {@link #sourceSummary}. */
    public static final List<String> SOURCES = List.of("random", "model", "grid", "manual");

    /** The key of executions whose source is not known yet. */
    public static final String UNKNOWN_SOURCE = "unknown";

    public static TaskView of(TaskEntity t, List<ExecutionEntity> executions) {
        Map<String, Long> summary = new LinkedHashMap<>();
        ExecutionStatus.wireNames().forEach(s -> summary.put(s, 0L));
        Map<String, Long> sources = new LinkedHashMap<>();
        SOURCES.forEach(s -> sources.put(s, 0L));
        for (ExecutionEntity e : executions) {
            summary.merge(e.status, 1L, Long::sum);
            sources.merge(e.source == null || e.source.isBlank() ? UNKNOWN_SOURCE : e.source, 1L, Long::sum);
        }
        TaskSpec spec = t.spec();
        io.parzen.events.WarmStartReport warm = t.warmStart == null ? null
                : Json.read(t.warmStart, io.parzen.events.WarmStartReport.class);
        SearchMode mode = SearchMode.of(spec, warm == null ? 0 : warm.observations());
        // ADR 0033: only feasible executions may be best or on the front
        List<ExecutionEntity> candidates = io.parzen.task.executions.Feasibility.of(spec).candidates(executions);
        ParetoFront front = ParetoFront.of(spec, candidates);
        return new TaskView(t.id, t.name, t.type, t.engine, t.project, t.createdBy, t.stoppedBy, t.status, t.statusReason, summary, mode.mode(),
                mode.reason(), sources, BestExecution.of(spec.target(), candidates), t.maxExecutions, t.batchSize,
                t.createdAt, t.finishedAt, spec, front == null ? null : front.members(),
                front == null ? null : front.hypervolume(), front == null ? null : front.referencePoint(),
                front == null ? null : front.referencePointSource(),
                warm);
    }
}
