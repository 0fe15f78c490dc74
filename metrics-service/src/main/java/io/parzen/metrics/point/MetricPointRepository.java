package io.parzen.metrics.point;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** Queries over {@link MetricPoint}s. */
@ApplicationScoped
public class MetricPointRepository implements PanacheRepositoryBase<MetricPoint, MetricPointId> {

    /**
     * Execution ids of one task sort naturally ({@code t-2} before {@code t-10}): ids derived from
     * the task id and the sequence number share a prefix, so shorter ids come first.
     */
    private static final String ORDER = " order by length(p.executionId), p.executionId, p.attempt, p.sequence, p.key";

    /**
     * Only the points of each execution's latest attempt (ADR 0023): the highest attempt that logged points,
     * and none of an attempt older than the execution's stored result (a later attempt that ended before it
     * logged anything hides the earlier attempt's points too).
     */
    static final String LATEST_ATTEMPT = " and p.attempt = (select max(q.attempt) from MetricPoint q"
            + " where q.executionId = p.executionId)"
            + " and not exists (select 1 from ExecutionResult r where r.executionId = p.executionId"
            + " and coalesce(r.attempt, 1) > p.attempt)";

    /**
     * Inserts points in one statement ({@code insert … on conflict do nothing}): a point whose natural key is
     * stored already (a redelivered {@code MetricLogged}, or two consumers racing on one record during a
     * rebalance) is left as it is, and the statement still succeeds.
     *
     * @return how many points were inserted
     */
    public Uni<Integer> insertNew(List<MetricPoint> points) {
        if (points.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        StringBuilder sql = new StringBuilder("insert into metric_point (execution_id, attempt, sequence, metric_key,"
                + " task_id, occurred_at, metric_value, text_value) values ");
        for (int i = 0; i < points.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
        }
        sql.append(" on conflict do nothing");
        return getSession().flatMap(s -> {
            var query = s.createNativeQuery(sql.toString());
            int n = 1;
            for (MetricPoint p : points) {
                query.setParameter(n++, p.executionId);
                query.setParameter(n++, p.attempt);
                query.setParameter(n++, p.sequence);
                query.setParameter(n++, p.key);
                query.setParameter(n++, p.taskId);
                query.setParameter(n++, p.time);
                query.setParameter(n++, p.value);
                query.setParameter(n++, p.text);
            }
            return query.executeUpdate();
        });
    }

    /**
     * Every point of an execution's attempt, optionally only the given keys, in sequence order.
     *
     * @param attempt the attempt, or null for the latest ({@link #LATEST_ATTEMPT})
     */
    public Uni<List<MetricPoint>> ofExecution(String executionId, Collection<String> keys, Integer attempt) {
        Parameters p = Parameters.with("e", executionId);
        String q = "from MetricPoint p where p.executionId = :e";
        if (attempt == null) {
            q += LATEST_ATTEMPT;
        } else {
            q += " and p.attempt = :a";
            p.and("a", attempt);
        }
        if (keys != null && !keys.isEmpty()) {
            q += " and p.key in :keys";
            p.and("keys", keys);
        }
        return find(q + ORDER, p).list();
    }

    /** Every point of a task's executions (each its latest attempt), optionally only the given keys. */
    public Uni<List<MetricPoint>> ofTask(String taskId, Collection<String> keys) {
        Parameters p = Parameters.with("t", taskId);
        String q = "from MetricPoint p where p.taskId = :t" + LATEST_ATTEMPT;
        if (keys != null && !keys.isEmpty()) {
            q += " and p.key in :keys";
            p.and("keys", keys);
        }
        return find(q + ORDER, p).list();
    }

    /** The numeric points of one key of a task (each execution's latest attempt), by execution then sequence. */
    public Uni<List<MetricPoint>> numericOfTask(String taskId, String key) {
        return find("from MetricPoint p where p.taskId = :t and p.key = :k and p.value is not null" + LATEST_ATTEMPT
                + ORDER, Parameters.with("t", taskId).and("k", key)).list();
    }

    /** Whether any point of the task is stored. */
    public Uni<Boolean> taskHasPoints(String taskId) {
        return count("taskId", taskId).map(n -> n > 0);
    }
}
