package io.parzen.optimizer.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task's study as the optimizer holds it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Study", description = "A task's study as the optimizer holds it")
public record StudyView(
        String taskId,
        @Schema(description = "The task's project; absent while only its TaskFinished has been seen") String project,
        @Schema(description = "active, finished, invalid or error") String status,
        @Schema(description = "grid_search, random_search, bayesian_tpe or manual_search") String type,
        @Schema(description = "random, grid, manual, optuna, hyperopt, gp, ...") String engine,
        @Schema(description = "The seed every batch's random stream is derived from") Long seed,
        @Schema(description = "Suggestions issued so far") int issued,
        @Schema(description = "The last batch issued (0 before the first)") int batch,
        @Schema(description = "True once the engine had no more points") boolean exhausted,
        String finishedReason,
        String error,
        @Schema(description = "The complete trial with the lowest loss (of a task with constraints: among the feasible ones)") TrialView best,
        List<TrialView> trials,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "A warm-started task's prior observations in all and per earlier task (kept, dropped,"
                + " why a task gave nothing); they are not trials (docs/decisions/0034)")
        io.parzen.events.WarmStartReport warmStart) {

    /** The view without a warm start (the signature before warm start). */
    public StudyView(String taskId, String project, String status, String type, String engine, Long seed, int issued,
            int batch, boolean exhausted, String finishedReason, String error, TrialView best, List<TrialView> trials,
            Instant createdAt, Instant updatedAt) {
        this(taskId, project, status, type, engine, seed, issued, batch, exhausted, finishedReason, error, best, trials,
                createdAt, updatedAt, null);
    }
}
