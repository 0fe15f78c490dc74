package io.parzen.executor.heartbeat;

import io.parzen.events.Events;
import io.parzen.events.ExecutionHeartbeat;
import io.parzen.events.ExecutionId;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.environment.ServedEnvironments;
import io.parzen.executor.execution.ExecutionStatus;
import io.parzen.executor.kubernetes.KubernetesRuns;
import io.parzen.executor.process.Blocking;
import io.parzen.executor.process.ExecutionScheduler;
import io.parzen.messaging.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the watchdog of task-service that this executor still holds its executions: one
 * {@link ExecutionHeartbeat} when it accepts a request (state queued), then one per task every
 * {@code parzen.executor.heartbeat-interval} for everything queued or running here. Published
 * through the outbox like every other event, so a broker outage delays heartbeats, never loses them.
 */
@ApplicationScoped
public class Heartbeats {

    @Inject
    OutboxWriter outbox;

    @Inject
    ExecutionScheduler scheduler;

    @Inject
    ServedEnvironments served;

    @Inject
    KubernetesRuns kubernetes;

    /** The environment each task's requests named (for the heartbeats); a task not seen: the first served. */
    private final Map<String, String> environments = new ConcurrentHashMap<>();

    /** Stores the heartbeat of a request just accepted (queued) in the outbox, in its own transaction. */
    public Uni<Void> accepted(SuggestionRequested request) {
        ExecutionHeartbeat beat = atAcceptance(request, ExecutionHeartbeat.QUEUED);
        return Panache.withTransaction(() -> outbox.add(beat)).replaceWithVoid();
    }

    /**
     * The heartbeat of a request whose acceptance records its start (ADR 0039): written in that transaction,
     * {@code running}, where {@link #accepted} writes {@code queued} in a transaction of its own.
     */
    public ExecutionHeartbeat runningAtAcceptance(SuggestionRequested request) {
        return atAcceptance(request, ExecutionHeartbeat.RUNNING);
    }

    /** The heartbeat of one request just accepted, in {@code state}; remembers the environment its task named. */
    private ExecutionHeartbeat atAcceptance(SuggestionRequested request, String state) {
        String environment = request.environmentOrDefault();
        environments.put(request.taskId(), environment);
        return ExecutionHeartbeat.of(request.taskId(), scheduler.executorName(), environment,
                List.of(new ExecutionHeartbeat.Held(request.executionId(), request.attemptOrFirst(), state)));
    }

    /** Every interval: one heartbeat per task for what this executor holds. */
    @Scheduled(every = "${parzen.executor.heartbeat-interval}", delayed = "${parzen.executor.heartbeat-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "executor-heartbeats")
    void beat() {
        List<ExecutionHeartbeat> beats = current();
        if (beats.isEmpty()) {
            return;
        }
        try {
            Blocking.await(() -> Panache.withTransaction(() -> outbox.addAll(beats)).replaceWithVoid());
        } catch (RuntimeException e) {
            Log.warnf("heartbeats of %d tasks not stored (next interval tries again): %s", beats.size(), e.toString());
        }
    }

    /** The heartbeats for what is queued or running here now, one per task. */
    public List<ExecutionHeartbeat> current() {
        Map<String, List<ExecutionHeartbeat.Held>> byTask = new LinkedHashMap<>();
        scheduler.liveStatuses().forEach((id, status) -> {
            Optional<ExecutionId> parsed = ExecutionId.tryParse(id);
            if (parsed.isEmpty() || status == null) {
                return;
            }
            String state = ExecutionStatus.QUEUED.equals(status) ? ExecutionHeartbeat.QUEUED : ExecutionHeartbeat.RUNNING;
            byTask.computeIfAbsent(parsed.get().taskId(), k -> new ArrayList<>())
                    .add(new ExecutionHeartbeat.Held(id, scheduler.heldAttempt(id), state));
        });
        // the Jobs this instance follows (environments of kind kubernetes): running while their Job exists
        kubernetes.heldAttempts().forEach((id, attempt) -> ExecutionId.tryParse(id).ifPresent(parsed -> byTask
                .computeIfAbsent(parsed.taskId(), k -> new ArrayList<>())
                .add(new ExecutionHeartbeat.Held(id, attempt, ExecutionHeartbeat.RUNNING))));
        String fallback = served.names().stream().findFirst().orElse(Events.DEFAULT_ENVIRONMENT);
        List<ExecutionHeartbeat> beats = new ArrayList<>();
        byTask.forEach((taskId, held) -> beats.add(ExecutionHeartbeat.of(taskId, scheduler.executorName(),
                environments.getOrDefault(taskId, fallback), held)));
        return beats;
    }
}
