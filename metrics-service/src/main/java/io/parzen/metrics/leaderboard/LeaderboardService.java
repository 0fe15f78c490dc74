package io.parzen.metrics.leaderboard;

import com.fasterxml.jackson.core.type.TypeReference;
import io.parzen.metrics.event.EventReader;
import io.parzen.metrics.execution.ExecutionResult;
import io.parzen.metrics.point.MetricFlattener;
import io.parzen.metrics.point.MetricPoint;
import io.parzen.metrics.point.MetricPointRepository;
import io.parzen.metrics.task.TaskInfo;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Builds leaderboards: every execution of a task with its latest value of the metric, ranked by
 * the task's target (closest to the target value, or max, or min).
 *
 * <p>Each execution counts once, with its latest attempt (ADR 0023): the points of earlier attempts are left
 * out. The latest value is the numeric point of the metric with the highest sequence. An execution
 * with no such point falls back to the latest metrics of its {@code ExecutionFinished}. Executions
 * whose value is missing, NaN or infinite are listed last without a rank (for the optimizer such an
 * execution counts as failed). Ties keep the natural order of the execution ids.
 *
 * <p>A task's {@code constraints} (ADR 0033) do not filter a leaderboard: it is a table of every execution's
 * value of any metric the caller asks for, running ones included; the task's result ({@code best}, the Pareto
 * front) is task-service's, and that one counts only feasible executions.
 */
@ApplicationScoped
public class LeaderboardService {

    private static final Logger LOG = Logger.getLogger(LeaderboardService.class);
    private static final Comparator<String> NATURAL = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private final MetricPointRepository points;
    private final EventReader reader;
    private final MetricFlattener flattener;

    public LeaderboardService(MetricPointRepository points, EventReader reader) {
        this.points = points;
        this.reader = reader;
        this.flattener = new MetricFlattener(reader.mapper(), false, 1);
    }

    /**
     * @param metricParam metric to rank by, or null for the task's target metric
     * @param goalParam {@code target}, {@code maximize} or {@code minimize}, or null for the task's
     * @param targetParam target value, or null for the task's
     * @throws NotFoundException when no metric is given and the task is unknown
     * @throws BadRequestException when the parameters are inconsistent
     */
    @WithSession
    public Uni<Leaderboard> leaderboard(String taskId, String metricParam, String goalParam, Double targetParam) {
        Goal requestedGoal = Goal.parse(goalParam);
        if (goalParam != null && requestedGoal == null) {
            throw new BadRequestException("goal must be target, maximize or minimize, was '" + goalParam + "'");
        }
        return TaskInfo.<TaskInfo>findById(taskId).flatMap(task -> {
            String metric = metricParam != null && !metricParam.isBlank() ? metricParam
                    : task == null ? null : task.targetMetric;
            if (metric == null) {
                if (task == null) {
                    throw new NotFoundException("task " + taskId + " is unknown to metrics-service (no TaskCreated "
                            + "seen); pass ?metric= to rank its executions by a key");
                }
                throw new BadRequestException("task " + taskId + " has no optimization target metric; pass ?metric=");
            }
            boolean taskTarget = task != null && metric.equals(task.targetMetric);
            Double target = targetParam != null ? targetParam : taskTarget ? task.targetValue : null;
            Goal goal = requestedGoal != null ? requestedGoal
                    : targetParam != null ? Goal.TARGET
                    : taskTarget ? taskGoal(task)
                    : Goal.MAXIMIZE;
            if (goal == Goal.TARGET && target == null) {
                throw new BadRequestException("goal target needs a target value; pass ?target=");
            }
            String taskName = task == null ? null : task.name;
            return points.numericOfTask(taskId, metric)
                    .flatMap(pts -> ExecutionResult.<ExecutionResult>list("taskId", taskId)
                            .map(results -> build(taskId, taskName, metric, goal, target, pts, results)));
        });
    }

