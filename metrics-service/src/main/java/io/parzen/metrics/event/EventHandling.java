package io.parzen.metrics.event;

import io.parzen.metrics.MetricsConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The common path of every consumer: parse the record (an invalid one fails at once and goes to
 * the dead-letter topic), then store it, retrying database failures with back-off so that a valid
 * event is not dead-lettered because PostgreSQL restarted.
 */
@ApplicationScoped
public class EventHandling {

    private static final Logger LOG = Logger.getLogger(EventHandling.class);

    private final MetricsConfig config;

    public EventHandling(MetricsConfig config) {
        this.config = config;
    }

    /**
     * @param channel channel name, for log messages
     * @param parse parses and validates the record; throws {@link InvalidEventException}
     * @param store stores the event; must be idempotent, it may run more than once
     */
    public <T> Uni<Void> handle(String channel, Supplier<T> parse, Function<T, Uni<Void>> store) {
        T event;
        try {
            event = parse.get();
        } catch (InvalidEventException e) {
            LOG.warnf("%s: invalid record sent to the dead-letter topic: %s", channel, e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().deferred(() -> store.apply(event))
                .onFailure(f -> !(f instanceof InvalidEventException))
                .invoke(f -> LOG.warnf("%s: storing an event failed, will retry: %s", channel, f.toString()))
                .onFailure(f -> !(f instanceof InvalidEventException))
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30))
                .atMost(config.storeRetries());
    }
}
