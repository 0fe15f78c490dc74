package io.parzen.optimizer.service.api;

import io.parzen.auth.Caller;
import io.parzen.auth.CurrentCaller;
import io.parzen.auth.Role;
import io.parzen.optimizer.service.study.StudyEntity;
import io.parzen.optimizer.service.study.StudyService;
import io.parzen.optimizer.service.study.TrialEntity;
import io.parzen.optimizer.study.TrialState;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Read-only view of the optimizer's studies, for debugging and dashboards. Role viewer; a study of a
 * project the token may not touch answers 404.
 */
@Path("/api/v1/studies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "studies", description = "The optimizer's view of each task")
public class StudyResource {

    private final StudyService studies;
    private final CurrentCaller caller;

    public StudyResource(StudyService studies, CurrentCaller caller) {
        this.studies = studies;
        this.caller = caller;
    }

    @GET
    @Path("/{taskId}")
    @Operation(summary = "A task's study: status, engine, every trial and the best one")
    @APIResponse(responseCode = "200", description = "The study",
            content = @Content(schema = @Schema(implementation = StudyView.class)))
    @APIResponse(responseCode = "404", description = "The optimizer has no study for this task, or the task is in a "
            + "project the token may not touch")
    @RolesAllowed(Role.VIEWER_NAME)
    public Uni<RestResponse<StudyView>> get(@PathParam("taskId") String taskId) {
        Caller who = caller.get();
        return studies.find(taskId).map(found -> found
                .filter(s -> who.maySee(s.study().project))
                .map(s -> RestResponse.ok(view(s.study(), s.trials())))
                .orElseGet(RestResponse::notFound));
    }

    static StudyView view(StudyEntity study, List<TrialEntity> trials) {
        List<TrialView> views = trials.stream().map(StudyResource::view).toList();
        TrialView best = trials.stream()
                .filter(t -> t.state == TrialState.COMPLETE && t.loss != null && feasible(t) != Boolean.FALSE)
                .min(Comparator.comparingDouble((TrialEntity t) -> t.loss).thenComparingInt(t -> t.seq))
                .map(StudyResource::view)
                .orElse(null);
        return new StudyView(study.taskId, study.project, lower(study.status), study.type, study.engine,
                study.type == null ? null : study.seed, study.issued(), study.currentBatch, study.exhausted,
                study.finishedReason, study.lastError, best, views, study.createdAt, study.updatedAt,
                io.parzen.optimizer.service.study.WarmStarts.report(study));
    }

    static TrialView view(TrialEntity t) {
        double[] c = StudyService.constraintValues(t);
        return new TrialView(t.executionId, t.seq, t.batch, StudyService.point(t), t.source, lower(t.state), t.loss,
                t.metricValue, t.executionStatus, t.attemptOrFirst(), StudyService.losses(t),
                c == null ? null : java.util.Arrays.stream(c).mapToObj(v -> Double.isFinite(v) ? v : null).toList(),
                feasible(t));
    }

    /** Whether a trial of a task with constraints met them all (ADR 0033); null without constraint values. */
    static Boolean feasible(TrialEntity t) {
        double[] c = StudyService.constraintValues(t);
        return c == null ? null : new io.parzen.optimizer.study.Trial(t.seq, java.util.Map.of(), t.state, t.loss,
                null, null, c).feasible();
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
