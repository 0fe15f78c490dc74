package io.parzen.deploy.loadbench;

import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples, once a second, every consumer group's lag — the sum over its partitions of the end offset
 * minus the group's committed offset — and keeps the largest per group. Also samples the services'
 * resident memory through a callback, so that one thread does all sampling.
 *
 * <p>At the end of a run, {@link #awaitCaughtUp} samples until every group has committed up to the end of its
 * partitions: a consumer commits on a timer (the throttled commit strategy, every {@code auto.commit.interval.ms},
 * 5 s), so a run of a few seconds can end before a group's first commit, and only this last look shows whether
 * each group has read everything.
 */
public final class LagSampler implements AutoCloseable {

    private final Admin admin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loadbench-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Long> maxLag = new ConcurrentHashMap<>();
    /** The lag of the last sample per group; a group with no committed offset yet is absent. */
    private final Map<String, Long> lastLag = new ConcurrentHashMap<>();
    /** The groups the last sample listed, with or without committed offsets. */
    private volatile Set<String> listedGroups = Set.of();
    private final Runnable alsoEverySecond;
    private volatile String lastError;
    private volatile int samples;

    public LagSampler(Properties client, Runnable alsoEverySecond) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        this.admin = Admin.create(p);
        this.alsoEverySecond = alsoEverySecond;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            alsoEverySecond.run();
        } catch (RuntimeException e) {
            lastError = e.toString();
        }
        sampleLag();
    }

    private synchronized void sampleLag() {
        try {
            Set<String> listed = new TreeSet<>();
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS)) {
                listed.add(g.groupId());
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.groupId())
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                if (committed.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                long lag = lag(committed, ends);
                maxLag.merge(g.groupId(), lag, Math::max);
                lastLag.put(g.groupId(), lag);
            }
            listedGroups = listed;
            samples++;
        } catch (Exception e) {
            lastError = e.toString();
        }
    }

    /**
     * Stops the once-a-second sampling and samples every {@code every} until each listed group has a committed
     * offset and a lag of 0, or {@code atMost} has passed. Returns the lag of the last sample per listed group,
     * {@code null} for a group that had still committed nothing.
     */
    public Map<String, Long> awaitCaughtUp(Duration atMost, Duration every) throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(6, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            sampleLag();
            if (caughtUp(listedGroups, lastLag) || System.nanoTime() >= deadline) {
                break;
            }
            Thread.sleep(every.toMillis());
        }
        Map<String, Long> last = new TreeMap<>();
        listedGroups.forEach(g -> last.put(g, lastLag.get(g)));
        return last;
    }

    /** Whether at least one group is listed and every listed group has committed up to the end (lag 0). */
    static boolean caughtUp(Set<String> listed, Map<String, Long> lastLag) {
        return !listed.isEmpty() && listed.stream().allMatch(g -> Long.valueOf(0).equals(lastLag.get(g)));
    }

    /** Σ max(0, end − committed) over the committed partitions that have an end offset. */
    static long lag(Map<TopicPartition, OffsetAndMetadata> committed,
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends) {
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            ListOffsetsResult.ListOffsetsResultInfo end = ends.get(e.getKey());
            if (end != null && e.getValue() != null) {
                sum += Math.max(0, end.offset() - e.getValue().offset());
            }
        }
        return sum;
    }

    public Map<String, Long> maxLag() {
        return new TreeMap<>(maxLag);
    }

    public int samples() {
        return samples;
    }

    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(6, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(java.time.Duration.ofSeconds(3));
    }
}
