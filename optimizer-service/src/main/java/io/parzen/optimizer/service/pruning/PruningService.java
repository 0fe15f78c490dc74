package io.parzen.optimizer.service.pruning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parzen.events.Events;
import io.parzen.events.ExecutionStopRequested;
import io.parzen.events.MetricLogged;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.StatusReason;
import io.parzen.optimizer.pruning.Direction;
import io.parzen.optimizer.pruning.LearningCurve;
import io.parzen.optimizer.pruning.PruningStudy;
import io.parzen.optimizer.service.outbox.Outbox;
import io.parzen.optimizer.service.study.StudyEntity;
import io.parzen.optimizer.service.study.StudyStatus;
import io.parzen.optimizer.service.study.TrialEntity;
import io.parzen.optimizer.study.TrialState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Trial pruning in the service (ADR 0031): records each reported value of a task that has a pruner as its
 * execution's learning curve and asks the task's rule, after every reported step, whether to stop the
 * execution; when it says so, writes {@code ExecutionStopRequested(reason "pruned", requestedBy
 * "optimizer-service")} to the outbox, once per execution.
 *
 * <p>One transaction per {@code MetricLogged}, holding the study's row lock (the lock the study's other use
 * cases take), so the curves the rule sees and the decision are consistent and a redelivered record decides
 * nothing twice: a step reported again keeps its first value, and an execution asked to stop is never asked
 * again. Every decision is taken from the stored curves, so a restart or a rebalance loses nothing.
 */
@ApplicationScoped
public class PruningService {

    private static final Logger LOG = Logger.getLogger(PruningService.class);
    private static final TypeReference<TreeMap<Long, Double>> STEPS = new TypeReference<>() {
    };
    /** Who asks (the event's {@code requestedBy}). */
    public static final String REQUESTED_BY = "optimizer-service";
    private static final int KNOWN_TASKS = 10_000;

