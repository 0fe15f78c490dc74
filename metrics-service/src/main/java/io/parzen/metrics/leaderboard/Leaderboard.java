package io.parzen.metrics.leaderboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A task's executions ranked by the latest value of one metric.
 *
 * @param entries ranked executions first (rank 1 is the best), then executions without a usable
 *                value (never logged the metric, or its latest value is NaN/infinite) with no rank
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A task's executions ranked by the latest value of its target metric")
public record Leaderboard(
        @Schema(example = "3f2b8c1e") String taskId,
        @Schema(description = "Task name from TaskCreated; absent if it was not seen", example = "mlp-bayesian")
        String taskName,
        @Schema(example = "val_accuracy") String metric,
        @Schema(description = "target, maximize or minimize", example = "target") String goal,
        @Schema(description = "Target value when goal is target", example = "1.0") Double targetValue,
        List<Entry> entries) {

    /** One execution on the leaderboard. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LeaderboardEntry")
    public record Entry(
            @Schema(description = "1 = best; absent when the execution has no usable value", example = "1")
            Integer rank,
            @Schema(example = "3f2b8c1e-7") String executionId,
            @Schema(description = "Sequence number of the execution in its task, when known", example = "7")
            Integer seq,
            @Schema(description = "Final status from ExecutionFinished; absent while the execution has not finished",
                    example = "complete") String status,
            @Schema(description = "Latest value of the metric", example = "0.9722") Double value,
            @Schema(description = "|value - target| when goal is target", example = "0.0278") Double distance,
            @Schema(description = "Metadata line (sequence) the value comes from; absent when it comes from "
                    + "ExecutionFinished's latest metrics", example = "20") Integer sequence,
            @Schema(description = "When the value was logged", example = "2026-11-26T23:10:09.871Z") Instant time,
            @Schema(description = "The attempt (run) of the execution the value and status are of: its latest",
                    example = "1") Integer attempt) {

        /** An entry without its attempt (before attempts). */
        public Entry(Integer rank, String executionId, Integer seq, String status, Double value, Double distance,
                Integer sequence, Instant time) {
            this(rank, executionId, seq, status, value, distance, sequence, time, null);
        }
    }
}
