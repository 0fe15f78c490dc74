package io.parzen.metrics.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parzen.events.Events;
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
     * Stores the result of an execution's attempt. The first finish of each attempt counts (ADR 0018, per attempt):
     * a later finish of the same attempt (redelivered, a twin, or the executor's after the watchdog's) or a finish
     * of an earlier attempt is ignored; the finish of a later attempt replaces the stored one (ADR 0023), so the
     * stored result is always the latest attempt's.
     */
    @WithTransaction
    public Uni<Void> store(ExecutionFinished event) {
        String metrics;
        try {
            metrics = event.metrics() == null ? null : reader.mapper().writeValueAsString(event.metrics());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new InvalidEventException("ExecutionFinished.metrics: " + e.getMessage()));
        }
        int attempt = event.attemptOrFirst();
        return ExecutionResult.<ExecutionResult>findById(event.executionId()).flatMap(existing -> {
            if (existing != null && Events.attemptOrFirst(existing.attempt) >= attempt) {
                // the first finish of an attempt counts: a redelivery, an older twin, or a later second
                // finish (an executor reporting after task-service's watchdog declared it crashed) is ignored,
                // and so is a finish of an earlier attempt
                return Uni.createFrom().voidItem();
            }
            ExecutionResult r = existing != null ? existing : new ExecutionResult();
            r.executionId = event.executionId();
            r.attempt = attempt;
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
