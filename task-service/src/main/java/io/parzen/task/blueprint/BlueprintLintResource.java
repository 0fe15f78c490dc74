package io.parzen.task.blueprint;

import io.parzen.auth.AuditEntry;
import io.parzen.auth.AuditLog;
import io.parzen.auth.AuditedAction;
import io.parzen.auth.CurrentCaller;
import io.parzen.auth.Role;
import io.parzen.task.limits.TaskLimits;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Checks valohai.yaml blueprints without creating anything; role operator, audited as {@code lint}
 * (one line, outcome {@code ok}: a lint always answers). The examples are in
 * {@code META-INF/openapi.yaml}.
 */
@Path("/api/v1/blueprints")
@Tag(name = "blueprints", description = "valohai.yaml task blueprints")
public class BlueprintLintResource {

    @Inject
    TaskLimits limits;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @POST
    @Path("lint")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Lint a valohai.yaml", description = "The steps and tasks found, with every error and "
            + "warning (line, column, message). Always 200: `valid` says whether there is any error.")
    @RequestBody(required = true, content = @Content(mediaType = "application/yaml",
            examples = @ExampleObject(name = "blueprint", ref = "blueprint-grid")))
    @APIResponse(responseCode = "200", description = "The lint report",
            content = @Content(schema = @Schema(implementation = LintReport.class),
                    examples = @ExampleObject(name = "report", ref = "lint-report")))
    @RolesAllowed(Role.OPERATOR_NAME)
    @AuditedAction("lint")
    public LintReport lint(String yaml) {
        LintReport report = Blueprint.lint(yaml == null ? "" : yaml, BlueprintLimits.of(limits));
        audit.record(new AuditEntry(caller.get().subject(), null, "lint", null, AuditEntry.OK, null));
        return report;
    }
}
