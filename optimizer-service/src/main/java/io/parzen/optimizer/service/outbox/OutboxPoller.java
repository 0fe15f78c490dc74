package io.parzen.optimizer.service.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * The outbox publisher's clock: a round at startup (rows left unsent by a crash), one every
 * {@code parzen.optimizer.outbox.poll-interval}, and an hourly purge of old sent rows.
 *
 * <p>Kept apart from {@link OutboxPublisher} so that a timer firing while the application is still
 * starting does not create the publisher before its Kafka emitter can be connected: nothing is
 * touched before the {@link StartupEvent} (observed after Reactive Messaging has wired its channels).
 */
@ApplicationScoped
public class OutboxPoller {

    private final Instance<OutboxPublisher> publisher;
    private volatile boolean started;

    public OutboxPoller(Instance<OutboxPublisher> publisher) {
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
        publisher.get().kick();
    }

    void onStop(@Observes ShutdownEvent event) {
        started = false;
    }

    @Scheduled(every = "${parzen.optimizer.outbox.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (started) {
            publisher.get().kick();
        }
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        if (started) {
            publisher.get().purge();
        }
    }
}
