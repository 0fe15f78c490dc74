package io.parzen.task.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** task-service settings, prefix {@code parzen.task}. */
@ConfigMapping(prefix = "parzen.task")
public interface TaskServiceConfig {

    /** Listing tasks. */
    Paging paging();

    /**
     * A stopping task becomes {@code stopped} at the latest when no execution event arrived for it
     * for this long, so that it never hangs on an executor that is gone.
     */
    @WithDefault("60s")
    Duration stoppingTimeout();

    /** How often stopping tasks are checked against {@link #stoppingTimeout()}. */
    @WithDefault("5s")
    String stoppingSweepEvery();

    /** Paging of {@code GET /api/v1/tasks}. */
    interface Paging {
        @WithDefault("20")
        int defaultSize();

        @WithDefault("200")
        int maxSize();
    }
}
