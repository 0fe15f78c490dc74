package io.parzen.executor.environment;

import io.parzen.events.Events;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decides whether this executor-service instance serves an environment (Valohai's word for where
 * executions run). It serves the names in {@code parzen.executor.environments} (default
 * {@value Events#DEFAULT_ENVIRONMENT}); a request without an environment is for
 * {@value Events#DEFAULT_ENVIRONMENT}. A request for any other environment is left alone: another
 * executor (Parzen's or an outside one) takes it from the same topic.
 */
@ApplicationScoped
public class ServedEnvironments {

    private final Set<String> names;

    @Inject
    public ServedEnvironments(ExecutorConfig config) {
        this(config.environments());
    }

    /** Serves exactly {@code names} (blank entries are dropped). */
    public ServedEnvironments(Iterable<String> names) {
        Set<String> set = new LinkedHashSet<>();
        for (String n : names) {
            if (n != null && !n.isBlank()) {
                set.add(n.trim());
            }
        }
        this.names = Collections.unmodifiableSet(set);
    }

    /** True when this instance runs executions of {@code environment} (null or blank = the default). */
    public boolean serves(String environment) {
        return names.contains(Events.environmentOrDefault(environment));
    }

    /** True when this instance runs {@code request}. */
    public boolean serves(SuggestionRequested request) {
        return serves(request.environment());
    }

    /** The environments served, for heartbeats and the log. */
    public Set<String> names() {
        return names;
    }
}
