package io.parzen.task.tasks;

import io.parzen.events.vocabulary.TaskStatus;
import io.parzen.auth.AuditedAction;
import io.parzen.auth.Caller;
import io.parzen.auth.CurrentCaller;
import io.parzen.auth.ProjectNames;
import io.parzen.auth.Role;
import io.parzen.events.TaskSpec;
import io.parzen.task.blueprint.Blueprint;
import io.parzen.task.blueprint.BlueprintDocument;
import io.parzen.task.blueprint.BlueprintLimits;
import io.parzen.task.config.TaskServiceConfig;
import io.parzen.task.executions.ExecutionView;
import io.parzen.task.limits.TaskLimits;
import io.parzen.task.validation.ErrorResponse;
import io.parzen.task.validation.FieldError;
import io.parzen.task.validation.TaskValidationException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The task REST API: create, list, read, stop tasks and list their executions. Reads need role
 * viewer, writes role operator; a caller sees only the tasks of its token's projects (an admin: every
 * project), another project's task answers 404. Every write leaves one audit line.
 */
@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "tasks", description = "Hyperparameter optimization tasks")
public class TaskResource {

    @Inject
    TaskService tasks;

    @Inject
    TaskServiceConfig config;

    @Inject
    TaskLimits limits;

    @Inject
    CurrentCaller caller;

    @Inject
    TaskAudit audit;

