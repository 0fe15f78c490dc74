package io.parzen.executor.execution;

import io.parzen.auth.AuditEntry;
import io.parzen.auth.AuditLog;
import io.parzen.auth.AuditedAction;
import io.parzen.auth.Caller;
import io.parzen.auth.CurrentCaller;
import io.parzen.auth.Role;
import io.parzen.executor.logs.LogChunk;
import io.parzen.executor.process.ExecutionScheduler;
import io.parzen.executor.outputs.OutputFiles;
import io.parzen.executor.process.Workspace;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The executions this executor ran or runs: details, logs, output files, stop. Reads need role viewer, a stop role
 * operator (audited as {@code stop-execution}); an execution of a project the token may not touch is
 * not found (and left out of lists).
 */
@Path("/api/v1/executions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "executions", description = "Executions run by this executor")
public class ExecutionResource {

    @Inject
    ExecutionService executions;

    @Inject
    ExecutionScheduler scheduler;

    @Inject
    Workspace workspace;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @GET
    @Operation(summary = "List the executions of a task")
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<List<ExecutionView>> list(
            @Parameter(description = "task id", required = true) @QueryParam("taskId") String taskId) {
        if (taskId == null || taskId.isBlank()) {
            throw new jakarta.ws.rs.BadRequestException("query parameter taskId is required");
        }
        Caller who = caller.get();
        return executions.listByTask(taskId)
                .map(list -> list.stream().filter(e -> who.maySee(e.project)).map(this::view).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An execution: status, argv, working directory, exit code, file paths, latest metadata")
    @APIResponse(responseCode = "200", description = "the execution")
    @APIResponse(responseCode = "404", description = "unknown execution")
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<ExecutionView> get(@PathParam("id") String id) {
        return found(id).map(this::view);
    }

    @GET
    @Path("{id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The execution's log (stdout and stderr); empty until the process starts",
            description = "The current attempt's log; attempt=N: an earlier attempt's. Without offset: the whole log. With offset=N: the log's bytes from byte N on (at most "
                    + "1 MiB) and the header X-Log-Next-Offset, the offset to ask for next; an offset at or past the "
                    + "end answers no bytes and the same offset. To follow a running execution, ask again with "
                    + "X-Log-Next-Offset every few seconds until the execution has ended and no bytes come.")
    @APIResponse(responseCode = "200", description = "the log as text",
            headers = @Header(name = LOG_NEXT_OFFSET, description = "with offset: the offset of the first byte "
                    + "not returned", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", description = "offset is negative, or attempt is below 1")
    @APIResponse(responseCode = "404", description = "unknown execution, or it has no such attempt")
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<RestResponse<Object>> log(@PathParam("id") String id,
            @Parameter(description = "byte offset to read from (0 = the start); omit for the whole log")
            @QueryParam("offset") Long offset,
            @Parameter(description = ATTEMPT_PARAMETER) @QueryParam("attempt") Integer attempt) {
        if (offset != null && offset < 0) {
            throw new jakarta.ws.rs.BadRequestException("query parameter offset must be a byte offset >= 0, got "
                    + offset);
        }
        checkAttempt(attempt);
        if (offset == null) {
            return found(id).map(e -> {
                java.nio.file.Path file = workspace.logFile(e.taskId, e.id, attemptOf(e, attempt));
                if (!Files.isRegularFile(file)) {
                    return RestResponse.ok((Object) "");
                }
                return RestResponse.ok((Object) file);
            });
        }
        return found(id).emitOn(Infrastructure.getDefaultWorkerPool()).map(e -> {
            LogChunk chunk;
            try {
                chunk = LogChunk.read(workspace.logFile(e.taskId, e.id, attemptOf(e, attempt)), offset,
                        LogChunk.MAX_BYTES);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return RestResponse.ResponseBuilder.ok((Object) chunk.bytes(), MediaType.TEXT_PLAIN_TYPE
                            .withCharset("UTF-8"))
                    .header(LOG_NEXT_OFFSET, Long.toString(chunk.nextOffset())).build();
        });
    }

    /** The response header that gives the offset to read a log from next. */
    public static final String LOG_NEXT_OFFSET = "X-Log-Next-Offset";

    static final String ATTEMPT_PARAMETER = "which attempt (1, 2, ... up to the execution's attempt); omit for the "
            + "current (latest) one. Every attempt keeps its own log and outputs";

    private static void checkAttempt(Integer attempt) {
        if (attempt != null && attempt < 1) {
            throw new jakarta.ws.rs.BadRequestException("query parameter attempt must be an attempt number >= 1, got "
                    + attempt);
        }
    }

    /** The asked attempt, or the current one; an attempt the execution has not had is not found. */
    private static int attemptOf(Execution e, Integer asked) {
        if (asked == null) {
            return e.attempt();
        }
        if (asked > e.attempt()) {
            throw new NotFoundException("execution " + e.id + " has no attempt " + asked + " (its attempts are 1 to "
                    + e.attempt() + ")");
        }
        return asked;
    }

    @GET
    @Path("{id}/outputs")
    @Operation(summary = "The files the execution wrote to $VH_OUTPUTS_DIR: path (relative, '/'-separated) and size")
    @APIResponse(responseCode = "200", description = "the output files, sorted by path; empty if none")
    @APIResponse(responseCode = "400", description = "attempt is below 1")
    @APIResponse(responseCode = "404", description = "unknown execution, or it has no such attempt")
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<List<OutputFiles.OutputFile>> outputs(@PathParam("id") String id,
            @Parameter(description = ATTEMPT_PARAMETER) @QueryParam("attempt") Integer attempt) {
        checkAttempt(attempt);
        return found(id).emitOn(Infrastructure.getDefaultWorkerPool()).map(e -> {
            try {
                return OutputFiles.list(workspace.outputsDirectory(e.taskId, e.id, attemptOf(e, attempt)));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    @GET
    @Path("{id}/outputs/{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download one output file; the path is relative to $VH_OUTPUTS_DIR and cannot leave it")
    @APIResponse(responseCode = "200", description = "the file's content")
    @APIResponse(responseCode = "400", description = "attempt is below 1")
    @APIResponse(responseCode = "404", description = "unknown execution or attempt, or no such file in its outputs")
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<RestResponse<Object>> output(@PathParam("id") String id, @PathParam("path") String path,
            @Parameter(description = ATTEMPT_PARAMETER) @QueryParam("attempt") Integer attempt) {
        checkAttempt(attempt);
        return found(id).emitOn(Infrastructure.getDefaultWorkerPool()).map(e -> {
            int which = attemptOf(e, attempt);
            java.nio.file.Path file;
            try {
                file = OutputFiles.resolve(workspace.outputsDirectory(e.taskId, e.id, which), path);
            } catch (IOException ex) {
                file = null;
            }
            if (file == null) {
                throw new NotFoundException("execution " + id + " has no output file '" + path + "'");
            }
            return RestResponse.ResponseBuilder.ok((Object) file.toFile())
                    .header("Content-Disposition", "attachment; filename=\"" + file.getFileName().toString()
                            .replaceAll("[^A-Za-z0-9._-]", "_") + "\"").build();
        });
    }

    @POST
    @Path("{id}/stop")
    @Operation(summary = "Stop an execution: a queued one is dropped, a running one gets SIGTERM, then SIGKILL")
    @APIResponse(responseCode = "202", description = "stop accepted; the execution ends as stopped (when another "
            + "executor instance holds it, that instance stops it within its stop-sweep interval)")
    @APIResponse(responseCode = "404", description = "unknown execution")
    @APIResponse(responseCode = "409", description = "the execution has already finished")
    @RolesAllowed(Role.OPERATOR_NAME)
    @AuditedAction(value = STOP_ACTION, idIsExecution = true)
    public Uni<RestResponse<ExecutionView>> stop(@PathParam("id") String id) {
        Caller who = caller.get();
        return found(id).chain(e -> scheduler.stop(id, ExecutionStatus.REASON_STOPPED_BY_USER)
                .chain(outcome -> executions.find(id).map(updated -> {
                    ExecutionView view = view(updated);
                    boolean conflict = outcome == ExecutionScheduler.StopOutcome.NOT_ACTIVE;
                    audit.record(new AuditEntry(who.subject(), e.project, STOP_ACTION, e.taskId,
                            conflict ? AuditEntry.CONFLICT : AuditEntry.OK,
                            conflict ? "execution " + id + " has already finished (" + view.status() + ")" : null));
                    return conflict
                            ? RestResponse.status(RestResponse.Status.CONFLICT, view)
                            : RestResponse.status(RestResponse.Status.ACCEPTED, view);
                })))
                .onFailure(NotFoundException.class).invoke(nf -> audit.record(new AuditEntry(who.subject(), null,
                        STOP_ACTION, null, AuditEntry.NOT_FOUND, nf.getMessage())));
    }

    /** The audit action of a stop. */
    static final String STOP_ACTION = "stop-execution";

    /** The execution, if the caller may see its project; else (or unknown) {@link NotFoundException}. */
    private Uni<Execution> found(String id) {
        Caller who = caller.get();
        return executions.find(id).map(e -> e != null && who.maySee(e.project) ? e : null).onItem().ifNull()
                .failWith(() -> new NotFoundException("no execution " + id));
    }

    private ExecutionView view(Execution e) {
        String live = ExecutionStatus.isFinal(e.status) ? null : scheduler.liveStatus(e.id);
        java.nio.file.Path dir = workspace.executionDirectory(e.taskId, e.id, e.attempt());
        return new ExecutionView(e.id, e.taskId, e.project, e.seq, e.batch, e.source, live != null ? live : e.status, e.reason,
                e.exitCode, e.command, e.parameters(), e.argv(), e.requestedWorkingDirectory, e.workingDirectory,
                e.executionDirectory != null ? e.executionDirectory : dir.toString(),
                dir.resolve(Workspace.LOG_FILE).toString(),
                dir.resolve(Workspace.CONFIG_DIR).resolve(Workspace.PARAMETERS_FILE).toString(),
                dir.resolve(Workspace.OUTPUTS_DIR).toString(),
                e.timeLimitSeconds, e.executor, e.pid, e.metricCount, e.metrics(), e.receivedAt, e.startedAt,
                e.finishedAt, e.commands(), e.inputs().isEmpty() ? null : e.inputs(), e.attempt(), e.statusReason);
    }
}