    private final Outbox outbox;
    /** Tasks known to have no pruner (a spec never changes): their metrics cost one map look-up. */
    private final Map<String, Boolean> unpruned = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > KNOWN_TASKS;
                }
            });

    public PruningService(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Records one metadata line of an execution and, when the task's rule says so, asks to stop it.
     *
     * @return true when a stop request was written (committed once the Uni completes)
     */
    public Uni<Boolean> metricLogged(MetricLogged event) {
        String taskId = event.taskId();
        if (unpruned.containsKey(taskId)) {
            return Uni.createFrom().item(false);
        }
        return Panache.withTransaction(() -> StudyEntity.<StudyEntity>findById(taskId, LockModeType.PESSIMISTIC_WRITE)
                .chain(study -> {
                    if (study == null || study.spec == null) {
                        return Uni.createFrom().item(false); // not (yet) a study here; metrics of unknown tasks
                    }
                    TaskPruner rule = rule(study);
                    if (rule == null) {
                        unpruned.put(taskId, Boolean.TRUE);
                        return Uni.createFrom().item(false);
                    }
                    Long step = rule.step(event.values());
                    Double loss = rule.loss(event.values());
                    if (step == null || loss == null) {
                        return Uni.createFrom().item(false); // a line without the step or the metric reports nothing
                    }
                    return TrialEntity.<TrialEntity>findById(event.executionId())
                            .chain(trial -> trial == null || !trial.taskId.equals(taskId)
                                    ? Uni.createFrom().item(false)
                                    : report(study, rule, trial, event.attemptOrFirst(), step, loss));
                }));
    }

    private Uni<Boolean> report(StudyEntity study, TaskPruner rule, TrialEntity trial, int attempt, long step,
            double loss) {
        return CurveEntity.<CurveEntity>findById(trial.executionId).chain(found -> {
            CurveEntity curve = found;
            boolean fresh = curve == null;
            if (fresh) {
                curve = new CurveEntity();
                curve.executionId = trial.executionId;
                curve.taskId = trial.taskId;
                curve.seq = trial.seq;
                curve.attempt = attempt;
                curve.values = "{}";
            } else if (attempt < curve.attempt) {
                return Uni.createFrom().item(false); // a line of an attempt that was run again
            } else if (attempt > curve.attempt) {
                curve.attempt = attempt; // a retried execution reports from the start again
                curve.values = "{}";
                curve.stopRequestedAt = null;
                curve.stopStep = null;
            }
            TreeMap<Long, Double> values = read(curve.values);
            if (values.containsKey(step)) {
                return Uni.createFrom().item(false); // redelivered, or a step reported twice: the first value stays
            }
            values.put(step, loss);
            curve.values = json(values);
            CurveEntity current = curve;
            Uni<Boolean> saved = fresh ? curve.persist().replaceWith(false) : Uni.createFrom().item(false);
            if (trial.state != TrialState.PENDING || curve.stopRequestedAt != null
                    || study.status != StudyStatus.ACTIVE || trial.attemptOrFirst() != attempt) {
                return saved; // the value is kept for the others' decisions; this one is decided already
            }
            return saved.chain(() -> decide(study, rule, trial, current, step));
        });
    }

    private Uni<Boolean> decide(StudyEntity study, TaskPruner rule, TrialEntity trial, CurveEntity curve, long step) {
        // one session: its queries run one after the other
        return TrialEntity.<TrialEntity>list("taskId = ?1", Sort.by("seq"), study.taskId)
                .chain(trials -> CurveEntity.<CurveEntity>list("taskId = ?1", study.taskId).chain(stored -> {
                    Map<String, CurveEntity> curves = stored.stream()
                            .collect(Collectors.toMap(c -> c.executionId, Function.identity()));
                    curves.put(curve.executionId, curve);
                    List<LearningCurve> all = new ArrayList<>();
                    LearningCurve judged = null;
                    for (TrialEntity t : trials) {
                        LearningCurve c = curve(t, curves.get(t.executionId));
                        all.add(c);
                        if (t.executionId.equals(trial.executionId)) {
                            judged = c;
                        }
                    }
                    PruningStudy view = new PruningStudy(study.taskId, Direction.MINIMIZE, all);
                    if (judged == null || !rule.pruner().shouldPrune(view, judged)) {
                        return Uni.createFrom().item(false);
                    }
                    Instant now = Instant.now();
                    curve.stopRequestedAt = now;
                    curve.stopStep = step;
                    LOG.infof("Task %s: %s pruner stops execution %s at step %d", study.taskId, rule.pruner().type(),
                            trial.executionId, step);
                    return outbox.entry(ExecutionStopRequested.of(study.taskId, trial.executionId,
                            StatusReason.PRUNED.wireName(), REQUESTED_BY)).persist().replaceWith(true);
                }));
    }

    /** A trial as the pruning rules see it: a pending trial already asked to stop counts as pruned. */
    static LearningCurve curve(TrialEntity t, CurveEntity c) {
        TreeMap<Long, Double> values = c == null || c.attempt != t.attemptOrFirst() ? new TreeMap<>() : read(c.values);
        TrialState state = switch (t.state) {
            case PENDING -> c != null && c.stopRequestedAt != null ? TrialState.PRUNED : TrialState.PENDING;
            case COMPLETE -> t.loss == null ? TrialState.FAILED : TrialState.COMPLETE;
            default -> t.state;
        };
        return new LearningCurve(t.seq, state, values);
    }

    /** The last reported step and loss of an execution's curve (for the model), or null without one. */
    public static Map.Entry<Long, Double> last(CurveEntity c) {
        if (c == null) {
            return null;
        }
        TreeMap<Long, Double> values = read(c.values);
        if (values.isEmpty()) {
            return null;
        }
        Map.Entry<Long, Double> e = values.lastEntry();
        return Map.entry(e.getKey(), e.getValue() == null ? Double.NaN : e.getValue());
    }

    private static TaskPruner rule(StudyEntity study) {
        try {
            return TaskPruner.of(Events.mapper().readValue(study.spec, TaskSpec.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored spec of task " + study.taskId + " is not JSON", e);
        } catch (RuntimeException e) {
            LOG.debugf("Task %s: pruner not usable (%s); nothing is pruned", study.taskId, e.getMessage());
            return null; // an invalid pruner made the study INVALID at TaskCreated
        }
    }

    static TreeMap<Long, Double> read(String json) {
        try {
            return Events.mapper().readValue(json, STEPS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored learning curve is not JSON: " + json, e);
        }
    }

    private static String json(Map<Long, Double> values) {
        // NaN is not JSON: stored as null, read back as NaN (LearningCurve)
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<Long, Double> e : values.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            Double v = e.getValue();
            b.append('"').append(e.getKey()).append("\":").append(v == null || v.isNaN() || v.isInfinite() ? "null" : v);
        }
        return b.append('}').toString();
    }
}
