package io.parzen.task.lifecycle;

import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionHeartbeat;
import io.parzen.events.ExecutionId;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.ExecutionStopRequested;
import io.parzen.events.MetricLogged;
import io.parzen.events.ParzenEvent;
import io.parzen.events.Retries;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.SuggestionsExhausted;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.ExecutionStatus;
import io.parzen.events.vocabulary.TaskStatus;
import io.parzen.events.condition.StopCondition;
import io.parzen.task.executions.ExecutionAttempt;
import io.parzen.task.executions.ExecutionEntity;
import io.parzen.task.json.Json;
import io.parzen.task.outbox.Outbox;
import io.parzen.messaging.inbound.BatchInbound;
import io.parzen.messaging.inbound.BatchInbound.Traced;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Applies execution events to their tasks' state — one event alone ({@link #apply}) or a consumer's poll
 * in one transaction ({@link #applyAll}, docs/decisions/0035) — in a transaction that holds each task's row
 * lock, then decides with {@link TaskLifecycle} whether the task ends; {@code TaskFinished} goes to
 * the outbox in the same transaction.
 *
 * <p>Idempotent and order-tolerant: executions are keyed by their deterministic id; a suggestion
 * seen twice, a start after the finish, or a second finish change nothing; metadata lines are merged
 * by their sequence number. Events of unknown tasks are logged and skipped. Executions that end after
 * their task ended are recorded but change nothing.
 *
 * <p>Attempts (docs/decisions/0023): an execution's row shows its current attempt. A finish that the retry rule
 * ({@link Retries#decide(ExecutionFinished, TaskSpec)}) says to run again — while the task is neither stopping
 * nor ended — goes to the execution's attempt history, and the execution shows {@code queued} as attempt + 1
 * (the optimizer issues that attempt's suggestion): it counts for nothing ({@code onChildError},
 * {@code maxExecutions}, stop conditions, the first batch). Only a final finish counts. Events of an older
 * attempt than the current one change only the history; an event of a newer one (its suggestion overtook the
 * older attempt's finish) moves the execution on to it.
 */
@ApplicationScoped
public class ExecutionTracker {

    private static final Logger LOG = Logger.getLogger(ExecutionTracker.class);

    @Inject
    TaskTransitions transitions;

    @Inject
    Outbox outbox;

    private final Map<String, Optional<StopCondition>> conditions = new ConcurrentHashMap<>();
    /** Each task's condition on one execution (valohai.yaml: the step's stop-condition). */
    private final Map<String, Optional<StopCondition>> executionConditions = new ConcurrentHashMap<>();

    /** Applies one event in its own transaction (a heartbeat in its own path: it takes no task lock). */
    public Uni<Void> apply(ParzenEvent event) {
        if (event instanceof ExecutionHeartbeat h) {
            return Panache.withTransaction(() -> heartbeat(h));
        }
        return applyAll(List.of(new Traced<>(event, null)));
    }

    /**
     * Applies {@code events} in ONE transaction (docs/decisions/0035): grouped by task, each task's events in
     * their list order (the partition order), every task row locked once by one {@code SELECT … FOR UPDATE}
     * ordered by task id (so that two consumers never wait for each other), the executions the events are about
     * read by one query and the other executions of the tasks that may end as {@code (batch, status)} rows by
     * another, then each event handled exactly as alone (same idempotency and attempt rules), the heartbeats
     * last; one flush and one commit. Each event's outbox rows carry its own trace context.
     */
    public Uni<Void> applyAll(List<Traced<ParzenEvent>> events) {
        return Panache.withTransaction(() -> applyWithin(events));
    }

    /** The work of {@link #applyAll} inside the caller's transaction. */
    Uni<Void> applyWithin(List<Traced<ParzenEvent>> events) {
        Map<String, List<Traced<ParzenEvent>>> byTask = new TreeMap<>();
        List<Traced<ParzenEvent>> heartbeats = new ArrayList<>();
        for (Traced<ParzenEvent> t : events) {
            if (t.event() instanceof ExecutionHeartbeat) {
                heartbeats.add(t);
            } else {
                byTask.computeIfAbsent(t.event().taskId(), id -> new ArrayList<>()).add(t);
            }
        }
        Batch batch = new Batch();
        Uni<Void> work = byTask.isEmpty() ? Uni.createFrom().voidItem()
                : lock(byTask.keySet()).chain(tasks -> load(batch, tasks, byTask).chain(() -> {
                    List<Supplier<Uni<Void>>> steps = new ArrayList<>();
                    for (Map.Entry<String, List<Traced<ParzenEvent>>> entry : byTask.entrySet()) {
                        TaskEntity task = tasks.get(entry.getKey());
                        for (Traced<ParzenEvent> t : entry.getValue()) {
                            steps.add(() -> t.within(() -> applyOne(task, batch, t.event())));
                        }
                    }
                    return BatchInbound.sequentially(steps);
                }));
        List<Supplier<Uni<Void>>> beats = new ArrayList<>();
        for (Traced<ParzenEvent> t : heartbeats) {
            beats.add(() -> t.within(() -> heartbeat((ExecutionHeartbeat) t.event())));
        }
        return work.chain(() -> BatchInbound.sequentially(beats));
    }

    /** The task rows of {@code ids} that exist, locked in id order. */
    private static Uni<Map<String, TaskEntity>> lock(java.util.Set<String> ids) {
        return TaskEntity.<TaskEntity>find("id in ?1 order by id", List.copyOf(ids))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .map(list -> {
                    Map<String, TaskEntity> tasks = new HashMap<>();
                    for (TaskEntity t : list) {
                        tasks.put(t.id, t);
                    }
                    return tasks;
                });
    }

    /**
     * Reads, after the locks, what the events need: the executions they are about (one query), and for the
     * tasks that may end on them (a metric, a finish, the optimizer's exhaustion), their executions'
     * {@code (batch, status)} (one query). Nothing is changed yet, so neither query flushes.
     */
    private static Uni<Void> load(Batch batch, Map<String, TaskEntity> tasks, Map<String, List<Traced<ParzenEvent>>> byTask) {
        List<String> executionIds = new ArrayList<>();
        List<String> deciding = new ArrayList<>();
        for (Map.Entry<String, List<Traced<ParzenEvent>>> entry : byTask.entrySet()) {
            TaskEntity task = tasks.get(entry.getKey());
            if (task == null) {
                continue;
            }
            boolean decides = false;
            for (Traced<ParzenEvent> t : entry.getValue()) {
                String id = t.event() instanceof SuggestionsExhausted ? null : executionIdOf(t.event());
                if (id != null) {
                    executionIds.add(id);
                }
                decides |= t.event() instanceof MetricLogged || t.event() instanceof ExecutionFinished
                        || t.event() instanceof SuggestionsExhausted;
            }
            if (decides && !task.isFinal()) {
                deciding.add(task.id);
            }
        }
        Uni<Void> executions = executionIds.isEmpty() ? Uni.createFrom().voidItem()
                : ExecutionEntity.<ExecutionEntity>list("id in ?1", executionIds.stream().distinct().toList())
                        .invoke(list -> list.forEach(e -> batch.executions.put(e.id, e))).replaceWithVoid();
        if (deciding.isEmpty()) {
            return executions;
        }
        return executions.chain(() -> Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select e.taskId, e.id, e.batch, e.status from ExecutionEntity e where e.taskId in ?1",
                        Object[].class).setParameter(1, deciding).getResultList()))
                .invoke(rows -> {
                    deciding.forEach(id -> batch.rows.put(id, new HashMap<>()));
                    for (Object[] row : rows) {
                        batch.rows.get((String) row[0]).put((String) row[1],
                                new TaskLifecycle.Execution(((Number) row[2]).intValue(), (String) row[3]));
                    }
                }).replaceWithVoid();
    }

    private Uni<Void> applyOne(TaskEntity task, Batch batch, ParzenEvent event) {
        if (task == null) {
            LOG.warnf("skipping %s %s: task %s is unknown", event.getClass().getSimpleName(), event.eventId(),
                    event.taskId());
            return Uni.createFrom().voidItem();
        }
        if (event instanceof SuggestionsExhausted) {
            return handle(task, new Executions(task.id, null, batch), event);
        }
        // only the execution the event is about; the others are read as (batch, status) when needed
        String executionId = executionIdOf(event);
        if (executionId == null) {
            return handle(task, new Executions(task.id, null, batch), event);
        }
        ExecutionEntity found = batch.executions.get(executionId);
        return handle(task, new Executions(task.id, found != null && task.id.equals(found.taskId) ? found : null,
                batch), event);
    }

    /**
     * What one transaction has read of the executions: every execution its events are about (and those it
     * created), by id, as entities of the session; and per task that may end, its executions as
     * {@code (batch, status)} rows as they were when read (under the task's lock, so only this transaction
     * changes them; its changes are in the entities).
     */
    static final class Batch {
        final Map<String, ExecutionEntity> executions = new HashMap<>();
        final Map<String, Map<String, TaskLifecycle.Execution>> rows = new HashMap<>();
    }

    /**
     * The executions of one task within the event's transaction: the one the event is about, as an
     * entity, and the others only as {@code (batch, status)} rows when the lifecycle needs them — never
     * every execution as an entity per event (that made each event's cost grow with {@code maxExecutions}:
     * docs/decisions/0030). All of them as entities only when the task begins stopping.
     */
    static final class Executions {
        private final String taskId;
        private final Batch batch;
        ExecutionEntity current;

        Executions(String taskId, ExecutionEntity current, Batch batch) {
            this.taskId = taskId;
            this.current = current;
            this.batch = batch;
        }

        /** An execution this transaction created. */
        void created(ExecutionEntity execution) {
            current = execution;
            batch.executions.put(execution.id, execution);
        }

        /**
         * Every execution's batch and status as they are now: the rows read at the start of the transaction,
         * each replaced by its entity where the transaction holds one (changed or created by its events).
         */
        Uni<List<TaskLifecycle.Execution>> known() {
            Map<String, TaskLifecycle.Execution> rows = batch.rows.get(taskId);
            if (rows == null) {
                return query();
            }
            List<TaskLifecycle.Execution> known = new ArrayList<>(rows.size() + 1);
            rows.forEach((id, row) -> {
                ExecutionEntity e = batch.executions.get(id);
                known.add(e != null && taskId.equals(e.taskId) ? new TaskLifecycle.Execution(e.batch, e.status) : row);
            });
            batch.executions.forEach((id, e) -> {
                if (taskId.equals(e.taskId) && !rows.containsKey(id)) {
                    known.add(new TaskLifecycle.Execution(e.batch, e.status));
                }
            });
            return Uni.createFrom().item(known);
        }

        /** As {@link #known()} from the database (a task whose rows were not read at the start). */
        private Uni<List<TaskLifecycle.Execution>> query() {
            String sql = "select e.batch, e.status from ExecutionEntity e where e.taskId = ?1"
                    + (current == null ? "" : " and e.id <> ?2");
            var query = Panache.getSession().chain(session -> {
                var q = session.createSelectionQuery(sql, Object[].class).setParameter(1, taskId);
                if (current != null) {
                    q.setParameter(2, current.id);
                }
                return q.getResultList();
            });
            return query.map(rows -> {
                List<TaskLifecycle.Execution> known = new ArrayList<>(rows.size() + 1);
                for (Object[] row : rows) {
                    known.add(new TaskLifecycle.Execution(((Number) row[0]).intValue(), (String) row[1]));
                }
                if (current != null) {
                    known.add(new TaskLifecycle.Execution(current.batch, current.status));
                }
                return known;
            });
        }

        /** Every execution as an entity of this session (the current one is the same instance). */
        Uni<List<ExecutionEntity>> all() {
            return ExecutionEntity.<ExecutionEntity>list("taskId = ?1 order by seq", taskId)
                    .map(list -> {
                        list.forEach(e -> batch.executions.putIfAbsent(e.id, e));
                        return new ArrayList<>(list);
                    });
        }
    }

    /**
     * An executor still holds these executions: they were seen now (by task-service's clock, so that a
     * delayed heartbeat still counts from when it arrived). Unknown or finished ones are left alone. In the
     * caller's transaction; no task lock (it changes only {@code lastSeenAt}).
     */
    private Uni<Void> heartbeat(ExecutionHeartbeat h) {
        // by attempt: holding an older attempt of an execution is no sign of life of its current one
        Map<Integer, List<String>> byAttempt = new java.util.TreeMap<>();
        h.executions().stream().filter(held -> held.executionId() != null).forEach(held -> byAttempt
                .computeIfAbsent(held.attemptOrFirst(), a -> new java.util.ArrayList<>()).add(held.executionId()));
        if (byAttempt.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        List<String> live = List.of(ExecutionStatus.QUEUED.wireName(), ExecutionStatus.STARTED.wireName(),
                ExecutionStatus.STOPPING.wireName());
        Uni<Integer> updates = Uni.createFrom().item(0);
        for (Map.Entry<Integer, List<String>> e : byAttempt.entrySet()) {
            updates = updates.chain(n -> ExecutionEntity.update("lastSeenAt = ?1 where taskId = ?2 and id in ?3"
                    + " and status in ?4 and coalesce(attempt, 1) = ?5", now, h.taskId(), e.getValue().stream()
                    .distinct().toList(), live, e.getKey()));
        }
        return updates.replaceWithVoid();
    }

    private Uni<Void> handle(TaskEntity task, Executions executions, ParzenEvent event) {
        if (event instanceof SuggestionsExhausted x) {
            if (task.exhausted) {
                return Uni.createFrom().voidItem();
            }
            task.exhausted = true;
            task.issuedWhenExhausted = x.issued();
            task.updatedAt = Instant.now();
            if (TaskLifecycle.isOptimizerFailure(x.reason()) && !task.isFinal() && !task.isStopping()) {
                // the optimizer could not run this task at all: nothing more will come
                return transitions.finish(task, TaskStatus.ERROR.wireName(), x.reason());
            }
            return decide(task, executions, false, false);
        }
        if (task.isStopping()) {
            task.lastEventAt = Instant.now(); // the stopping timeout counts from the last execution event
        }
        if (TaskStatus.CREATED.is(task.status)) {
            // any execution event starts its task, not only its suggestion: topics are not ordered with each
            // other, so an execution's finish (and, when it is retried, the next attempt) may come first, and the
            // older attempt's suggestion that follows changes nothing
            task.status = TaskStatus.STARTED.wireName();
            task.updatedAt = Instant.now();
        }
        String executionId = executionIdOf(event);
        ExecutionEntity found = executions.current;
        boolean isNew = found == null;
        ExecutionEntity execution = isNew ? newExecution(task, event, executionId) : found;
        if (isNew && task.isStopping()) {
            execution.status = ExecutionStatus.STOPPING.wireName();
        }
        int attempt = attemptOf(event);
        if (!isNew && attempt < execution.attemptOrFirst()) {
            // an older attempt: never changes the current one; its finish is kept in the history
            if (event instanceof ExecutionFinished f) {
                execution.recordAttempt(ended(f, null));
                task.changed(execution);
            }
            LOG.debugf("task %s: %s of attempt %d of %s ignored: attempt %d is current", task.id,
                    event.getClass().getSimpleName(), attempt, executionId, execution.attemptOrFirst());
            return Uni.createFrom().voidItem();
        }
        if (!isNew && attempt > execution.attemptOrFirst()) {
            if (execution.isFinal()) {
                // ended for task-service (e.g. its task was stopping when the lost attempt ended): stays ended
                LOG.infof("task %s: %s of attempt %d of %s ignored: the execution has ended", task.id,
                        event.getClass().getSimpleName(), attempt, executionId);
                return Uni.createFrom().voidItem();
            }
            // the newer attempt's events overtook the older one's finish, which will go to the history
            execution.recordAttempt(new ExecutionAttempt(execution.attemptOrFirst(), execution.status,
                    execution.statusReason, execution.exitCode, execution.startedAt, execution.finishedAt));
            nextAttempt(task, execution, attempt);
        }
        task.changed(execution); // every execution event may change what clients see of it
        Uni<Void> persist = Uni.createFrom().voidItem();
        if (isNew) {
            executions.created(execution);
            persist = execution.persist().replaceWithVoid();
        }
        return persist.chain(() -> {
            if (event instanceof SuggestionRequested s) {
                onSuggestion(task, execution, s);
                return Uni.createFrom().voidItem();
            }
            if (event instanceof ExecutionStarted s) {
                // an execution of a stopping task shows stopping until it has ended
                if (!execution.isFinal() && !ExecutionStatus.STOPPING.is(execution.status)) {
                    execution.status = ExecutionStatus.STARTED.wireName();
                }
                if (execution.startedAt == null) {
                    execution.startedAt = s.occurredAt();
                }
                execution.lastSeenAt = Instant.now();
                return Uni.createFrom().voidItem();
            }
            if (event instanceof MetricLogged m) {
                mergeMetrics(execution, m.sequence(), m.values());
                if (!execution.isFinal()) {
                    execution.lastSeenAt = Instant.now();
                }
                if (execution.isFinal()) {
                    return Uni.createFrom().voidItem();
                }
                Instant at = m.occurredAt() == null ? Instant.now() : m.occurredAt();
                Uni<Void> stopOne = executionStopConditionHolds(task, execution, at)
                        ? requestStop(task, execution, ExecutionStopRequested.STOP_CONDITION)
                        : Uni.createFrom().voidItem();
                return stopOne.chain(() -> decide(task, executions, false, stopConditionHolds(task, execution, at)));
            }
            ExecutionFinished f = (ExecutionFinished) event;
            if (!isNew && execution.isFinal() && !TaskLifecycle.STOPPING_TIMEOUT.equals(execution.statusReason)) {
                return Uni.createFrom().voidItem(); // a twin: the first finish counted
            }
            if (!task.isFinal() && !task.isStopping() && Retries.decide(f, task.spec()) == Retries.Decision.RETRY) {
                // Parzen lost this attempt (or retryOn lists its status): it runs again and counts for nothing
                execution.recordAttempt(ended(f, execution));
                LOG.infof("task %s: execution %s attempt %d ended %s (%s); it runs again as attempt %d", task.id,
                        execution.id, f.attemptOrFirst(), f.status(), f.statusReason(), f.attemptOrFirst() + 1);
                nextAttempt(task, execution, f.attemptOrFirst() + 1);
                return Uni.createFrom().voidItem();
            }
            execution.status = f.status();
            execution.exitCode = f.exitCode();
            execution.statusReason = f.statusReason() != null ? f.statusReason() : f.reason();
            if (execution.startedAt == null) {
                execution.startedAt = f.startedAt();
            }
            execution.finishedAt = f.finishedAt() != null ? f.finishedAt()
                    : f.occurredAt() != null ? f.occurredAt() : Instant.now();
            if (f.metrics() != null && !f.metrics().isEmpty()) {
                Map<String, Object> merged = execution.metricMap();
                merged.putAll(f.metrics());
                execution.metrics = Json.write(merged);
            }
            boolean failed = ExecutionStatus.isFailed(f.status());
            if (failed && !task.isFinal()) {
                task.childErrored = true;
            }
            return decide(task, executions, failed, stopConditionHolds(task, execution, execution.finishedAt));
        });
    }

    /** The attempt an execution event is of (1 when its producer named none). */
    private static int attemptOf(ParzenEvent event) {
        if (event instanceof SuggestionRequested s) {
            return s.attemptOrFirst();
        }
        if (event instanceof ExecutionStarted s) {
            return s.attemptOrFirst();
        }
        if (event instanceof MetricLogged m) {
            return m.attemptOrFirst();
        }
        return ((ExecutionFinished) event).attemptOrFirst();
    }

    /** An ended attempt as its finish tells it; {@code row} (the execution while it was that attempt) fills gaps. */
    private static ExecutionAttempt ended(ExecutionFinished f, ExecutionEntity row) {
        Instant started = f.startedAt() != null ? f.startedAt() : row == null ? null : row.startedAt;
        Instant finished = f.finishedAt() != null ? f.finishedAt() : f.occurredAt() != null ? f.occurredAt()
                : Instant.now();
        return new ExecutionAttempt(f.attemptOrFirst(), f.status(),
                f.statusReason() != null ? f.statusReason() : f.reason(), f.exitCode(), started, finished);
    }

    /**
     * Moves the execution on to attempt {@code next}: queued (stopping in a stopping task) with nothing of the
     * earlier attempt's run; its start timeout counts from now, and from its suggestion once that is seen.
     */
    private static void nextAttempt(TaskEntity task, ExecutionEntity execution, int next) {
        execution.attempt = next;
        execution.status = task.isStopping() ? ExecutionStatus.STOPPING.wireName() : ExecutionStatus.QUEUED.wireName();
        execution.statusReason = null;
        execution.exitCode = null;
        execution.startedAt = null;
        execution.finishedAt = null;
        execution.metrics = "{}";
        execution.metricSequence = 0;
        execution.lastSeenAt = null;
        execution.watchdogAt = null;
        execution.queuedAt = Instant.now();
    }

    private static void onSuggestion(TaskEntity task, ExecutionEntity execution, SuggestionRequested s) {
        if (task.warmStart == null && s.warmStart() != null) {
            task.warmStart = Json.write(s.warmStart()); // the first batch's account of the warm start (ADR 0034)
        }
        if (execution.parameters == null && s.parameters() != null) {
            execution.parameters = Json.write(s.parameters());
        }
        if (execution.source == null) {
            execution.source = s.source();
        }
        if (s.batch() >= 1) {
            execution.batch = s.batch();
        }
        // the start timeout counts from when task-service READ the suggestion, by its own clock like lastSeenAt:
        // under consumer lag the executor's ExecutionStarted waits in the same lag, so timing it from the
        // suggestion's occurredAt would declare executions "not-started" that started long ago (load benchmark
        // (c), docs/benchmarks/load.md)
        if (execution.queuedAt == null) {
            execution.queuedAt = Instant.now();
        } else if (s.attemptOrFirst() > 1 && s.attemptOrFirst() == execution.attemptOrFirst() && !execution.isFinal()
                && execution.startedAt == null) {
            execution.queuedAt = Instant.now(); // a retry's start timeout counts from its suggestion
        }
        if (execution.environment == null) {
            execution.environment = s.environmentOrDefault();
        }
    }

    private Uni<Void> decide(TaskEntity task, Executions executions, boolean childFailed,
            boolean stopConditionHeld) {
        if (task.isFinal()) {
            return Uni.createFrom().voidItem();
        }
        return executions.known().chain(known -> decide(task, executions, known, childFailed, stopConditionHeld));
    }

    private Uni<Void> decide(TaskEntity task, Executions executions, List<TaskLifecycle.Execution> known,
            boolean childFailed, boolean stopConditionHeld) {
        if (task.isStopping()) {
            // its TaskFinished is out; it only waits for its executions to end
            if (TaskLifecycle.stoppingDone(known)) {
                transitions.completeStop(task, Instant.now());
            }
            return Uni.createFrom().voidItem();
        }
        TaskSpec spec = task.spec();
        TaskLifecycle.Facts facts = new TaskLifecycle.Facts(task.maxExecutions, task.batchSize, spec.onChildError(),
                task.exhausted, task.issuedWhenExhausted, known, childFailed, stopConditionHeld,
                spec.maximumQueuedExecutions(), spec.batching());
        return TaskLifecycle.evaluate(facts)
                .map(outcome -> TaskStatus.STOPPED.is(outcome.status())
                        ? executions.all().chain(all -> transitions.beginStopping(task, outcome.reason(), all))
                        : transitions.finish(task, outcome.status(), outcome.reason()))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /**
     * Stops one execution: it shows {@code stopping} (so the request is made once) until its
     * {@code ExecutionFinished} arrives; the executor that runs it stops it. In the same transaction.
     */
    private Uni<Void> requestStop(TaskEntity task, ExecutionEntity execution, String reason) {
        execution.status = ExecutionStatus.STOPPING.wireName();
        execution.statusReason = reason;
        LOG.infof("task %s: execution %s: %s held, stopping it", task.id, execution.id, reason);
        return outbox.add(ExecutionStopRequested.of(task.id, execution.id, reason, Outbox.REQUESTED_BY))
                .replaceWithVoid();
    }

    /** The task's {@code executionStopCondition} holds on this running execution's metadata. */
    private boolean executionStopConditionHolds(TaskEntity task, ExecutionEntity execution, Instant at) {
        if (task.isFinal() || task.isStopping() || ExecutionStatus.STOPPING.is(execution.status)) {
            return false;
        }
        Optional<StopCondition> condition = executionConditions.computeIfAbsent(task.id,
                id -> parse(id, task.spec().executionStopCondition()));
        return condition.isPresent() && holds(task, execution, condition.get(), at);
    }

    private static Optional<StopCondition> parse(String taskId, String expression) {
        try {
            return expression == null ? Optional.empty() : Optional.of(StopCondition.parse(expression));
        } catch (RuntimeException e) {
            LOG.warnf("task %s: stop condition %s does not parse, ignored: %s", taskId, expression, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean holds(TaskEntity task, ExecutionEntity execution, StopCondition condition, Instant at) {
        double duration = execution.startedAt == null || at == null ? 0
                : Math.max(0, Duration.between(execution.startedAt, at).toMillis() / 1000.0);
        try {
            return condition.test(execution.metricMap(), duration);
        } catch (RuntimeException e) {
            LOG.debugf("task %s: stop condition not evaluable on %s: %s", task.id, execution.id, e.getMessage());
            return false;
        }
    }

    private boolean stopConditionHolds(TaskEntity task, ExecutionEntity execution, Instant at) {
        if (task.isFinal() || task.isStopping()) {
            return false;
        }
        Optional<StopCondition> condition = conditions.computeIfAbsent(task.id, id -> {
            String expression = task.spec().earlyStopping();
            try {
                return expression == null ? Optional.empty() : Optional.of(StopCondition.parse(expression));
            } catch (RuntimeException e) {
                LOG.warnf("task %s: stop condition %s does not parse, ignored: %s", id, expression, e.getMessage());
                return Optional.empty();
            }
        });
        if (condition.isEmpty()) {
            return false;
        }
        double duration = execution.startedAt == null || at == null ? 0
                : Math.max(0, Duration.between(execution.startedAt, at).toMillis() / 1000.0);
        try {
            return condition.get().test(execution.metricMap(), duration);
        } catch (RuntimeException e) {
            LOG.debugf("task %s: stop condition not evaluable on %s: %s", task.id, execution.id, e.getMessage());
            return false;
        }
    }

    private static void mergeMetrics(ExecutionEntity execution, int sequence, Map<String, Object> values) {
        Map<String, Object> merged = execution.metricMap();
        if (sequence > execution.metricSequence && !execution.isFinal()) {
            merged.putAll(values);
            execution.metricSequence = sequence;
        } else {
            // an older or repeated line never overwrites a newer value, and after the finish the
            // finish's metrics are the latest values (topics are not ordered with each other)
            values.forEach(merged::putIfAbsent);
            execution.metricSequence = Math.max(execution.metricSequence, sequence);
        }
        execution.metrics = Json.write(merged);
    }

    private static ExecutionEntity newExecution(TaskEntity task, ParzenEvent event, String executionId) {
        ExecutionEntity e = new ExecutionEntity();
        e.id = executionId;
        e.taskId = task.id;
        e.seq = seqOf(event, executionId);
        e.batch = e.seq >= 1 && task.batchSize >= 1 ? (e.seq - 1) / task.batchSize + 1 : 0;
        e.status = event instanceof SuggestionRequested ? ExecutionStatus.QUEUED.wireName() : ExecutionStatus.STARTED.wireName();
        e.attempt = attemptOf(event);
        e.metrics = "{}";
        return e;
    }

    private static int seqOf(ParzenEvent event, String executionId) {
        if (event instanceof SuggestionRequested s) {
            return s.seq();
        }
        if (event instanceof ExecutionStarted s && s.seq() >= 1) {
            return s.seq();
        }
        if (event instanceof ExecutionFinished f && f.seq() >= 1) {
            return f.seq();
        }
        // an event without its sequence number: the one in the deterministic execution id, if any
        return ExecutionId.tryParse(executionId).map(ExecutionId::seq).orElse(0);
    }

    private static String executionIdOf(ParzenEvent event) {
        if (event instanceof SuggestionRequested s) {
            return s.executionId();
        }
        if (event instanceof ExecutionStarted s) {
            return s.executionId();
        }
        if (event instanceof MetricLogged m) {
            return m.executionId();
        }
        return ((ExecutionFinished) event).executionId();
    }
}
