package io.parzen.metrics.leaderboard;

import io.parzen.metrics.ApiError;
import io.parzen.auth.CurrentCaller;
import io.parzen.auth.Role;
import io.parzen.metrics.task.TaskAccess;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Leaderboards: a task's executions ranked by its optimization target. */
@Path("/api/v1/tasks/{taskId}/leaderboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "leaderboards", description = "Executions ranked by a task's target metric")
public class LeaderboardResource {

    static final String EXAMPLE = """
            {
              "taskId": "3f2b8c1e",
              "taskName": "mlp-bayesian",
              "metric": "val_accuracy",
              "goal": "target",
              "targetValue": 1.0,
              "entries": [
                {"rank": 1, "executionId": "3f2b8c1e-7", "seq": 7, "status": "complete", "value": 0.9722,
                 "distance": 0.0278, "sequence": 20, "time": "2026-11-26T23:10:09.871Z"},
                {"rank": 2, "executionId": "3f2b8c1e-2", "seq": 2, "status": "complete", "value": 0.9444,
                 "distance": 0.0556, "sequence": 20, "time": "2026-11-26T23:10:04.112Z"},
                {"rank": 3, "executionId": "3f2b8c1e-9", "seq": 9, "value": 0.71,
                 "distance": 0.29, "sequence": 4, "time": "2026-11-26T23:10:11.003Z"},
                {"executionId": "3f2b8c1e-4", "seq": 4, "status": "error"}
              ]
            }""";

    private final LeaderboardService service;
    private final TaskAccess access;
    private final CurrentCaller caller;

    public LeaderboardResource(LeaderboardService service, TaskAccess access, CurrentCaller caller) {
        this.service = service;
        this.access = access;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "A task's executions ranked by the latest value of its target metric",
            description = "By default ranks by the task's optimization target from TaskCreated: closest to the target "
                    + "value first, or largest/smallest first for a maximize/minimize direction. The query parameters "
                    + "rank by another key or goal. Executions without a usable value (never logged the key, or NaN) "
                    + "come last, without a rank. Unfinished executions have no status.")
    @APIResponse(responseCode = "200", description = "The leaderboard",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Leaderboard.class),
                    examples = @ExampleObject(name = "target 1.0 on val_accuracy", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Inconsistent parameters (e.g. goal=target without a target value)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class),
                    examples = @ExampleObject(name = "no target", value = "{\"status\": 400, \"message\": \"goal target needs a target value; pass ?target=\"}")))
    @APIResponse(responseCode = "404", description = "No metric given and the task is unknown (no TaskCreated seen)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class),
                    examples = @ExampleObject(name = "unknown task", value = "{\"status\": 404, \"message\": \"task 3f2b8c1e is unknown to metrics-service (no TaskCreated seen); pass ?metric= to rank its executions by a key\"}")))
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<Leaderboard> leaderboard(
            @Parameter(description = "Task id", example = "3f2b8c1e") @RestPath String taskId,
            @Parameter(description = "Rank by this metadata key instead of the task's target metric", example = "loss")
            @RestQuery String metric,
            @Parameter(description = "target, maximize or minimize; default: the task's (maximize for another key)",
                    example = "minimize") @RestQuery String goal,
            @Parameter(description = "Target value (implies goal=target)", example = "0.95") @RestQuery Double target) {
        return access.check(caller.get(), taskId).chain(() -> service.leaderboard(taskId, metric, goal, target));
    }
}
