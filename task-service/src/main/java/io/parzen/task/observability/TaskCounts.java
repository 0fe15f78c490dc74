package io.parzen.task.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parzen.events.vocabulary.TaskStatus;
import io.parzen.messaging.observability.MeterNames;
import io.parzen.messaging.outbox.VertxContexts;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * {@code parzen_tasks{status}}: the tasks of each status, one {@code group by} over the task table every
 * {@code parzen.messaging.observability.refresh} (a scrape never waits for the database). Every status
 * of the vocabulary has a series, 0 when no task has it.
 */
@ApplicationScoped
public class TaskCounts {

    private static final Logger LOG = Logger.getLogger(TaskCounts.class);

    static final String COUNT = "select status, count(*) from task group by status";

    private final Mutiny.SessionFactory sessions;
    private final Vertx vertx;
    private final Map<TaskStatus, AtomicLong> counts = new EnumMap<>(TaskStatus.class);
    private volatile boolean started;

    public TaskCounts(Mutiny.SessionFactory sessions, Vertx vertx, MeterRegistry registry) {
        this.sessions = sessions;
        this.vertx = vertx;
        for (TaskStatus status : TaskStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder(MeterNames.TASKS, count, AtomicLong::get)
                    .description("Tasks of each status")
                    .tag("status", status.wireName())
                    .register(registry);
        }
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(identity = "parzen-task-counts", every = "${parzen.messaging.observability.refresh:10s}",
            delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (!started) {
            return;
        }
        VertxContexts.onSafeContext(vertx, () -> sessions.withSession(session -> session
                .createNativeQuery(COUNT, Object[].class).getResultList()))
                .subscribe().with(this::update,
                        failure -> LOG.debugf("Counting tasks by status failed: %s", failure.toString()));
    }

    private void update(List<Object[]> rows) {
        Map<TaskStatus, Long> seen = new EnumMap<>(TaskStatus.class);
        for (Object[] row : rows) {
            TaskStatus.find(String.valueOf(row[0])).ifPresent(s -> seen.put(s, ((Number) row[1]).longValue()));
        }
        counts.forEach((status, count) -> count.set(seen.getOrDefault(status, 0L)));
    }
}
