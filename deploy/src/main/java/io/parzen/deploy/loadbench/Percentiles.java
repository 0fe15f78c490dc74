package io.parzen.deploy.loadbench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a sample by the nearest-rank method: {@code p}-th percentile = the smallest value
 * such that at least {@code p}% of the sample is at or below it (sorted sample, index
 * {@code ceil(p/100 * n) - 1}). No interpolation, so every figure is a value that was measured.
 */
public final class Percentiles {

    private final long[] sorted;

    public Percentiles(Collection<Long> values) {
        this.sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    public Percentiles(long... values) {
        this.sorted = values.clone();
        Arrays.sort(this.sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile, {@code 0 < p <= 100}; throws on an empty sample. */
    public long percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile " + p + ": must be > 0 and <= 100");
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    public long max() {
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        return sorted[sorted.length - 1];
    }

    public double mean() {
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
    }

    /** {@code {"count", "p50", "p90", "p99", "max", "mean"}}; only {@code count} (0) when empty. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("count", sorted.length);
        if (sorted.length > 0) {
            n.put("p50", percentile(50));
            n.put("p90", percentile(90));
            n.put("p99", percentile(99));
            n.put("max", max());
            n.put("mean", Math.round(mean() * 10) / 10.0);
        }
        return n;
    }
}