    private static Goal taskGoal(TaskInfo task) {
        if (task.targetValue != null) {
            return Goal.TARGET;
        }
        Goal g = Goal.parse(task.targetDirection);
        return g == null || g == Goal.TARGET ? Goal.MAXIMIZE : g;
    }

    private Leaderboard build(String taskId, String taskName, String metric, Goal goal, Double target,
            List<MetricPoint> pts, List<ExecutionResult> results) {
        Map<String, Candidate> byExecution = new LinkedHashMap<>();
        for (MetricPoint p : pts) { // ordered by sequence within an execution: the last one wins
            Candidate c = byExecution.computeIfAbsent(p.executionId, Candidate::new);
            c.value = p.value;
            c.sequence = p.sequence;
            c.time = p.time;
            c.attempt = p.attempt;
        }
        for (ExecutionResult r : results) {
            Candidate c = byExecution.computeIfAbsent(r.executionId, Candidate::new);
            c.seq = r.seq;
            int resultAttempt = r.attempt == null ? 1 : r.attempt;
            if (c.attempt != null && c.attempt > resultAttempt) {
                continue; // a later attempt runs and logs: the earlier attempt's end is not its status
            }
            c.status = r.status;
            c.attempt = resultAttempt;
            if (c.value == null) {
                c.value = latestFromResult(r, metric);
                c.time = c.value == null ? null : r.finishedAt;
            }
        }
        List<Candidate> ranked = new ArrayList<>();
        List<Candidate> unranked = new ArrayList<>();
        for (Candidate c : byExecution.values()) {
            if (c.seq == null) {
                c.seq = seqFromId(taskId, c.executionId);
            }
            if (c.value != null && Double.isFinite(c.value)) {
                c.score = switch (goal) {
                    case TARGET -> Math.abs(c.value - target);
                    case MINIMIZE -> c.value;
                    case MAXIMIZE -> -c.value;
                };
                ranked.add(c);
            } else {
                unranked.add(c);
            }
        }
        Comparator<Candidate> byId = Comparator.comparing(c -> c.executionId, NATURAL);
        ranked.sort(Comparator.<Candidate>comparingDouble(c -> c.score).thenComparing(byId));
        unranked.sort(byId);
        List<Leaderboard.Entry> entries = new ArrayList<>(ranked.size() + unranked.size());
        int rank = 1;
        for (Candidate c : ranked) {
            entries.add(c.entry(rank++, goal == Goal.TARGET ? c.score : null));
        }
        for (Candidate c : unranked) {
            entries.add(c.entry(null, null));
        }
        return new Leaderboard(taskId, taskName, metric, goal.id(), goal == Goal.TARGET ? target : null, entries);
    }

    private Double latestFromResult(ExecutionResult r, String metric) {
        if (r.latestMetrics == null) {
            return null;
        }
        try {
            Map<String, Object> m = reader.mapper().readValue(r.latestMetrics, new TypeReference<Map<String, Object>>() {
            });
            MetricFlattener.FlatValue v = flattener.flatten(m).get(metric);
            return v == null ? null : v.number();
        } catch (Exception e) {
            LOG.debugf("unreadable latest metrics of %s: %s", r.executionId, e.getMessage());
            return null;
        }
    }

    /** The sequence number of an id made by {@code Events.executionId(taskId, seq)}, or null. */
    private static Integer seqFromId(String taskId, String executionId) {
        String prefix = taskId + "-";
        if (!executionId.startsWith(prefix)) {
            return null;
        }
        try {
            return Integer.valueOf(executionId.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Mutable working state of one execution while a leaderboard is built. */
    private static final class Candidate {
        final String executionId;
        Integer seq;
        String status;
        Double value;
        Integer sequence;
        Instant time;
        Integer attempt;
        double score;

        Candidate(String executionId) {
            this.executionId = executionId;
        }

        Leaderboard.Entry entry(Integer rank, Double distance) {
            return new Leaderboard.Entry(rank, executionId, seq, status, value, distance, sequence, time, attempt);
        }
    }
}
