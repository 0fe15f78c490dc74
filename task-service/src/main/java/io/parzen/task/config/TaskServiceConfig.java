package io.parzen.task.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** task-service settings, prefix {@code parzen.task}. */
@ConfigMapping(prefix = "parzen.task")
public interface TaskServiceConfig {

    /** The outbox publisher. */
    Outbox outbox();

    /** Listing tasks. */
    Paging paging();

    /** Outbox publisher settings. */
    interface Outbox {
        /** How often unsent outbox rows are looked for (also set {@code parzen.task.outbox.every}). */
        @WithDefault("0.2s")
        String every();

        /** At most this many rows are published per round. */
        @WithDefault("200")
        int batch();
    }

    /** Paging of {@code GET /api/v1/tasks}. */
    interface Paging {
        @WithDefault("20")
        int defaultSize();

        @WithDefault("200")
        int maxSize();
    }
}
