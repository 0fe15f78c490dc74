package io.parzen.executor.execution;

import io.parzen.events.ExecutionHeartbeat;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.MetricLogged;
import io.parzen.events.ParzenEvent;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.vocabulary.StatusReason;
import io.parzen.messaging.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every state change of an execution, each in one database transaction together with the outbox
 * row of the event it causes (the messaging kit's {@link OutboxWriter}, which joins the transaction;
 * the kit's publisher sends the rows once it committed). The methods return {@link Uni}s for the
 * Kafka consumers and REST; process threads wait for them ({@code process.Blocking}). Nothing here
 * knows the publisher.
 */
@ApplicationScoped
public class ExecutionService {

    @Inject
    OutboxWriter outbox;

    @Inject
    io.parzen.executor.config.ExecutorConfig config;

    /** This instance's name: the owner of the executions it queues (ADR 0027). */
    public String instance() {
        return config.instance();
    }

    /**
     * Stores a request as queued, deduplicated by (execution id, attempt) (ADR 0023):
     * <ul>
     * <li>a new execution is stored as queued with the request's attempt;</li>
     * <li>a request for an attempt lower than the stored one, or for the stored attempt once it started or
     * ended, is a replay: nothing runs (dropped silently). The stored attempt still queued is handed back
     * to be queued (the scheduler queues an attempt once), so that no accepted attempt is left unqueued;</li>
     * <li>a request for a later attempt of an execution whose stored attempt has ended makes the row that
     * attempt's, queued (the earlier attempt's folder and log stay);</li>
     * <li>a later attempt while the stored one is still queued or running here: {@link Acceptance#supersedes()}
     * names the earlier attempt, which the caller stops before it asks again.</li>
     * </ul>
     * Nothing runs when the task has finished: the execution (attempt) is stored as stopped, its
     * {@code ExecutionFinished} emitted (so that whoever tracks the task sees it end), and the request is
     * refused with that reason (the consumer sends it to the dead-letter topic).
     */
    public Uni<Acceptance> accept(SuggestionRequested request) {
        return accept(request, null, null);
    }

    /**
     * As {@link #accept(SuggestionRequested)}, for a request that a free slot of this instance will run at once
     * (ADR 0039): when {@code startingOn} (the executor's name) is given and the request would be stored as
     * queued, it is stored as started instead, on that executor, and its {@code ExecutionStarted} is emitted in
     * the same transaction ({@link Acceptance#started()}); the process's details follow with
     * {@link #recordProcess} and {@link #finish}. A request that would not be stored as queued is decided as
     * without it.
     *
     * @param heartbeat written with the {@code ExecutionStarted} (the heartbeat at acceptance); null: none
     */
    public Uni<Acceptance> accept(SuggestionRequested request, String startingOn, ExecutionHeartbeat heartbeat) {
        int attempt = request.attemptOrFirst();
        return Panache.withTransaction(() -> Execution.<Execution>findById(request.executionId())
                .chain(existing -> {
                    if (existing != null && existing.attempt() >= attempt) {
                        if (existing.attempt() == attempt && ExecutionStatus.QUEUED.equals(existing.status)) {
                            return Uni.createFrom().item(new Acceptance(existing, null, null));
                        }
                        Log.infof("execution %s attempt %d is already known (attempt %d, %s); request %s dropped",
                                existing.id, attempt, existing.attempt(), existing.status, request.eventId());
                        return Uni.createFrom().item(Acceptance.NOTHING);
                    }
                    if (existing != null && !ExecutionStatus.isFinal(existing.status)) {
                        Log.infof("execution %s attempt %d requested while attempt %d is %s here", existing.id,
                                attempt, existing.attempt(), existing.status);
                        return Uni.createFrom().item(new Acceptance(null, null, existing.attempt()));
                    }
                    return FinishedTask.<FinishedTask>findById(request.taskId()).chain(task -> {
                        Instant now = Instant.now();
                        Execution e;
                        if (existing == null) {
                            e = Execution.queued(request, now);
                        } else {
                            Log.infof("execution %s runs again as attempt %d (attempt %d ended %s%s)", existing.id,
                                    attempt, existing.attempt(), existing.status,
                                    existing.statusReason == null ? "" : ", " + existing.statusReason);
                            e = existing;
                            e.retryAs(request, now);
                        }
                        e.owner = instance();
                        if (task == null && startingOn != null) {
                            e.startOn(startingOn, now);
                        }
                        Uni<Execution> stored = existing == null ? e.<Execution>persist() : Uni.createFrom().item(e);
                        if (task == null && startingOn != null) {
                            List<ParzenEvent> events = new ArrayList<>(2);
                            events.add(ExecutionStarted.of(e.taskId, e.id, e.seq, startingOn, attempt));
                            if (heartbeat != null) {
                                events.add(heartbeat);
                            }
                            // one statement fewer than two adds: one notification for both rows
                            return stored.chain(s -> outbox.addAll(events, s.traceContext()))
                                    .replaceWith(new Acceptance(e, null, null, true));
                        }
                        if (task == null) {
                            return stored.map(s -> new Acceptance(s, null, null));
                        }
                        Log.infof("execution %s arrived after its task finished: stopped, not run", e.id);
                        e.finish(ExecutionStatus.STOPPED, null, task.reason, Map.of(), now);
                        String refusal = "task " + request.taskId() + " has finished (" + task.status
                                + (task.reason == null ? "" : ", " + task.reason) + "): execution "
                                + request.executionId() + " is not run";
                        return stored.chain(() -> outbox.add(e.finishedEvent(), e.traceContext()))
                                .replaceWith(new Acceptance(null, refusal, null));
                    });
                }));
    }

    /**
     * What {@link #accept(SuggestionRequested)} decided.
     *
     * @param toRun the stored queued execution to run, or null
     * @param refusal why the request is refused, or null
     * @param supersedes the earlier attempt, still queued or running here, that must end before the requested
     *                   one can run; or null
     * @param started whether {@code toRun} was stored as started (its {@code ExecutionStarted} emitted): its run
     *                must not record the start again
     */
    public record Acceptance(Execution toRun, String refusal, Integer supersedes, boolean started) {
        static final Acceptance NOTHING = new Acceptance(null, null, null);

        public Acceptance(Execution toRun, String refusal, Integer supersedes) {
            this(toRun, refusal, supersedes, false);
        }
    }

    /**
     * Stores the process of an execution whose start was recorded at its acceptance ({@link Acceptance#started()}):
     * argv, folders, pid and the process's start time, so that a later life of the service finds an orphan
     * (ADR 0039). Changes nothing once the attempt is final or no longer the row's, and emits nothing.
     */
    public Uni<Void> recordProcess(String id, int attempt, StartedProcess p) {
        return Panache.withTransaction(() -> Execution.update("argvJson = ?1, workingDirectory = ?2,"
                        + " executionDirectory = ?3, pid = ?4, processStartedAt = ?5, startedAt = ?6"
                        + " where id = ?7 and coalesce(attempt, 1) = ?8 and status = ?9",
                Execution.toJson(p.argv()), p.workingDirectory(), p.executionDirectory(), p.pid(),
                p.processStartedAt(), p.startedAt(), id, attempt, ExecutionStatus.STARTED)).replaceWithVoid();
    }

    /**
     * Records that the process of a queued execution started and emits {@code ExecutionStarted}.
     *
     * @return false if the attempt is not queued any more (then its process must not run)
     */
    public Uni<Boolean> markStarted(String id, int attempt, StartedProcess p) {
        // under the row's lock: of two instances holding the same queued row (they never should, see ADR 0027)
        // only the owner starts it, and only once
        return Panache.withTransaction(() -> Execution.<Execution>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(e -> {
            if (e == null || e.attempt() != attempt || !ExecutionStatus.QUEUED.equals(e.status)) {
                return Uni.createFrom().item(false);
            }
            if (e.owner != null && !e.owner.equals(instance())) {
                Log.warnf("execution %s is owned by executor instance %s, not %s: not started here", id, e.owner,
                        instance());
                return Uni.createFrom().item(false);
            }
            e.owner = instance();
            e.status = ExecutionStatus.STARTED;
            e.process(p);
            return outbox.add(ExecutionStarted.of(e.taskId, e.id, e.seq, p.executor(), attempt), e.traceContext())
                    .replaceWith(true);
        }));
    }

    /**
     * Stores a batch of metadata lines of one attempt as {@code MetricLogged} events and the latest values
     * (the latest values only while the row is still that attempt's).
     */
    public Uni<Void> recordMetrics(String id, int attempt, List<MetricLogged> events, int metricCount,
            Map<String, Object> latest) {
        String latestJson = Execution.toJson(latest);
        // the execution's trace context (a lookup by id: the lines come from the process's thread)
        return Panache.withTransaction(() -> Execution.<Execution>findById(id)
                .chain(e -> outbox.addAll(events, e == null ? null : e.traceContext()))
                .chain(() -> Execution.update("metricCount = ?1, metricsJson = ?2 where id = ?3 and coalesce(attempt, 1) = ?4",
                        metricCount, latestJson, id, attempt))
                .replaceWithVoid());
    }

    /**
     * Makes an execution final and emits its {@code ExecutionFinished}.
     *
     * @param attempt the attempt that ended
     * @param statusReason the {@code statusReason} word, or null (a stop's reason is its own)
     * @param metrics latest metadata values, or null to keep the stored ones
     * @return false if it was unknown, already final or no longer that attempt (nothing emitted)
     */
    public Uni<Boolean> finish(String id, int attempt, String status, Integer exitCode, String reason,
            String statusReason, Map<String, Object> metrics, Instant finishedAt) {
        return finish(id, attempt, status, exitCode, reason, statusReason, metrics, finishedAt, null);
    }

    /**
     * As {@link #finish(String, int, String, Integer, String, String, Map, Instant)}, with the attempt's process
     * when its start was recorded at the acceptance (then the stored start time becomes the process's, and its pid
     * and argv are stored even if {@link #recordProcess} has not committed yet); null otherwise.
     */
    public Uni<Boolean> finish(String id, int attempt, String status, Integer exitCode, String reason,
            String statusReason, Map<String, Object> metrics, Instant finishedAt, StartedProcess process) {
        return Panache.withTransaction(() -> Execution.<Execution>findById(id).chain(e -> {
            if (e == null || e.attempt() != attempt || ExecutionStatus.isFinal(e.status)) {
                return Uni.createFrom().item(false);
            }
            if (process != null) {
                e.process(process);
            }
            e.finish(status, exitCode, reason, statusReason, metrics, finishedAt);
            Log.infof("execution %s %s%s", id, status, reason == null ? "" : " (" + reason + ")");
            return outbox.add(e.finishedEvent(), e.traceContext()).replaceWith(true);
        }));
    }

    /** Marks queued executions stopped (they never ran) and emits their {@code ExecutionFinished}. */
    public Uni<List<String>> stopQueued(Collection<String> ids, String reason) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Execution.<Execution>list("id in ?1 and status = ?2 order by receivedAt",
                        List.copyOf(ids), ExecutionStatus.QUEUED)
                .chain(list -> {
                    list.forEach(e -> e.finish(ExecutionStatus.STOPPED, null, reason, null, now));
                    Uni<Void> written = Uni.createFrom().voidItem();
                    for (Execution e : list) {
                        written = written.chain(() -> outbox.add(e.finishedEvent(), e.traceContext()).replaceWithVoid());
                    }
                    return written.replaceWith(list.stream().map(e -> e.id).toList());
                }));
    }

    /** Remembers that a task finished, so that its late requests are not run. Idempotent. */
    public Uni<Void> rememberFinishedTask(String taskId, String status, String reason) {
        return Panache.withTransaction(() -> FinishedTask.<FinishedTask>findById(taskId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            FinishedTask t = new FinishedTask();
            t.taskId = taskId;
            t.status = status;
            t.reason = reason;
            t.finishedAt = Instant.now();
            return t.persist().replaceWithVoid();
        }));
    }

    /**
     * Start-up recovery: the unsent events of an outbox table from before the messaging kit are
     * moved to the kit's ({@link LegacyOutbox}); every execution stored as started that this process
     * does not run (its process belonged to a previous life of the service) is finished as {@code crashed} with
     * reason and statusReason {@value ExecutionStatus#REASON_EXECUTOR_LOST} (an infrastructure reason: the
     * attempt is retried, ADR 0023); queued executions are returned to be
     * queued again in their arrival order.
     *
     * @param active ids that this process runs or queues now; left alone
     */
    public Uni<Recovered> recover(Set<String> active) {
        Instant now = Instant.now();
        String me = instance();
        return Panache.withTransaction(() -> LegacyOutbox.upgrade()
                // rows from before instances become this instance's (the first to recover takes them)
                .chain(() -> Execution.update("owner = ?1 where owner is null and status in ?2", me,
                        List.of(ExecutionStatus.QUEUED, ExecutionStatus.STARTED)))
                .chain(() -> Execution.<Execution>list("status = ?1 and owner = ?2", ExecutionStatus.STARTED, me))
                .chain(started -> {
                    List<Execution> lost = new ArrayList<>();
                    for (Execution e : started) {
                        if (!active.contains(e.id)) {
                            e.finish(ExecutionStatus.CRASHED, null, ExecutionStatus.REASON_EXECUTOR_LOST,
                                    StatusReason.EXECUTOR_LOST.wireName(), null, now);
                            lost.add(e);
                        }
                    }
                    Uni<Void> written = Uni.createFrom().voidItem();
                    for (Execution e : lost) {
                        written = written.chain(() -> outbox.add(e.finishedEvent(), e.traceContext()).replaceWithVoid());
                    }
                    return written.replaceWith(lost);
                })
                .chain(lost -> Execution.<Execution>list("status = ?1 and owner = ?2 order by receivedAt, seq",
                                ExecutionStatus.QUEUED, me)
                        .chain(queued -> FinishedTask.<FinishedTask>listAll().map(tasks -> {
                            Map<String, String> finished = new LinkedHashMap<>();
                            tasks.forEach(t -> finished.put(t.taskId, t.reason));
                            return new Recovered(lost, queued, finished);
                        }))));
    }

    /**
     * Records a stop for the instance that holds the execution (this one does not): its stop sweep
     * ({@link #stopsFor}) applies it. A final or unknown execution is left alone.
     *
     * @return whether a stop was recorded
     */
    public Uni<Boolean> requestStop(String id, String reason) {
        return Panache.withTransaction(() -> Execution.update(
                        "stopRequestedReason = ?1 where id = ?2 and stopRequestedReason is null and status in ?3",
                        reason, id, List.of(ExecutionStatus.QUEUED, ExecutionStatus.STARTED)))
                .map(n -> n > 0);
    }

    /**
     * What the stop sweep of an instance must apply to the executions it holds: the finished tasks among
     * {@code taskIds} (task id → stop reason) and the stops recorded for {@code executionIds} (id → reason),
     * both received by another instance.
     */
    public Uni<Stops> stopsFor(Collection<String> taskIds, Collection<String> executionIds) {
        if (taskIds.isEmpty() && executionIds.isEmpty()) {
            return Uni.createFrom().item(new Stops(Map.of(), Map.of()));
        }
        return Panache.withSession(() -> (taskIds.isEmpty() ? Uni.createFrom().item(List.<FinishedTask>of())
                        : FinishedTask.<FinishedTask>list("taskId in ?1", List.copyOf(taskIds)))
                .chain(tasks -> (executionIds.isEmpty() ? Uni.createFrom().item(List.<Execution>of())
                        : Execution.<Execution>list("id in ?1 and stopRequestedReason is not null",
                                List.copyOf(executionIds)))
                        .map(executions -> {
                            Map<String, String> finished = new LinkedHashMap<>();
                            tasks.forEach(t -> finished.put(t.taskId, t.reason == null
                                    ? ExecutionStatus.REASON_TASK_FINISHED : t.reason));
                            Map<String, String> stops = new LinkedHashMap<>();
                            executions.forEach(e -> stops.put(e.id, e.stopRequestedReason));
                            return new Stops(finished, stops);
                        })));
    }

    /** Result of {@link #stopsFor}. */
    public record Stops(Map<String, String> finishedTasks, Map<String, String> executions) {
    }

    /** The other instances that own executions not final yet (candidates for {@link #adopt}). */
    public Uni<List<String>> otherOwners() {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select distinct owner from Execution where status in ?1 and owner is not null and owner <> ?2",
                        String.class)
                .setParameter(1, List.of(ExecutionStatus.QUEUED, ExecutionStatus.STARTED))
                .setParameter(2, instance())
                .getResultList()));
    }

    /**
     * Takes over the executions of an instance that is gone (its lease was free, ADR 0027), as its own
     * recovery would: those it had started are finished {@code crashed} ({@value ExecutionStatus#REASON_EXECUTOR_LOST}),
     * its queued ones become this instance's, returned to be queued here in their arrival order.
     */
    public Uni<Recovered> adopt(String owner) {
        Instant now = Instant.now();
        String me = instance();
        return Panache.withTransaction(() -> Execution.<Execution>list("status = ?1 and owner = ?2",
                        ExecutionStatus.STARTED, owner)
                .chain(started -> {
                    // an infrastructure reason (statusReason executor-lost): the retry rule runs them again (ADR 0023)
                    Uni<Void> written = Uni.createFrom().voidItem();
                    for (Execution e : started) {
                        e.finish(ExecutionStatus.CRASHED, null, ExecutionStatus.REASON_EXECUTOR_LOST,
                                StatusReason.EXECUTOR_LOST.wireName(), null, now);
                        written = written.chain(() -> outbox.add(e.finishedEvent(), e.traceContext()).replaceWithVoid());
                    }
                    return written.replaceWith(started);
                })
                .chain(lost -> Execution.<Execution>list("status = ?1 and owner = ?2 order by receivedAt, seq",
                                ExecutionStatus.QUEUED, owner)
                        .chain(queued -> {
                            queued.forEach(e -> e.owner = me);
                            return FinishedTask.<FinishedTask>listAll().map(tasks -> {
                                Map<String, String> finished = new LinkedHashMap<>();
                                tasks.forEach(t -> finished.put(t.taskId, t.reason));
                                return new Recovered(lost, queued, finished);
                            });
                        })));
    }

    /** Whether the executor has stored the task's {@code TaskFinished}. */
    public Uni<Boolean> isTaskFinished(String taskId) {
        return Panache.withSession(() -> FinishedTask.findById(taskId).map(t -> t != null));
    }

    /** An execution by id, or null. */
    public Uni<Execution> find(String id) {
        return Panache.withSession(() -> Execution.findById(id));
    }

    /** Executions of a task, oldest first. */
    public Uni<List<Execution>> listByTask(String taskId) {
        return Panache.withSession(() -> Execution.list("taskId = ?1 order by seq", taskId));
    }

    /** What the process of an execution looks like when it has started. */
    public record StartedProcess(List<String> argv, String workingDirectory, String executionDirectory,
            String executor, Long pid, Instant processStartedAt, Instant startedAt) {
    }

    /** Result of {@link #recover(Set)}. */
    public record Recovered(List<Execution> lost, List<Execution> queued, Map<String, String> finishedTasks) {
    }
}
