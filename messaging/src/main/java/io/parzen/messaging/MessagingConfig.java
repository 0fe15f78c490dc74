package io.parzen.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the messaging kit, under {@code parzen.messaging}. */
@ConfigMapping(prefix = "parzen.messaging")
public interface MessagingConfig {

    /** CloudEvents {@code ce_source} of everything this service publishes. */
    @WithDefault("/parzen/${quarkus.application.name}")
    String source();

    Outbox outbox();

    Inbound inbound();

    Observability observability();

    interface Outbox {

        /**
         * Whether this service has an outbox (build time: when false the publisher beans are left out,
         * e.g. for a service that only consumes).
         */
        @WithDefault("true")
        boolean enabled();

        /** The fallback poll: a round every this long, besides the one right after each commit. */
        @WithDefault("2s")
        Duration pollInterval();

        /** Rows sent per round (and keys claimed per round). */
        @WithDefault("100")
        int batchSize();

        /** Sent rows older than this are deleted. */
        @WithDefault("P7D")
        Duration retention();

        /** How often sent rows past the retention are deleted. */
        @WithDefault("1h")
        Duration purgeInterval();

        /**
         * Whether the publisher listens for the commit notifications of the writers ({@code LISTEN}).
         * Without them only the poll publishes.
         */
        @WithDefault("true")
        boolean listen();
    }

    interface Inbound {

        /** Attempts for an event whose handling failed transiently, before it goes to the dead-letter topic. */
        @WithDefault("15")
        long retryAttempts();

        /** Pause before the first retry; it doubles up to {@link #retryMaxBackoff()}. */
        @WithDefault("1s")
        Duration retryFirstBackoff();

        @WithDefault("30s")
        Duration retryMaxBackoff();
    }

    /** The metrics (docs/operations.md). */
    interface Observability {

        /** How often the gauges counted from the database and the consumer lag are refreshed. */
        @WithDefault("10s")
        Duration refresh();

        /** The {@code environment} label of finished executions whose event carries none. */
        @WithDefault("local")
        String environment();
    }
}
