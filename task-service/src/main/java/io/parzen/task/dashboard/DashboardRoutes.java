package io.parzen.task.dashboard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Deep links of the dashboard ({@code /dashboard/tasks/{id}}, {@code /dashboard/executions/{id}},
 * {@code /dashboard/blueprints}) are pages of one app: each is answered with the app's
 * {@code index.html}, whose scripts read the path. Everything else under {@code /dashboard/} is a static
 * file of {@code META-INF/resources/dashboard/}.
 */
@Singleton
public class DashboardRoutes {

    /** The pages of the app, as path regular expressions under {@code /dashboard/}. */
    static final String PAGES = "/dashboard/(tasks|executions|blueprints)(/[^/.]*)*/?";

    void install(@Observes Router router) {
        router.getWithRegex(PAGES).order(Integer.MIN_VALUE).handler(ctx -> ctx.reroute("/dashboard/index.html"));
    }
}
