package io.parzen.task.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the dashboard (served by task-service at {@code /dashboard/}) finds the other services, prefix
 * {@code parzen.dashboard}. A URL may contain {@code {host}}: the browser puts in the host name it
 * used to open the dashboard, so that the default works for {@code 127.0.0.1}, {@code localhost} and
 * an address given to {@code ./parzen up --host} alike.
 */
@ConfigMapping(prefix = "parzen.dashboard")
public interface DashboardConfig {

    /** Base URL of metrics-service's REST API (without {@code /api/v1}); default {@code http://{host}:}{@link #metricsPort()}. */
    Optional<String> metricsUrl();

    /** metrics-service's port on the dashboard's host, when {@link #metricsUrl()} is not given. */
    @WithDefault("8084")
    int metricsPort();

    /** Base URL of executor-service's REST API (without {@code /api/v1}); default {@code http://{host}:}{@link #executorPort()}. */
    Optional<String> executorUrl();

    /** executor-service's port on the dashboard's host, when {@link #executorUrl()} is not given. */
    @WithDefault("8083")
    int executorPort();

    /** How often an open page asks for changes while its task runs (ADR 0017: polling with a cursor). */
    @WithDefault("2s")
    Duration pollInterval();
}
