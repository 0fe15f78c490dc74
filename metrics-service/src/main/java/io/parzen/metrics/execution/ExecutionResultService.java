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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
            metrics = metricsOf(event);
        } catch (InvalidEventException e) {
            return Uni.createFrom().failure(e);
        }
        return ExecutionResult.<ExecutionResult>findById(event.executionId()).flatMap(existing -> {
            ExecutionResult r = apply(existing, event, metrics);
            return r == null || r == existing ? Uni.createFrom().voidItem() : r.persist().replaceWithVoid();
        });
    }

    /**
     * Stores the results of several finishes (a poll's) in one transaction: one query reads the stored results of
     * their executions, the rule of {@link #store} is applied to each finish in poll order (so a finish and its
     * redelivery in one poll count once), and the new results are persisted together.
     */
    @WithTransaction
    public Uni<Void> storeAll(List<ExecutionFinished> events) {
        List<String> metrics = new ArrayList<>(events.size());
        try {
            for (ExecutionFinished event : events) {
                metrics.add(metricsOf(event));
            }
        } catch (InvalidEventException e) {
            // the poll's transaction fails; each finish alone sorts out the bad one
            return Uni.createFrom().failure(e);
        }
        List<String> ids = events.stream().map(ExecutionFinished::executionId).distinct().toList();
        return ExecutionResult.<ExecutionResult>list("executionId in ?1", ids).flatMap(stored -> {
            Map<String, ExecutionResult> results = new HashMap<>();
            stored.forEach(r -> results.put(r.executionId, r));
            List<ExecutionResult> created = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                ExecutionFinished event = events.get(i);
                ExecutionResult existing = results.get(event.executionId());
                ExecutionResult r = apply(existing, event, metrics.get(i));
                if (r != null && existing == null) {
                    results.put(r.executionId, r);
                    created.add(r);
                }
            }
            return created.isEmpty() ? Uni.createFrom().voidItem() : ExecutionResult.persist(created);
        });
    }

    private String metricsOf(ExecutionFinished event) {
        try {
            return event.metrics() == null ? null : reader.mapper().writeValueAsString(event.metrics());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("ExecutionFinished.metrics: " + e.getMessage());
        }
    }

    /**
     * The rule of one finish: the result to keep for its execution ({@code existing} changed in place, or a new one
     * to persist), or null when the finish is ignored.
     */
    private static ExecutionResult apply(ExecutionResult existing, ExecutionFinished event, String metrics) {
        int attempt = event.attemptOrFirst();
        if (existing != null && Events.attemptOrFirst(existing.attempt) >= attempt) {
            // the first finish of an attempt counts: a redelivery, an older twin, or a later second
            // finish (an executor reporting after task-service's watchdog declared it crashed) is ignored,
            // and so is a finish of an earlier attempt
            return null;
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
        return r;
    }

    @WithSession
    public Uni<List<ExecutionResult>> ofTask(String taskId) {
        return ExecutionResult.list("taskId", taskId);
    }
}
