package io.parzen.task.watchdog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import java.time.Duration;
import java.util.Map;

/**
 * The watchdog's timeouts per environment: {@code parzen.environments."NAME".start-timeout} and
 * {@code parzen.environments."NAME".heartbeat-timeout}; an environment not named gets the defaults.
 */
@ConfigMapping(prefix = "parzen")
public interface EnvironmentsConfig {

    /** Timeouts by environment name. */
    @WithDefaults
    Map<String, Timeouts> environments();

    /** How often the watchdog looks for executions past their deadline. */
    @WithDefault("5s")
    Duration watchdogEvery();

    /** The timeouts of one environment. */
    interface Timeouts {

        /** An execution neither started nor heartbeated this long after its request becomes crashed (not-started). */
        @WithDefault("PT10M")
        Duration startTimeout();

        /**
         * A started or heartbeated execution silent this long becomes crashed (heartbeat-lost). Longer than
         * a broker or database outage the system should ride out (60 s) plus a few heartbeat intervals.
         */
        @WithDefault("PT5M")
        Duration heartbeatTimeout();
    }

    /** The timeouts of {@code environment}. */
    default Timeouts of(String environment) {
        return environments().get(environment);
    }
}
