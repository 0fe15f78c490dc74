package io.parzen.task.watchdog;

import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.task.executions.ExecutionEntity;
import io.parzen.task.lifecycle.TaskEntity;
import io.parzen.task.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * So that a task never hangs on an execution nobody runs: every {@code parzen.watchdog-every} (5 s)
 * executions past their environment's deadline ({@link Deadlines}) are declared {@code crashed}
 * ({@code not-started} or {@code heartbeat-lost}) by publishing their {@code ExecutionFinished}
 * through the outbox, so that optimizer, metrics and task-service itself see it like any other
 * finish. The execution is marked ({@code watchdogAt}) so that it is declared once; a later finish
 * from an executor is a twin every consumer ignores.
 *
 * <p>The finish carries the execution's current attempt, and both reasons are infrastructure ones, so the retry
 * rule (docs/decisions/0023) runs it again as the next attempt while retries are left: the tracker then clears
 * {@code watchdogAt} and restarts the start timeout for the new attempt (from its suggestion).
 */
@ApplicationScoped
public class ExecutionWatchdog {

    private static final Logger LOG = Logger.getLogger(ExecutionWatchdog.class);
    private static final List<String> WATCHED = List.of(ExecutionStatus.QUEUED.wireName(),
            ExecutionStatus.STARTED.wireName());

    @Inject
    EnvironmentsConfig config;

    @Inject
    Outbox outbox;

    /** When this process began consuming events: silence before it does not count. */
    private volatile Instant watchingSince = Instant.now();

    void onStart(@Observes StartupEvent event) {
        watchingSince = Instant.now();
    }

    @Scheduled(every = "${parzen.watchdog-every:5s}", delayed = "${parzen.watchdog-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "execution-watchdog")
    Uni<Void> sweep() {
        return expire(Instant.now())
                .onFailure().invoke(e -> LOG.warnf("watchdog sweep failed, retrying next round: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Declares crashed every execution past its deadline at {@code now}; answers how many. */
    public Uni<Integer> expire(Instant now) {
        // a cheap first cut: nothing younger than the shortest default timeout can be late (per-environment
        // timeouts may be shorter: the cut uses the shortest of the defaults and the configured ones)
        Instant cutoff = now.minus(shortestTimeout());
        if (!now.isAfter(watchingSince.plus(shortestTimeout()))) {
            return Uni.createFrom().item(0);
        }
        return Panache.withSession(() -> ExecutionEntity.<ExecutionEntity>list(
                        "status in ?1 and watchdogAt is null and coalesce(lastSeenAt, startedAt, queuedAt) < ?2",
                        WATCHED, cutoff))
                .chain(candidates -> {
                    Set<String> tasks = new LinkedHashSet<>();
                    candidates.forEach(e -> tasks.add(e.taskId));
                    return io.smallrye.mutiny.Multi.createFrom().iterable(tasks)
                            .onItem().transformToUniAndConcatenate(taskId -> expireTask(taskId, now))
                            .collect().asList()
                            .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
                });
    }

    private Uni<Integer> expireTask(String taskId, Instant now) {
        // under the task's lock, as the event consumer changes executions, re-reading them
        return Panache.withTransaction(() -> TaskEntity.<TaskEntity>findById(taskId, LockModeType.PESSIMISTIC_WRITE)
                .chain(task -> ExecutionEntity.<ExecutionEntity>list("taskId = ?1 and status in ?2 and watchdogAt is null",
                        taskId, WATCHED))
                .chain(executions -> {
                    Uni<Integer> count = Uni.createFrom().item(0);
                    for (ExecutionEntity e : executions) {
                        String environment = Events.environmentOrDefault(e.environment);
                        EnvironmentsConfig.Timeouts t = config.of(environment);
                        Optional<Deadlines.Verdict> verdict = Deadlines.judge(e.status, e.queuedAt, e.lastSeenAt,
                                e.startedAt, environment, t.startTimeout(), t.heartbeatTimeout(), watchingSince, now);
                        if (verdict.isEmpty()) {
                            continue;
                        }
                        e.watchdogAt = now;
                        LOG.warnf("task %s: execution %s crashed (%s): %s", taskId, e.id, verdict.get().statusReason(),
                                verdict.get().reason());
                        ExecutionFinished finished = new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION,
                                taskId, now, e.id, e.seq, ExecutionStatus.CRASHED.wireName(), null,
                                verdict.get().reason(), null, e.startedAt, now, verdict.get().statusReason(),
                                e.attemptOrFirst());
                        count = count.chain(n -> outbox.add(finished).replaceWith(n + 1));
                    }
                    return count;
                }));
    }

    private Duration shortestTimeout() {
        Duration shortest = Duration.ofMinutes(5);
        for (EnvironmentsConfig.Timeouts t : config.all()) {
            shortest = min(shortest, min(t.startTimeout(), t.heartbeatTimeout()));
        }
        return shortest;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
