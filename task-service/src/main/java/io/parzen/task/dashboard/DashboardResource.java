package io.parzen.task.dashboard;

import io.parzen.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the dashboard's scripts need to know besides task-service's own API: the other services'
 * URLs and the polling interval. The static files need no token; this, like every API call, does.
 */
@Path("/dashboard/config.json")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard", description = "The browser dashboard served at /dashboard/")
public class DashboardResource {

    /**
     * @param metricsUrl metrics-service's base URL; {@code {host}} stands for the host the browser used
     * @param executorUrl executor-service's base URL; {@code {host}} as above
     * @param pollMillis how often a page of a running task asks {@code /changes}
     */
    public record Settings(String metricsUrl, String executorUrl, long pollMillis) {
    }

    /** The default URLs: the browser replaces {@code {host}} with the host name it opened the dashboard with. */
    static final String HOST = "http://{host}:";

    @Inject
    DashboardConfig config;

    @GET
    @Operation(summary = "The dashboard's settings: where metrics-service and executor-service are, how often to poll")
    @RolesAllowed(Role.VIEWER_NAME)
    public Settings settings() {
        return new Settings(config.metricsUrl().orElse(HOST + config.metricsPort()),
                config.executorUrl().orElse(HOST + config.executorPort()), config.pollInterval().toMillis());
    }
}
