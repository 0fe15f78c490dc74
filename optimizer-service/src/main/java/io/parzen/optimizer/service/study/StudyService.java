package io.parzen.optimizer.service.study;

import io.parzen.optimizer.study.Seeds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.FirstBatch;
import io.parzen.events.Retries;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.SuggestionsExhausted;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskFinished;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.ExhaustedReason;
import io.parzen.optimizer.engine.Proposal;
import io.parzen.optimizer.service.outbox.Outbox;
import io.parzen.optimizer.service.pruning.CurveEntity;
import io.parzen.optimizer.service.pruning.PruningService;
import io.parzen.optimizer.service.pruning.TaskPruner;
import io.parzen.events.vocabulary.StatusReason;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import io.parzen.optimizer.study.TrialState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.parzen.messaging.inbound.BatchInbound;
import io.parzen.messaging.inbound.BatchInbound.Traced;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * The optimizer's use cases: create a study from a task, record results and issue the next
 * suggestions, finish a study. Every use case is one database transaction that locks the study row,
 * changes the state and writes the events to the outbox; nothing is published directly.
 *
 * <p>Idempotent: a second {@code TaskCreated} of a task, a second {@code ExecutionFinished} of an
 * execution and a second {@code TaskFinished} change nothing. Proposals are computed on a worker
 * thread (an engine may take hundreds of milliseconds) and the transaction continues on the Vert.x
 * context it started on.
 */
@ApplicationScoped
public class StudyService {

    private static final Logger LOG = Logger.getLogger(StudyService.class);
    private static final TypeReference<Map<String, Object>> POINT = new TypeReference<>() {
    };

    private final Outbox outbox;

    /** Loop latency and proposal time (parzen_loop_latency_seconds, parzen_proposal_seconds). */
    @jakarta.inject.Inject
    io.parzen.optimizer.service.observability.OptimizerMeters meters;

    public StudyService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A study and its trials in issue order, read in one session. */
    public record Snapshot(StudyEntity study, List<TrialEntity> trials) {
    }

    /**
     * Creates the study of a task and issues its first batch. A task already known (even one that
     * only its {@code TaskFinished} made known) is left alone.
     *
     * @return a failure with {@link InvalidTaskSpecException} or {@link io.parzen.optimizer.space.SpaceException}
     *         when the spec cannot run: the study is then stored as {@link StudyStatus#INVALID} and
     *         {@code SuggestionsExhausted(}{@link ExhaustedReason#INVALID_SPEC}{@code )} is written, so that the task does not wait forever
     */
    public Uni<Void> taskCreated(TaskCreated event) {
        String taskId = event.taskId();
        long seed = Seeds.taskSeed(event.task().seed(), taskId);
        StudyPlan plan;
        try {
            plan = StudyPlan.of(event.task(), seed);
            TaskPruner.of(event.task()); // a pruner the optimizer cannot run makes the spec invalid (ADR 0031)
        } catch (RuntimeException e) {
            return reject(event, e);
        }
        return inTransaction(() -> lock(taskId).chain(existing -> {
            if (existing != null) {
                if (existing.project == null) {
                    existing.project = event.project(); // a tombstone (TaskFinished came first) learns its project
                }
                LOG.debugf("Task %s: study exists (%s); TaskCreated %s ignored", taskId, existing.status,
                        event.eventId());
                return Uni.createFrom().voidItem();
            }
            StudyEntity study = newStudy(taskId, StudyStatus.ACTIVE, event.task());
            study.project = event.project();
            study.type = event.task().type();
            study.engine = plan.engineName();
            study.seed = seed;
            LOG.infof("Task %s: study created (%s, engine %s, max %d, batch %d)", taskId, study.type, study.engine,
                    event.task().maxExecutions(), event.task().batchSize());
            return warmStart(study, event.task(), plan)
                    .chain(() -> study.<StudyEntity>persist())
                    .chain(() -> issue(study, plan, List.of()))
                    .replaceWithVoid();
        }));
    }

