package io.parzen.messaging.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parzen.messaging.MessagingConfig;
import io.parzen.messaging.outbox.OutboxMessage;
import io.parzen.messaging.outbox.VertxContexts;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * {@code parzen_outbox_backlog{service}}: the outbox rows Kafka has not acknowledged yet. Counted by
 * one cheap query on the unsent-rows index every {@code parzen.messaging.observability.refresh}
 * (a scrape never waits for the database; -1 until the first count).
 */
@ApplicationScoped
@IfBuildProperty(name = "parzen.messaging.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxBacklog {

    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);

    /** The count query; the {@code outbox_unsent} index (sent_at, id) answers it. */
    static final String COUNT = "select count(*) from " + OutboxMessage.TABLE + " where sent_at is null";

    private final Mutiny.SessionFactory sessions;
    private final Vertx vertx;
    private final AtomicLong backlog = new AtomicLong(-1);
    private volatile boolean started;

    public OutboxBacklog(Mutiny.SessionFactory sessions, Vertx vertx, MeterRegistry registry, MessagingConfig config) {
        this.sessions = sessions;
        this.vertx = vertx;
        Gauge.builder(MeterNames.OUTBOX_BACKLOG, backlog, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka")
                .tag("service", ServiceName.of(config.source()))
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(identity = "parzen-outbox-backlog", every = "${parzen.messaging.observability.refresh:10s}",
            delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (!started) {
            return;
        }
        VertxContexts.onSafeContext(vertx, () -> sessions.withSession(session -> session
                .createNativeQuery(COUNT, Long.class).getSingleResult()))
                .subscribe().with(
                        n -> backlog.set(n == null ? 0 : n),
                        failure -> LOG.debugf("Counting the outbox backlog failed: %s", failure.toString()));
    }

    /** The last count, -1 before the first. */
    public long backlog() {
        return backlog.get();
    }
}
