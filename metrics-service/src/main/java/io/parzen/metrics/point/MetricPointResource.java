package io.parzen.metrics.point;

import io.parzen.auth.Caller;
import io.parzen.auth.CurrentCaller;
import io.parzen.auth.Role;
import io.parzen.metrics.task.TaskAccess;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The metric time series of executions and tasks.
 *
 * <p>An id with no stored points gives an empty list, not 404: metrics-service only learns about an
 * execution from its metadata, so it cannot tell "unknown" from "has not logged anything yet".
 *
 * <p>Role viewer. A task of a project the token may not touch answers 404; for anyone but an admin so
 * does a task whose {@code TaskCreated} metrics-service has not seen (its project is not known).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "metrics", description = "Metadata time series of executions and tasks")
public class MetricPointResource {

    static final String EXAMPLE = """
            [
              {"executionId": "3f2b8c1e-1", "sequence": 1, "time": "2026-11-26T23:10:01.004Z", "key": "epoch", "value": 1.0},
              {"executionId": "3f2b8c1e-1", "sequence": 1, "time": "2026-11-26T23:10:01.004Z", "key": "loss", "value": 0.81},
              {"executionId": "3f2b8c1e-1", "sequence": 1, "time": "2026-11-26T23:10:01.004Z", "key": "val_accuracy", "value": 0.74},
              {"executionId": "3f2b8c1e-1", "sequence": 2, "time": "2026-11-26T23:10:01.530Z", "key": "epoch", "value": 2.0},
              {"executionId": "3f2b8c1e-1", "sequence": 2, "time": "2026-11-26T23:10:01.530Z", "key": "loss", "value": 0.42},
              {"executionId": "3f2b8c1e-1", "sequence": 2, "time": "2026-11-26T23:10:01.530Z", "key": "phase", "text": "train"},
              {"executionId": "3f2b8c1e-1", "sequence": 2, "time": "2026-11-26T23:10:01.530Z", "key": "val_accuracy", "value": 0.91}
            ]""";

    private final MetricPointService service;
    private final TaskAccess access;
    private final CurrentCaller caller;

    public MetricPointResource(MetricPointService service, TaskAccess access, CurrentCaller caller) {
        this.service = service;
        this.access = access;
        this.caller = caller;
    }

    @GET
    @Path("/executions/{executionId}/metrics")
    @Operation(summary = "Every metric point of an execution",
            description = "The points of the execution's latest attempt (an execution Parzen lost is run again "
                    + "as a new attempt; each attempt's points are kept), or of the attempt given by ?attempt=N. "
                    + "Ordered by sequence, then key. An execution that has not logged anything yet "
                    + "(or is unknown, or has no such attempt) gives an empty list.")
    @APIResponse(responseCode = "200", description = "The points, possibly none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = MetricPointView.class),
                    examples = @ExampleObject(name = "two epochs", value = EXAMPLE)))
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<List<MetricPointView>> ofExecution(
            @Parameter(description = "Execution id", example = "3f2b8c1e-1") @RestPath String executionId,
            @Parameter(description = "Only these keys (repeatable)", example = "val_accuracy") @RestQuery List<String> key,
            @Parameter(description = "Which attempt (1, 2, ...); omit for the latest", example = "1")
            @RestQuery Integer attempt) {
        if (attempt != null && attempt < 1) {
            throw new jakarta.ws.rs.BadRequestException("attempt must be an attempt number >= 1, was " + attempt);
        }
        Caller who = caller.get();
        return service.ofExecution(executionId, key, attempt).chain(points -> points.isEmpty()
                ? Uni.createFrom().item(points)
                : access.check(who, points.get(0).taskId).replaceWith(points))
                .map(points -> points.stream().map(MetricPointView::of).toList());
    }

    @GET
    @Path("/tasks/{taskId}/metrics")
    @Operation(summary = "Every metric point of every execution of a task",
            description = "Each execution's latest attempt. Ordered by execution (natural order of the ids: "
                    + "task-2 before task-10), then sequence, then key. A task with no points (or an unknown one) gives an empty list.")
    @APIResponse(responseCode = "200", description = "The points, possibly none",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = MetricPointView.class),
                    examples = @ExampleObject(name = "one execution, two epochs", value = EXAMPLE)))
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<List<MetricPointView>> ofTask(
            @Parameter(description = "Task id", example = "3f2b8c1e") @RestPath String taskId,
            @Parameter(description = "Only these keys (repeatable)", example = "val_accuracy") @RestQuery List<String> key) {
        return access.check(caller.get(), taskId).chain(() -> service.ofTask(taskId, key))
                .map(points -> points.stream().map(MetricPointView::of).toList());
    }
}