    /**
     * Derives and stores a new study's warm start (docs/decisions/0034) from the stored trials of the tasks of
     * {@code warmStartFrom}; nothing for a task without it. Stored with the study, so that every later batch,
     * after a restart or on another instance, sees the same prior observations.
     */
    private static Uni<Void> warmStart(StudyEntity study, TaskSpec spec, StudyPlan plan) {
        if (spec.warmStartFrom() == null || spec.warmStartFrom().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = spec.warmStartFrom();
        return StudyEntity.<StudyEntity>list("taskId in ?1", ids).chain(studies -> TrialEntity
                .<TrialEntity>list("taskId in ?1", Sort.by("taskId").and("seq"), ids).map(trials -> {
                    Map<String, StudyEntity> byId = new LinkedHashMap<>();
                    studies.forEach(s -> byId.put(s.taskId, s));
                    Map<String, List<TrialEntity>> trialsById = new LinkedHashMap<>();
                    trials.forEach(t -> trialsById.computeIfAbsent(t.taskId, k -> new ArrayList<>()).add(t));
                    WarmStarts.Derived derived = WarmStarts.derive(spec, plan, byId, trialsById);
                    study.warmPriors = WarmStarts.priorsJson(derived.priors());
                    study.warmReport = WarmStarts.json(derived.report());
                    LOG.infof("Task %s: warm start with %d prior observations (%s)", study.taskId,
                            derived.report().observations(), derived.report().sources());
                    return null;
                })).replaceWithVoid();
    }

    /**
     * Records the result of an execution and, when a batch is due, issues it. Unknown executions, results
     * already recorded and finishes of an older attempt than the execution's current one are ignored.
     *
     * <p>An attempt that the retry rule ({@link Retries#decide(ExecutionFinished, TaskSpec)}, docs/decisions/0023)
     * says to run again is not a result: while the study is active, the same suggestion is issued again as
     * attempt + 1 (same execution id, seq, batch, parameters and commands), the trial stays pending (so a
     * synchronous study's next batch waits for it) and the engine sees nothing. A study that is no longer active
     * (its task finished or stopped) re-issues nothing: the attempt is then the execution's result.
     */
    public Uni<Void> executionFinished(ExecutionFinished event) {
        return inTransaction(() -> lock(event.taskId()).chain(study -> PendingTrials
                .load(List.of(event.taskId()), List.of(event.executionId()))
                .chain(trials -> finish(study, event, trials))));
    }

    /**
     * Applies the finishes of a consumer's poll in ONE transaction (docs/decisions/0037): grouped by task, each
     * task's finishes in their list order (the partition order), the studies locked by one
     * {@code SELECT … FOR UPDATE} ordered by task id (so that two consumers never wait for each other in a
     * cycle), then every finish handled exactly as {@link #executionFinished} handles it alone — the same
     * idempotency, attempt, retry, pruning and constraint rules, and the same decision whether a batch is due,
     * taken on the study state that finish leaves (a synchronous study's batch is due only on the last finish
     * of the running batch, so a poll's finishes of one task lead to one proposal, on the same state, batch
     * number and {@link Seeds#forBatch} seed as one at a time). Each finish runs in its {@code trace}.
     *
     * <p>After the locks, ONE query reads each finish's trial and the tasks' pending trials ({@link PendingTrials},
     * docs/decisions/0040); the finishes then run no statement of their own, only a batch that is due reads its
     * task's trials, and the changes are written at the commit.
     */
    public Uni<Void> executionsFinished(List<Traced<ExecutionFinished>> finishes) {
        return inTransaction(() -> executionsFinishedWithin(finishes));
    }

    /** The work of {@link #executionsFinished} inside the caller's transaction. */
    Uni<Void> executionsFinishedWithin(List<Traced<ExecutionFinished>> finishes) {
        Map<String, List<Traced<ExecutionFinished>>> byTask = new TreeMap<>();
        for (Traced<ExecutionFinished> f : finishes) {
            byTask.computeIfAbsent(f.event().taskId(), id -> new ArrayList<>()).add(f);
        }
        return StudyEntity.<StudyEntity>find("taskId in ?1 order by taskId",
                        List.copyOf(byTask.keySet()))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(list -> PendingTrials.load(byTask.keySet(),
                        finishes.stream().map(f -> f.event().executionId()).toList()).chain(trials -> {
                    Map<String, StudyEntity> locked = new HashMap<>();
                    list.forEach(s -> locked.put(s.taskId, s));
                    List<Supplier<Uni<Void>>> steps = new ArrayList<>();
                    for (Map.Entry<String, List<Traced<ExecutionFinished>>> entry : byTask.entrySet()) {
                        StudyEntity study = locked.get(entry.getKey());
                        for (Traced<ExecutionFinished> f : entry.getValue()) {
                            steps.add(() -> f.within(() -> finish(study, f.event(), trials)));
                        }
                    }
                    return BatchInbound.sequentially(steps);
                }));
    }

    /**
     * The work of {@link #executionFinished} on the study row its transaction holds locked (or null), with the
     * trials that transaction read after the lock.
     */
    private Uni<Void> finish(StudyEntity study, ExecutionFinished event, PendingTrials trials) {
        String taskId = event.taskId();
        if (study == null || study.status == StudyStatus.INVALID) {
            LOG.debugf("Task %s: no study; ExecutionFinished of %s ignored", taskId, event.executionId());
            return Uni.createFrom().voidItem();
        }
        TrialEntity trial = trials.trial(event.executionId());
        if (trial == null || !trial.taskId.equals(taskId)) {
            LOG.warnf("Task %s: execution %s was not suggested by this optimizer; ignored", taskId,
                    event.executionId());
            return Uni.createFrom().voidItem();
        }
        if (trial.state != TrialState.PENDING) {
            LOG.debugf("Task %s: result of %s already recorded; duplicate ignored", taskId, trial.executionId);
            return Uni.createFrom().voidItem();
        }
        int attempt = event.attemptOrFirst();
        if (attempt < trial.attemptOrFirst()) {
            LOG.debugf("Task %s: finish of attempt %d of %s is stale (attempt %d is current); ignored", taskId,
                    attempt, trial.executionId, trial.attemptOrFirst());
            return Uni.createFrom().voidItem();
        }
        trial.attempt = attempt;
        TaskSpec spec = study.spec();
        if (study.status == StudyStatus.ACTIVE && Retries.decide(event, spec) == Retries.Decision.RETRY) {
            return retry(study, spec, trial, event);
        }
        return prunedCurve(event).chain(curve -> {
            record(trial, Objective.of(spec.target()), Objectives.of(spec), event);
            recordConstraints(trial, Constraints.of(spec), event);
            if (curve != null) {
                recordPruned(trial, Objective.of(spec.target()), event, curve);
            }
            study.updatedAt = Instant.now();
            if (study.status != StudyStatus.ACTIVE || study.exhausted) {
                return Uni.createFrom().voidItem();
            }
            StudyPlan plan;
            try {
                plan = StudyPlan.of(spec, study.seed);
            } catch (RuntimeException e) {
                return engineFailed(study, e);
            }
            int issuedBefore = study.nextSeq;
            // the trials are read only when a batch can be due: a finish inside a running synchronous batch
            // (9 of 10 in a batch of 10) issues nothing, and then the pending count is all it needs
            if (plan.slots(study.issued(), trials.pending(taskId)) == 0) {
                return Uni.createFrom().voidItem();
            }
            return trials.all(taskId)
                    .chain(all -> issue(study, plan, all))
                    .invoke(issued -> {
                        trials.issued(issued);
                        if (study.nextSeq > issuedBefore) { // suggest() stamped its events with updatedAt
                            meters.loop(event.occurredAt(), study.updatedAt);
                        }
                    })
                    .replaceWithVoid();
        });
    }

    /** Marks the study finished: results are still recorded, nothing more is suggested. */
    public Uni<Void> taskFinished(TaskFinished event) {
        String taskId = event.taskId();
        return inTransaction(() -> lock(taskId).chain(study -> {
            if (study == null) {
                // TaskFinished overtook TaskCreated (other topic): remember it, so the task never starts
                StudyEntity tombstone = newStudy(taskId, StudyStatus.FINISHED, null);
                tombstone.finishedReason = event.reason();
                LOG.infof("Task %s: finished (%s) before its study was created", taskId, event.reason());
                return tombstone.persist().replaceWithVoid();
            }
            if (study.status == StudyStatus.ACTIVE || study.status == StudyStatus.ERROR) {
                study.status = StudyStatus.FINISHED;
                study.finishedReason = event.reason();
                study.updatedAt = Instant.now();
                LOG.infof("Task %s: study finished (%s) after %d suggestions", taskId, event.reason(), study.issued());
            }
            return Uni.createFrom().voidItem();
        }));
    }

    /** The study of a task with its trials, if it exists. */
    public Uni<Optional<Snapshot>> find(String taskId) {
        return Panache.withSession(() -> StudyEntity.<StudyEntity>findById(taskId).chain(study -> study == null
                ? Uni.createFrom().item(Optional.<Snapshot>empty())
                : TrialEntity.<TrialEntity>list("taskId = ?1", Sort.by("seq"), taskId)
                        .map(trials -> Optional.of(new Snapshot(study, trials)))));
    }

    /** The stored point of a trial. */
    public static Map<String, Object> point(TrialEntity trial) {
        try {
            return Events.mapper().readValue(trial.point, POINT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored point of " + trial.executionId + " is not JSON", e);
        }
    }

    // --- issuing suggestions ---------------------------------------------------------------------------

    /** Issues the batch that is due, if any; answers the trials it issued (persisted in this transaction). */
    private Uni<List<TrialEntity>> issue(StudyEntity study, StudyPlan plan, List<TrialEntity> trials) {
        if (study.status != StudyStatus.ACTIVE || study.exhausted) {
            return Uni.createFrom().item(List.of());
        }
        if (firstBatchFailed(trials)) {
            // task-service ends such a task with error (first-batch-failed): its command is broken, and
            // another batch would only burn machines (architecture, Valohai compatibility rule 10)
            LOG.infof("Task %s: every execution of the first batch failed; no further batch", study.taskId);
            return Uni.createFrom().item(List.of());
        }
        int pending = (int) trials.stream().filter(t -> t.state == TrialState.PENDING).count();
        int n = plan.slots(study.issued(), pending);
        if (n == 0) {
            return Uni.createFrom().item(List.of());
        }
        int batch = study.currentBatch + 1;
        // a warm-started study's prior observations come first; they are no trials of this task (ADR 0034)
        Study view = io.parzen.optimizer.warmstart.WarmStart.withPriors(
                plan.study(trials.stream().map(t -> trial(t, plan)).toList()), WarmStarts.priors(study, plan));
        RandomGenerator random = Seeds.forBatch(study.seed, batch);
        Executor back = onThisContext();
        return Uni.createFrom().item(() -> meters.timeProposal(plan.engineName(),
                        () -> plan.engine().propose(view, n, random)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(back)
                .onItemOrFailure().transformToUni((proposals, failure) -> failure != null
                        ? engineFailed(study, failure).replaceWith(List.<TrialEntity>of())
                        : suggest(study, plan, batch, n, proposals));
    }

    /**
     * Runs an execution again: its suggestion as attempt + 1, through the outbox in this transaction; the trial
     * records the new attempt, so that this finish, replayed, is stale.
     */
    private Uni<Void> retry(StudyEntity study, TaskSpec spec, TrialEntity trial, ExecutionFinished event) {
        StudyPlan plan;
        try {
            plan = StudyPlan.of(spec, study.seed);
        } catch (RuntimeException e) {
            return engineFailed(study, e);
        }
        int next = event.attemptOrFirst() + 1;
        Instant now = Instant.now();
        trial.attempt = next;
        study.updatedAt = now;
        LOG.infof("Task %s: execution %s attempt %d ended %s (%s); running it again as attempt %d of %d", study.taskId,
                trial.executionId, event.attemptOrFirst(), event.status(), event.statusReason(), next,
                spec.maxRetriesOrDefault() + 1);
        return outbox.entry(request(study, plan, trial, point(trial), now).withAttempt(next)).persist()
                .replaceWithVoid();
    }

    /** The suggestion of a trial as its first attempt sends it (attempt left out: 1). */
    private static SuggestionRequested request(StudyEntity study, StudyPlan plan, TrialEntity trial,
            Map<String, Object> parameters, Instant now) {
        TaskSpec spec = plan.spec();
        SuggestionRequested request = new SuggestionRequested(Events.newEventId(), Events.SCHEMA_VERSION, study.taskId, now,
                trial.executionId, trial.seq, trial.batch, parameters, trial.source, spec.command(),
                spec.workingDirectory(), plan.passAs(), spec.timeLimitSeconds(), spec.environmentVariables(),
                spec.commands(), spec.inputs(), Events.projectOrDefault(study.project), plan.multiple(),
                plan.multipleSeparator(), spec.environmentOrDefault(), spec.image(), null);
        // the first batch tells task-service how the task was warm-started (ADR 0034)
        return trial.batch == 1 && study.warmReport != null ? request.withWarmStart(WarmStarts.report(study)) : request;
    }

    private Uni<List<TrialEntity>> suggest(StudyEntity study, StudyPlan plan, int batch, int asked,
            List<Proposal> proposals) {
        Instant now = Instant.now();
        List<Proposal> accepted = proposals.size() > asked ? proposals.subList(0, asked) : proposals;
        List<PanacheEntityBase> rows = new ArrayList<>(accepted.size() * 2 + 1);
        List<TrialEntity> issued = new ArrayList<>(accepted.size());
        for (Proposal proposal : accepted) {
            int seq = study.nextSeq++;
            String executionId = Events.executionId(study.taskId, seq);
            Map<String, Object> parameters = new LinkedHashMap<>(proposal.point());
            TrialEntity trial = new TrialEntity();
            trial.executionId = executionId;
            trial.taskId = study.taskId;
            trial.seq = seq;
            trial.batch = batch;
            trial.point = json(parameters);
            trial.source = proposal.source().wireName();
            trial.state = TrialState.PENDING;
            trial.attempt = Events.FIRST_ATTEMPT;
            trial.createdAt = now;
            rows.add(trial);
            issued.add(trial);
            rows.add(outbox.entry(request(study, plan, trial, parameters, now)));
        }
        if (!accepted.isEmpty()) {
            study.currentBatch = batch;
            LOG.infof("Task %s: batch %d, %d suggestions (seq %d..%d)", study.taskId, batch, accepted.size(),
                    study.nextSeq - accepted.size(), study.nextSeq - 1);
        }
        if (accepted.size() < asked) {
            study.exhausted = true;
            rows.add(outbox.entry(SuggestionsExhausted.of(study.taskId, study.issued(), plan.exhaustedReason())));
            LOG.infof("Task %s: %s after %d suggestions", study.taskId, plan.exhaustedReason(), study.issued());
        }
        study.updatedAt = now;
        return PanacheEntityBase.persist(rows).replaceWith(issued);
    }

    private Uni<Void> engineFailed(StudyEntity study, Throwable failure) {
        LOG.errorf(failure, "Task %s: the engine failed; no more suggestions for this task", study.taskId);
        study.status = StudyStatus.ERROR;
        study.lastError = String.valueOf(failure);
        study.exhausted = true;
        study.updatedAt = Instant.now();
        return outbox.entry(SuggestionsExhausted.of(study.taskId, study.issued(), ExhaustedReason.OPTIMIZER_ERROR))
                .persist().replaceWithVoid();
    }

    private Uni<Void> reject(TaskCreated event, RuntimeException cause) {
        String taskId = event.taskId();
        LOG.warnf("Task %s: invalid task spec, TaskCreated %s goes to the dead-letter topic: %s", taskId,
                event.eventId(), cause.getMessage());
        Uni<Void> remember = inTransaction(() -> lock(taskId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            StudyEntity study = newStudy(taskId, StudyStatus.INVALID, event.task());
            study.type = event.task() == null ? null : event.task().type();
            study.lastError = cause.getMessage();
            study.exhausted = true;
            return study.persist()
                    .chain(() -> outbox.entry(SuggestionsExhausted.of(taskId, 0, ExhaustedReason.INVALID_SPEC)).persist())
                    .replaceWithVoid();
        }));
        return remember.onItemOrFailure().transformToUni((ignored, failure) -> {
            if (failure != null) {
                LOG.warnf(failure, "Task %s: could not store the invalid study", taskId);
            }
            return Uni.createFrom().failure(cause);
        });
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /**
     * Every execution of batch 1 has ended failed: {@link FirstBatch#failed}, the rule task-service
     * applies too (a run that completed without the metric does not count). The optimizer issued the
     * batch, so its size is the number of its trials.
     */
    static boolean firstBatchFailed(List<TrialEntity> trials) {
        List<String> first = trials.stream().filter(t -> t.batch == 1).map(t -> t.executionStatus).toList();
        return FirstBatch.failed(first.size(), first);
    }

    /** Records the result; a trial without a usable metric value is FAILED, never given a made-up loss. */
    private static void record(TrialEntity trial, Objective objective, Objectives objectives, ExecutionFinished event) {
        if (objectives != null) { // several objectives: a loss vector, or a failed trial
            java.util.Optional<double[]> losses = objectives.losses(event.status(), event.metrics());
            trial.executionStatus = event.status();
            trial.finishedAt = event.finishedAt() != null ? event.finishedAt() : Instant.now();
            trial.state = losses.isPresent() ? TrialState.COMPLETE : TrialState.FAILED;
            trial.loss = null;
            trial.losses = losses.map(StudyService::json).orElse(null);
            return;
        }
        OptionalDouble metric = objective.metricValue(event.metrics());
        OptionalDouble loss = objective.loss(event.status(), event.metrics());
        trial.metricValue = metric.isPresent() ? metric.getAsDouble() : null;
        trial.executionStatus = event.status();
        trial.finishedAt = event.finishedAt() != null ? event.finishedAt() : Instant.now();
        if (loss.isPresent()) {
            trial.state = TrialState.COMPLETE;
            trial.loss = loss.getAsDouble();
        } else if (!objective.defined() && ExecutionFinished.COMPLETE.equals(event.status())) {
            // a task without a target (e.g. a grid): the execution ran fine, there is just nothing to score
            trial.state = TrialState.COMPLETE;
            trial.loss = null;
        } else {
            trial.state = TrialState.FAILED;
            trial.loss = null;
        }
    }

    /**
     * The constraint values of a complete trial of a task with constraints (ADR 0033), from the execution's final
     * metadata; none for other trials and tasks.
     */
    private static void recordConstraints(TrialEntity trial, Constraints constraints, ExecutionFinished event) {
        trial.constraintValues = constraints == null || trial.state != TrialState.COMPLETE ? null
                : json(Constraints.stored(constraints.values(event.metrics())));
    }

    /** The stored constraint values of a trial, or null. */
    public static double[] constraintValues(TrialEntity t) {
        if (t.constraintValues == null) {
            return null;
        }
        try {
            return Constraints.fromStored(Events.mapper().readValue(t.constraintValues,
                    new com.fasterxml.jackson.core.type.TypeReference<List<Double>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored constraint values of " + t.executionId + " are not a JSON array", e);
        }
    }

    /**
     * The learning curve of an execution the pruner stopped ({@code stopped}, {@code pruned}), or null for any
     * other finish; an empty curve when the execution has none stored.
     */
    private static Uni<CurveEntity> prunedCurve(ExecutionFinished event) {
        if (!ExecutionFinished.STOPPED.equals(event.status())
                || !StatusReason.PRUNED.wireName().equals(event.statusReason())) {
            return Uni.createFrom().nullItem();
        }
        return CurveEntity.<CurveEntity>findById(event.executionId())
                .map(c -> c != null ? c : new CurveEntity());
    }

    /**
     * A pruned execution (ADR 0031): state {@code PRUNED}, its loss the last reported value's and its last step,
     * as Optuna keeps a pruned trial's last intermediate value for TPE; without a stored curve, the metric's last
     * value from the finish, without a step. Nothing reported at all: failed.
     */
    private static void recordPruned(TrialEntity trial, Objective objective, ExecutionFinished event, CurveEntity curve) {
        Map.Entry<Long, Double> last = curve.values == null || curve.attempt != trial.attemptOrFirst() ? null
                : PruningService.last(curve);
        OptionalDouble metric = objective.metricValue(event.metrics());
        if (last != null) {
            trial.state = TrialState.PRUNED;
            trial.loss = last.getValue().isNaN() ? null : last.getValue();
            trial.lastStep = last.getKey();
        } else if (metric.isPresent() && objective.defined()) {
            trial.state = TrialState.PRUNED;
            trial.loss = objective.lossOf(metric.getAsDouble());
            trial.lastStep = null;
        }
    }

    /** A stored trial as the engine sees it; a complete trial without a loss counts as failed for the engine. */
    private static Trial trial(TrialEntity t, StudyPlan plan) {
        Map<String, Object> point = plan.normalize(point(t));
        if (t.state == TrialState.COMPLETE && t.losses != null) {
            return new Trial(t.seq, point, TrialState.COMPLETE, null, null, lossVector(t), constraintValues(t));
        }
        if (t.state == TrialState.COMPLETE && t.loss != null) {
            return new Trial(t.seq, point, TrialState.COMPLETE, t.loss, null, null, constraintValues(t));
        }
        if (t.state == TrialState.PRUNED) {
            return new Trial(t.seq, point, TrialState.PRUNED, t.loss, t.lastStep);
        }
        return new Trial(t.seq, point, t.state == TrialState.PENDING ? TrialState.PENDING : TrialState.FAILED, null);
    }

    /** The stored loss vector of a multi-objective trial as a list, or null (single objective, not complete). */
    public static List<Double> losses(TrialEntity t) {
        return t.losses == null ? null : java.util.Arrays.stream(lossVector(t)).boxed().toList();
    }

    /** The stored loss vector of a multi-objective trial. */
    private static double[] lossVector(TrialEntity t) {
        try {
            return Events.mapper().readValue(t.losses, double[].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored losses of " + t.executionId + " are not a JSON array", e);
        }
    }

    private static StudyEntity newStudy(String taskId, StudyStatus status, TaskSpec spec) {
        StudyEntity study = new StudyEntity();
        study.taskId = taskId;
        study.status = status;
        study.spec = spec == null ? null : json(spec);
        study.nextSeq = 1;
        study.currentBatch = 0;
        study.createdAt = Instant.now();
        study.updatedAt = study.createdAt;
        return study;
    }

    private static String json(Object value) {
        try {
            return Events.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Uni<StudyEntity> lock(String taskId) {
        return StudyEntity.findById(taskId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Runs {@code work} in a transaction; retried (at most twice) when two events of a new task raced to
     * insert its study row, so that the loser sees the winner's row.
     */
    private static <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).onFailure(StudyService::isUniqueViolation).retry().atMost(2);
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("23505") || message.contains("duplicate key"))) {
                return true;
            }
        }
        return false;
    }

    /** An executor that continues on the current Vert.x context, where the reactive session lives. */
    private static Executor onThisContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> context.runOnContext(v -> task.run());
    }
}
