package io.parzen.task.lifecycle;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * So that a stopping task never hangs: every {@code parzen.task.stopping-sweep-every} (5 s), tasks
 * that have been {@code stopping} with no execution event for {@code parzen.task.stopping-timeout}
 * (60 s) become {@code stopped} (see {@link TaskTransitions#expireStopping(Instant)}).
 */
@ApplicationScoped
public class StoppingSweeper {

    private static final Logger LOG = Logger.getLogger(StoppingSweeper.class);

    @Inject
    TaskTransitions transitions;

    @Scheduled(every = "${parzen.task.stopping-sweep-every:5s}", delayed = "${parzen.task.outbox.delay:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return transitions.expireStopping(Instant.now())
                .onFailure().invoke(e -> LOG.warnf("stopping sweep failed, retrying next round: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