    @POST
    @Operation(summary = "Create a task", description = "Validates the task, stores it and emits TaskCreated. "
            + "A 400 answer names every wrong field.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TaskRequest.class),
            examples = @ExampleObject(name = "random search", ref = "task-create")))
    @APIResponse(responseCode = "201", description = "Created; the task as GET shows it",
            content = @Content(schema = @Schema(implementation = TaskView.class),
                    examples = {@ExampleObject(name = "task", ref = "task-started"),
                            @ExampleObject(name = "bayesian below the random startup: random search",
                                    ref = "task-bayesian-below-random-startup")}))
    @APIResponse(responseCode = "400", description = "Invalid task",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class),
                    examples = {@ExampleObject(name = "errors", ref = "task-errors"),
                            @ExampleObject(name = "warm start", ref = "task-warm-start-errors")}))
    @RolesAllowed(Role.OPERATOR_NAME)
    @AuditedAction("create")
    public Uni<RestResponse<TaskView>> create(TaskRequest request) {
        Caller who = caller.get();
        return audit.task(who, "create", null, request == null ? null : request.project, () -> {
            if (request == null) {
                return Uni.createFrom().failure(new TaskValidationException(
                        List.of(new FieldError("", null, "a JSON task object is required as the request body"))));
            }
            TaskOwner owner = new TaskOwner(ProjectChoice.of(who, request.project), who.subject());
            return tasks.create(request.toSpec(), request.requestErrors(), owner, who::maySee)
                    .onFailure(TaskValidationException.class)
                    .transform(e -> request.renameAliasErrors((TaskValidationException) e));
        }).map(view -> RestResponse.ResponseBuilder.<TaskView>created(URI.create("/api/v1/tasks/" + view.id()))
                        .entity(view).build());
    }

    @POST
    @Path("from-blueprint")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "Create a task from a valohai.yaml blueprint",
            description = "Reads the task named by `task` (or the only task) and the step it runs, converts them to "
                    + "a task spec, then validates and creates it like POST /api/v1/tasks.")
    @RequestBody(required = true, content = @Content(mediaType = "application/yaml",
            examples = @ExampleObject(name = "grid", ref = "blueprint-grid")))
    @APIResponse(responseCode = "201", description = "Created; the task as GET shows it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", description = "The blueprint has errors (each with line and column), "
            + "or the task it describes is invalid (each error names the field)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "errors",
                    ref = "blueprint-errors")))
    @RolesAllowed(Role.OPERATOR_NAME)
    @AuditedAction("from-blueprint")
    public Uni<RestResponse<TaskView>> createFromBlueprint(
            @Parameter(description = "name of the task in the blueprint; optional when it has only one")
            @QueryParam("task") String task,
            @Parameter(description = "project of the task; optional when the token has one project")
            @QueryParam("project") String project,
            String yaml) {
        Caller who = caller.get();
        return audit.task(who, "from-blueprint", null, project, () -> {
            TaskOwner owner = new TaskOwner(ProjectChoice.of(who, project), who.subject());
            BlueprintDocument document = Blueprint.parse(yaml == null ? "" : yaml, BlueprintLimits.of(limits));
            TaskSpec spec = task == null || task.isBlank() ? document.toTaskSpec() : document.toTaskSpec(task);
            return tasks.create(spec, List.of(), owner, who::maySee);
        }).map(view -> RestResponse.ResponseBuilder.<TaskView>created(URI.create("/api/v1/tasks/" + view.id()))
                        .entity(view).type(MediaType.APPLICATION_JSON_TYPE).build());
    }

    @GET
    @Operation(summary = "List tasks", description = "Newest first, paged; page numbers start at 0; filtered by "
            + "project and status when given.")
    @APIResponse(responseCode = "200", description = "One page of tasks",
            content = @Content(schema = @Schema(implementation = TaskPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid page or size",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<TaskPage> list(
            @Parameter(description = "0-based page number") @QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "page size") @QueryParam("size") Integer size,
            @Parameter(description = "only this project's tasks (one the token may touch)")
            @QueryParam("project") String project,
            @Parameter(description = "only tasks in this status: created, started, stopping, stopped, complete, error")
            @QueryParam("status") String status) {
        int pageSize = size == null ? config.paging().defaultSize() : size;
        List<FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("page", page, "must be >= 0"));
        }
        if (pageSize < 1 || pageSize > config.paging().maxSize()) {
            errors.add(new FieldError("size", pageSize, "must be between 1 and " + config.paging().maxSize()));
        }
        if (project != null && !ProjectNames.isValid(project)) {
            errors.add(new FieldError("project", project, ProjectNames.RULE));
        }
        if (status != null && TaskStatus.find(status).isEmpty()) {
            errors.add(new FieldError("status", status, "must be one of " + String.join(", ", TaskStatus.wireNames())));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new TaskValidationException(errors));
        }
        return tasks.list(page, pageSize, TaskService.projectsToList(caller.get(), project), status);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a task", description = "Status, execution counts per status and per suggestion "
            + "source, the search mode (a bayesian_tpe task with no more executions than its random startup is "
            + "random search), the best execution, the spec.")
    @APIResponse(responseCode = "200", description = "The task",
            content = @Content(schema = @Schema(implementation = TaskView.class),
                    examples = {@ExampleObject(name = "task", ref = "task-started"),
                            @ExampleObject(name = "bayesian below the random startup: random search",
                                    ref = "task-bayesian-below-random-startup"),
                            @ExampleObject(name = "stopping", ref = "task-stopping"),
                            @ExampleObject(name = "warm-started (docs/decisions/0034)", ref = "task-warm-started")}))
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(schema = @Schema(implementation = MessageResponse.class),
                    examples = @ExampleObject(name = "not found", ref = "task-not-found")))
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<TaskView> get(@PathParam("id") String id) {
        return tasks.get(id, caller.get());
    }

    @GET
    @Path("{id}/executions")
    @Operation(summary = "List a task's executions", description = "Ordered by sequence number.")
    @APIResponse(responseCode = "200", description = "The executions",
            content = @Content(examples = @ExampleObject(name = "executions", ref = "executions")))
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<List<ExecutionView>> executions(@PathParam("id") String id) {
        return tasks.executions(id, caller.get());
    }

    @POST
    @Path("{id}/stop")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Stop a task", description = "The task goes to status stopping (reason user-stopped) and "
            + "TaskFinished(stopped, user-stopped) is emitted at once: executors stop its executions and the "
            + "optimizer stops suggesting. Its queued and started executions show stopping until they end. The "
            + "task becomes stopped (finishedAt set) when every known execution has ended, or when no execution "
            + "event arrived for parzen.task.stopping-timeout (60 s by default). Stopping a task that is already "
            + "stopping changes nothing and answers 202 again.")
    @APIResponse(responseCode = "202", description = "Stopping (or stopped, when no execution was still running); "
            + "the task",
            content = @Content(schema = @Schema(implementation = TaskView.class),
                    examples = @ExampleObject(name = "stopping", ref = "task-stopping")))
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "409", description = "The task has already ended",
            content = @Content(schema = @Schema(implementation = MessageResponse.class),
                    examples = @ExampleObject(name = "conflict", ref = "task-conflict")))
    @RolesAllowed(Role.OPERATOR_NAME)
    @AuditedAction("stop")
    public Uni<RestResponse<TaskView>> stop(@PathParam("id") String id) {
        Caller who = caller.get();
        return audit.task(who, "stop", id, null, () -> tasks.stop(id, who))
                .map(view -> RestResponse.status(RestResponse.Status.ACCEPTED, view));
    }
}
