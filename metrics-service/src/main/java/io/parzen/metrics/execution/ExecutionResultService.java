package io.parzen.metrics.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parzen.events.ExecutionFinished;
import io.parzen.metrics.event.EventReader;
import io.parzen.messaging.inbound.InvalidEventException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Stores and reads {@link ExecutionResult}s. */
@ApplicationScoped
public class ExecutionResultService {

    private final EventReader reader;

    public ExecutionResultService(EventReader reader) {
        this.reader = reader;
    }

    /**
     * Stores the result by execution id, once. Idempotent: the first finish of an execution counts,
     * every later one (redelivered, a twin, or a second finish after the watchdog's crash) is ignored.
     */
    @WithTransaction
    public Uni<Void> store(ExecutionFinished event) {
        String metrics;
        try {
            metrics = event.metrics() == null ? null : reader.mapper().writeValueAsString(event.metrics());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new InvalidEventException("ExecutionFinished.metrics: " + e.getMessage()));
        }
        return ExecutionResult.<ExecutionResult>findById(event.executionId()).flatMap(existing -> {
            if (existing != null) {
                // the first finish of an execution counts: a redelivery, an older twin, or a later second
                // finish (an executor reporting after task-service's watchdog declared it crashed) is ignored
                return Uni.createFrom().voidItem();
            }
            ExecutionResult r = existing != null ? existing : new ExecutionResult();
            r.executionId = event.executionId();
            r.taskId = event.taskId();
            r.seq = event.seq();
            r.status = event.status();
            r.exitCode = event.exitCode();
            r.reason = event.reason();
            r.latestMetrics = metrics;
            r.startedAt = event.startedAt();
            r.finishedAt = event.finishedAt();
            r.occurredAt = event.occurredAt();
            return existing != null ? Uni.createFrom().voidItem() : r.persist().replaceWithVoid();
        });
    }

    @WithSession
    public Uni<List<ExecutionResult>> ofTask(String taskId) {
        return ExecutionResult.list("taskId", taskId);
    }
}
