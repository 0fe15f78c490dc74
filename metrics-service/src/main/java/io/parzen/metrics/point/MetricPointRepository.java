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
    private static final String ORDER = " order by length(executionId), executionId, sequence, key";

    /** The keys already stored for one metadata object of an execution. */
    public Uni<List<String>> keysOf(String executionId, int sequence) {
        return getSession().flatMap(s -> s
                .createSelectionQuery("select key from MetricPoint where executionId = :e and sequence = :s",
                        String.class)
                .setParameter("e", executionId)
                .setParameter("s", sequence)
                .getResultList());
    }

    /** Every point of an execution, optionally only the given keys, in sequence order. */
    public Uni<List<MetricPoint>> ofExecution(String executionId, Collection<String> keys) {
        Parameters p = Parameters.with("e", executionId);
        String q = "executionId = :e";
        if (keys != null && !keys.isEmpty()) {
            q += " and key in :keys";
            p.and("keys", keys);
        }
        return find(q + ORDER, p).list();
    }

    /** Every point of a task, optionally only the given keys, by execution then sequence. */
    public Uni<List<MetricPoint>> ofTask(String taskId, Collection<String> keys) {
        Parameters p = Parameters.with("t", taskId);
        String q = "taskId = :t";
        if (keys != null && !keys.isEmpty()) {
            q += " and key in :keys";
            p.and("keys", keys);
        }
        return find(q + ORDER, p).list();
    }

    /** The numeric points of one key of a task, by execution then sequence. */
    public Uni<List<MetricPoint>> numericOfTask(String taskId, String key) {
        return find("taskId = :t and key = :k and value is not null" + ORDER,
                Parameters.with("t", taskId).and("k", key)).list();
    }

    /** Whether any point of the task is stored. */
    public Uni<Boolean> taskHasPoints(String taskId) {
        return count("taskId", taskId).map(n -> n > 0);
    }
}
