package io.parzen.messaging.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * The outbox publisher's clock: the start (listen, publish what a crash left), the fallback poll
 * every {@code parzen.messaging.outbox.poll-interval}, the purge every
 * {@code parzen.messaging.outbox.purge-interval}.
 *
 * <p>Kept apart from {@link OutboxPublisher} so that a timer firing while the application is still
 * starting does not create the publisher before its Kafka emitter is connected: nothing is touched
 * before the {@link StartupEvent} (observed after Reactive Messaging has wired its channels).
 */
@ApplicationScoped
@IfBuildProperty(name = "parzen.messaging.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxClock {

    private final Instance<OutboxPublisher> publisher;
    private volatile boolean started;

    public OutboxClock(Instance<OutboxPublisher> publisher) {
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
        publisher.get().start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (started) {
            started = false;
            publisher.get().stop();
        }
    }

    @Scheduled(identity = "parzen-outbox-poll", every = "${parzen.messaging.outbox.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (started) {
            publisher.get().kick();
        }
    }

    @Scheduled(identity = "parzen-outbox-purge", every = "${parzen.messaging.outbox.purge-interval:1h}",
            delayed = "${parzen.messaging.outbox.purge-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        if (started) {
            publisher.get().purge();
        }
    }
}
