package io.parzen.optimizer.service.study;

import io.parzen.events.ExecutionFinished;
import io.parzen.messaging.inbound.BatchInbound.Traced;
import io.parzen.optimizer.service.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The study service of optimizer-service's tests ({@link io.parzen.optimizer.service.BatchConsumptionTest}): the real
 * one, which also records the event ids of every poll transaction it runs, and which can be told to fail such a
 * transaction once, after applying its finishes (so that the rollback is real), when it holds a given event.
 * Unarmed it only records.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProbedStudyService extends StudyService {

    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private final List<List<String>> transactions = new CopyOnWriteArrayList<>();

    @jakarta.inject.Inject
    public ProbedStudyService(Outbox outbox) {
        super(outbox);
    }

    /** For the container's client proxy only. */
    protected ProbedStudyService() {
        super(null);
    }

    /** The next poll transaction that holds event {@code eventId} fails, once. */
    public void failOnceWith(String eventId) {
        failOnce.add(eventId);
    }

    /** The event ids of each poll transaction run so far, in order (failed ones included). */
    public List<List<String>> transactions() {
        return List.copyOf(transactions);
    }

    @Override
    Uni<Void> executionsFinishedWithin(List<Traced<ExecutionFinished>> finishes) {
        List<String> ids = finishes.stream().map(f -> f.event().eventId()).toList();
        transactions.add(ids);
        String poison = ids.stream().filter(failOnce::remove).findFirst().orElse(null);
        Uni<Void> applied = super.executionsFinishedWithin(finishes);
        if (poison == null) {
            return applied;
        }
        return applied.chain(() -> Uni.createFrom().failure(
                new IllegalStateException("the test fails this transaction once (event " + poison + ")")));
    }
}
