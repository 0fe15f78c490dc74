package io.parzen.task.lifecycle;

import io.parzen.events.ParzenEvent;
import io.parzen.messaging.inbound.BatchInbound.Traced;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tracker of task-service's tests ({@link BatchConsumptionTest}): the real one, which also records the event ids
 * of every transaction it runs, and which can be told to fail a transaction of several events once, after applying
 * them (so that the rollback is real), when it holds a given event. Unarmed it only records.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProbedExecutionTracker extends ExecutionTracker {

    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private final List<List<String>> transactions = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();

    /** The next transaction of several events that holds event {@code eventId} fails, once. */
    void failOnceWith(String eventId) {
        failOnce.add(eventId);
    }

    /** The event ids of each transaction run so far, in order. */
    List<List<String>> transactions() {
        return List.copyOf(transactions);
    }

    /** The event ids whose transaction was made to fail. */
    List<String> failed() {
        return List.copyOf(failed);
    }

    @Override
    Uni<Void> applyWithin(List<Traced<ParzenEvent>> events) {
        List<String> ids = events.stream().map(Traced::event).map(ParzenEvent::eventId).toList();
        transactions.add(ids);
        String poison = events.size() < 2 ? null
                : ids.stream().filter(failOnce::remove).findFirst().orElse(null);
        Uni<Void> applied = super.applyWithin(events);
        if (poison == null) {
            return applied;
        }
        failed.add(poison);
        return applied.chain(() -> Uni.createFrom().failure(
                new IllegalStateException("the test fails this transaction once (event " + poison + ")")));
    }
}
