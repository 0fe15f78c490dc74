package io.parzen.task.watchdog;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The watchdog's timeouts per environment: {@code parzen.environments."NAME".start-timeout} (default
 * {@value #DEFAULT_START_TIMEOUT}) and {@code parzen.environments."NAME".heartbeat-timeout} (default
 * {@value #DEFAULT_HEARTBEAT_TIMEOUT}); an environment not named gets the defaults. Read from the
 * configuration directly (not a {@code @ConfigMapping}: a mapping of the {@code parzen} root would
 * claim every {@code parzen.*} property of the service).
 */
@ApplicationScoped
public class EnvironmentsConfig {

    static final String DEFAULT_START_TIMEOUT = "PT10M";
    /** Longer than a broker or database outage the system rides out (60 s) plus a few heartbeat intervals. */
    static final String DEFAULT_HEARTBEAT_TIMEOUT = "PT5M";
    private static final String PREFIX = "parzen.environments.";

    /** The timeouts of one environment. */
    public record Timeouts(Duration startTimeout, Duration heartbeatTimeout) {
    }

    private final Map<String, Timeouts> byName = new ConcurrentHashMap<>();

    /** The timeouts of {@code environment}. */
    public Timeouts of(String environment) {
        return byName.computeIfAbsent(environment, name -> {
            Config config = ConfigProvider.getConfig();
            return new Timeouts(duration(config, name, "start-timeout", DEFAULT_START_TIMEOUT),
                    duration(config, name, "heartbeat-timeout", DEFAULT_HEARTBEAT_TIMEOUT));
        });
    }

    /** The timeouts of the defaults and of every environment the configuration names. */
    public List<Timeouts> all() {
        List<Timeouts> all = new ArrayList<>();
        all.add(new Timeouts(Duration.parse(DEFAULT_START_TIMEOUT), Duration.parse(DEFAULT_HEARTBEAT_TIMEOUT)));
        for (String property : ConfigProvider.getConfig().getPropertyNames()) {
            if (property.startsWith(PREFIX)) {
                String rest = property.substring(PREFIX.length());
                int cut = rest.lastIndexOf('.');
                if (cut > 0) {
                    String name = rest.substring(0, cut);
                    if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
                        name = name.substring(1, name.length() - 1);
                    }
                    all.add(of(name));
                }
            }
        }
        return all;
    }

    private static Duration duration(Config config, String environment, String key, String fallback) {
        String quoted = PREFIX + "\"" + environment + "\"." + key;
        String plain = PREFIX + environment + "." + key;
        String value = config.getOptionalValue(quoted, String.class)
                .or(() -> config.getOptionalValue(plain, String.class)).orElse(fallback);
        try {
            return Duration.parse(value.startsWith("P") || value.startsWith("p") ? value : "PT" + value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(quoted + " = '" + value + "' is not a duration (e.g. PT10M, 30s)", e);
        }
    }
}
