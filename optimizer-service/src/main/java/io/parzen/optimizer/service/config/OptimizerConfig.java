package io.parzen.optimizer.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of optimizer-service, under {@code parzen.optimizer}. */
@ConfigMapping(prefix = "parzen.optimizer")
public interface OptimizerConfig {

    /** The CloudEvents {@code ce_source} of every record this service produces. */
    @WithDefault("/parzen/optimizer-service")
    String source();

    /** The transactional outbox. */
    Outbox outbox();

    interface Outbox {

        /** How many unsent rows the publisher reads and sends per round. */
        @WithDefault("100")
        int batchSize();

        /**
         * How often the publisher looks for unsent rows on its own, in addition to the immediate
         * publication after each state change (covers a broker outage or a crash before sending).
         */
        @WithDefault("2s")
        Duration pollInterval();

        /** How long sent rows are kept (for inspection) before they are purged. */
        @WithDefault("P7D")
        Duration retention();
    }
}
