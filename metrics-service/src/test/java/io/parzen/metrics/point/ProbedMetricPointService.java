package io.parzen.metrics.point;

import io.parzen.events.MetricLogged;
import io.parzen.metrics.MetricsConfig;
import io.parzen.metrics.event.EventReader;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The point service of metrics-service's tests ({@link io.parzen.metrics.BatchConsumptionTest}): the real one, which
 * also records the event ids of every transaction it runs (a poll's, {@link #storeAll}, or one event's,
 * {@link #store}), and which can be told to fail a poll's transaction once, after its inserts (so that the rollback
 * is real), when it holds a given event. Unarmed it only records.
 */
// a singleton, not application-scoped: a client proxy would need a no-args constructor the service has not
@Alternative
@Priority(1)
@Singleton
public class ProbedMetricPointService extends MetricPointService {

    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private final List<List<String>> transactions = new CopyOnWriteArrayList<>();
    private final List<String> alone = new CopyOnWriteArrayList<>();

    public ProbedMetricPointService(MetricPointRepository repository, EventReader reader, MetricsConfig config) {
        super(repository, reader, config);
    }

    /** The next poll's transaction that holds event {@code eventId} fails, once, after its inserts. */
    public void failOnceWith(String eventId) {
        failOnce.add(eventId);
    }

    /** The event ids of each poll's transaction so far, in order. */
    public List<List<String>> transactions() {
        return List.copyOf(transactions);
    }

    /** The event ids stored alone so far, in order. */
    public List<String> alone() {
        return List.copyOf(alone);
    }

    @Override
    @WithTransaction
    public Uni<Integer> storeAll(List<MetricLogged> events) {
        List<String> ids = events.stream().map(MetricLogged::eventId).toList();
        transactions.add(ids);
        String poison = ids.stream().filter(failOnce::remove).findFirst().orElse(null);
        Uni<Integer> stored = super.storeAll(events);
        if (poison == null) {
            return stored;
        }
        return stored.chain(() -> Uni.createFrom().failure(
                new IllegalStateException("the test fails this poll's transaction once (event " + poison + ")")));
    }

    @Override
    @WithTransaction
    public Uni<Integer> store(MetricLogged event) {
        alone.add(event.eventId());
        return super.store(event);
    }
}
