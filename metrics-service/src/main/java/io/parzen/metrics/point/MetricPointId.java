package io.parzen.metrics.point;

import java.io.Serializable;
import java.util.Objects;

/** The natural key of a metric point: (execution id, attempt, sequence, key). */
public class MetricPointId implements Serializable {

    public String executionId;
    public int attempt = 1;
    public int sequence;
    public String key;

    public MetricPointId() {
    }

    public MetricPointId(String executionId, int sequence, String key) {
        this(executionId, 1, sequence, key);
    }

    public MetricPointId(String executionId, int attempt, int sequence, String key) {
        this.executionId = executionId;
        this.attempt = attempt;
        this.sequence = sequence;
        this.key = key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricPointId other && sequence == other.sequence && attempt == other.attempt
                && Objects.equals(executionId, other.executionId) && Objects.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(executionId, attempt, sequence, key);
    }
}
