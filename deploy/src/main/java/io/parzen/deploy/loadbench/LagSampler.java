package io.parzen.deploy.loadbench;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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
 */
public final class LagSampler implements AutoCloseable {

    private final Admin admin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loadbench-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Long> maxLag = new ConcurrentHashMap<>();
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
        try {
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.groupId())
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                if (committed.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                maxLag.merge(g.groupId(), lag(committed, ends), Math::max);
            }
            samples++;
        } catch (Exception e) {
            lastError = e.toString();
        }
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
