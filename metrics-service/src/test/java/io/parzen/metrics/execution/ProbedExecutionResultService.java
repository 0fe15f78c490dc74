package io.parzen.metrics.execution;

import io.parzen.events.ExecutionFinished;
import io.parzen.metrics.event.EventReader;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The result service of metrics-service's tests ({@link io.parzen.metrics.BatchConsumptionTest}): the real one, which
 * also records the event ids of every poll's transaction ({@link #storeAll}) and of every finish stored alone
 * ({@link #store}).
 */
// a singleton, not application-scoped: a client proxy would need a no-args constructor the service has not
@Alternative
@Priority(1)
@Singleton
public class ProbedExecutionResultService extends ExecutionResultService {

    private final List<List<String>> transactions = new CopyOnWriteArrayList<>();
    private final List<String> alone = new CopyOnWriteArrayList<>();

    public ProbedExecutionResultService(EventReader reader) {
        super(reader);
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
    public Uni<Void> storeAll(List<ExecutionFinished> events) {
        transactions.add(events.stream().map(ExecutionFinished::eventId).toList());
        return super.storeAll(events);
    }

    @Override
    @WithTransaction
    public Uni<Void> store(ExecutionFinished event) {
        alone.add(event.eventId());
        return super.store(event);
    }
}
