package io.parzen.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of metrics-service, under {@code parzen.metrics}. */
@ConfigMapping(prefix = "parzen.metrics")
public interface MetricsConfig {

    /**
     * Whether string and boolean metadata values are stored as text points ({@code value} null,
     * {@code text} set). When false they are skipped. Numbers are always stored.
     */
    @WithDefault("true")
    boolean storeTextValues();

    /** Text values longer than this are truncated (characters). */
    @WithDefault("1000")
    int maxTextLength();
}
