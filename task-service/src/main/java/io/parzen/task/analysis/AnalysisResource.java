package io.parzen.task.analysis;

import io.parzen.auth.CurrentCaller;
import io.parzen.auth.Role;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TaskSpec;
import io.parzen.task.tasks.MessageResponse;
import io.parzen.task.validation.ErrorResponse;
import io.parzen.task.validation.FieldError;
import io.parzen.task.validation.TaskValidationException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The data behind the dashboard's plots, for notebooks too: optimization history, parameter importance,
 * slices, and the changes of a task since a cursor (what the dashboard polls every 2 s, see
 * docs/decisions/0017-dashboard-data-and-live-updates.md). Role viewer; another project's task is not
 * found, as for {@code GET /api/v1/tasks/{id}}.
 */
@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "task analysis", description = "The data behind the dashboard's plots")
public class AnalysisResource {

    static final String HISTORY_EXAMPLE = """
            {"taskId": "3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11", "metric": "val_accuracy", "direction": "maximize",
             "targetValue": null,
             "points": [
               {"seq": 1, "executionId": "3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11-1", "status": "complete",
                "source": "random", "value": 0.81, "bestSoFar": 0.81},
               {"seq": 2, "executionId": "3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11-2", "status": "error",
                "source": "random", "value": null, "bestSoFar": 0.81},
               {"seq": 3, "executionId": "3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11-3", "status": "complete",
                "source": "model", "value": 0.93, "bestSoFar": 0.93}]}
            """;

    static final String IMPORTANCE_EXAMPLE = """
            {"taskId": "3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11", "method": "PED-ANOVA", "metric": "val_accuracy",
             "observations": 48, "targetQuantile": 0.1, "regionQuantile": 1.0,
             "parameters": [{"name": "learning_rate", "importance": 0.71}, {"name": "dropout", "importance": 0.2},
                            {"name": "activation", "importance": 0.09}],
             "reason": null}
            """;

    static final String TOO_FEW_EXAMPLE = """
            {"taskId": "3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11", "method": "PED-ANOVA", "metric": "val_accuracy",
             "observations": 2, "targetQuantile": 0.1, "regionQuantile": 1.0, "parameters": [],
             "reason": "PED-ANOVA needs at least 3 completed executions with the metric and every parameter; there are 2"}
            """;

    static final String SLICES_EXAMPLE = """
            {"taskId": "3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11", "metric": "val_accuracy",
             "parameters": [
               {"name": "learning_rate", "kind": "numeric", "log": true,
                "points": [{"x": 0.0012, "value": 0.81, "seq": 1, "executionId": "3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11-1"}]},
               {"name": "activation", "kind": "categorical", "log": false,
                "points": [{"x": "relu", "value": 0.81, "seq": 1, "executionId": "3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11-1"}]}]}
            """;

    static final String CHANGES_EXAMPLE = """
            {"cursor": "17",
             "task": {"id": "3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11", "name": "mlp-search", "status": "started",
                      "statusSummary": {"created": 0, "queued": 3, "started": 2, "stopping": 0, "stopped": 0,
                                        "complete": 5, "error": 0, "crashed": 0}, "...": "as GET /api/v1/tasks/{id}"},
             "executions": [{"id": "3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11-6", "seq": 6, "batch": 2, "source": "model",
                             "parameters": {"learning_rate": 0.0031}, "status": "started",
                             "metrics": {"val_accuracy": 0.74, "epoch": 3}, "exitCode": null, "statusReason": null,
                             "startedAt": "2026-11-26T23:01:01Z", "finishedAt": null}]}
            """;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("{id}/history")
    @Operation(summary = "Optimization history", description = "Every execution in sequence order with its "
            + "suggestion source (random or model-guided, grid, manual), its latest value of the target metric "
            + "(null when it has none) and the best value of the completed executions so far (the best as for "
            + "the task's best execution: highest, lowest, or closest to the target value).")
    @APIResponse(responseCode = "200", description = "The history",
            content = @Content(schema = @Schema(implementation = History.class),
                    examples = @ExampleObject(name = "history", value = HISTORY_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<History> history(@PathParam("id") String id) {
        return TaskData.load(id, caller.get())
                .map(d -> History.of(id, Objective.of(d.task().spec().target()), d.executions(),
                        io.parzen.task.executions.Feasibility.of(d.task().spec())));
    }

    @GET
    @Path("{id}/importance")
    @Operation(summary = "Parameter importance (PED-ANOVA)", description = "How much each parameter mattered for "
            + "reaching the top 10 % of the completed executions, by PED-ANOVA as Optuna computes it (its default "
            + "importance evaluator): targetQuantile 0.1, regionQuantile 1.0 (all executions), Scott's-rule Parzen "
            + "estimators on a 50-cell grid, categorical parameters by counts. The importances sum to 1; a "
            + "parameter with one possible value has 0. With fewer than 3 completed executions that have the "
            + "metric, parameters is empty and reason says why.")
    @APIResponse(responseCode = "200", description = "The importances, highest first",
            content = @Content(schema = @Schema(implementation = ImportanceView.class),
                    examples = {@ExampleObject(name = "importance", value = IMPORTANCE_EXAMPLE),
                            @ExampleObject(name = "too few executions", value = TOO_FEW_EXAMPLE)}))
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<ImportanceView> importance(@PathParam("id") String id) {
        return TaskData.load(id, caller.get()).map(d -> {
            TaskSpec spec = d.task().spec();
            return ImportanceView.of(id, Objective.of(spec.target()), parameters(spec), d.executions());
        });
    }

    @GET
    @Path("{id}/slices")
    @Operation(summary = "Slice plots", description = "Per parameter of the task's search space: whether it is "
            + "numeric or categorical and searched on a log scale, and each completed execution's value of it "
            + "against its result (the target metric).")
    @APIResponse(responseCode = "200", description = "The slices",
            content = @Content(schema = @Schema(implementation = Slices.class),
                    examples = @ExampleObject(name = "slices", value = SLICES_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<Slices> slices(@PathParam("id") String id) {
        return TaskData.load(id, caller.get()).map(d -> {
            TaskSpec spec = d.task().spec();
            return Slices.of(id, Objective.of(spec.target()), parameters(spec), d.executions());
        });
    }

    @GET
    @Path("{id}/changes")
    @Operation(summary = "What changed since a cursor", description = "The task (as GET /api/v1/tasks/{id} shows "
            + "it) and the executions that changed after the cursor; without since, every execution. Answer "
            + "cursor is to be passed as since next time: a client polls this (the dashboard every 2 s) and "
            + "replaces executions by id. Cursors are opaque.")
    @APIResponse(responseCode = "200", description = "The task and its changed executions",
            content = @Content(schema = @Schema(implementation = Changes.class),
                    examples = @ExampleObject(name = "changes", value = CHANGES_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "since is not a cursor this service gave",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<Changes> changes(@PathParam("id") String id,
            @Parameter(description = "the cursor of an earlier answer; omit for everything")
            @QueryParam("since") String since) {
        Long version = since == null ? null : Changes.parse(since);
        if (since != null && version == null) {
            return Uni.createFrom().failure(new TaskValidationException(List.of(new FieldError("since", since,
                    "must be the cursor of an earlier answer (digits only); omit since to get everything"))));
        }
        return TaskData.load(id, caller.get()).map(d -> Changes.of(d, version));
    }

    private static List<ParameterSpec> parameters(TaskSpec spec) {
        return spec.parameters() == null ? List.of() : spec.parameters();
    }
}
