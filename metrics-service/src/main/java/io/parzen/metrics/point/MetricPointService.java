package io.parzen.metrics.point;

import io.parzen.events.MetricLogged;
import io.parzen.metrics.MetricsConfig;
import io.parzen.metrics.event.EventReader;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stores and reads metric points. */
@ApplicationScoped
public class MetricPointService {

    private final MetricPointRepository repository;
    private final MetricFlattener flattener;

    public MetricPointService(MetricPointRepository repository, EventReader reader, MetricsConfig config) {
        this.repository = repository;
        this.flattener = new MetricFlattener(reader.mapper(), config.storeTextValues(), config.maxTextLength());
    }

    /**
     * Stores the points of one metadata object in one statement, inserting only the keys not stored yet for its
     * (execution id, attempt, sequence): a redelivered event changes nothing, and two consumers racing on the same
     * record (during a rebalance) both succeed; an event without an attempt is attempt 1.
     *
     * @return how many points were inserted
     */
    @WithTransaction
    public Uni<Integer> store(MetricLogged event) {
        Map<String, MetricFlattener.FlatValue> flat = flattener.flatten(event.values());
        if (flat.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int attempt = event.attemptOrFirst();
        List<MetricPoint> points = new ArrayList<>(flat.size());
        flat.forEach((key, v) -> {
            MetricPoint p = new MetricPoint();
            p.executionId = event.executionId();
            p.attempt = attempt;
            p.sequence = event.sequence();
            p.key = key;
            p.taskId = event.taskId();
            p.time = event.occurredAt();
            p.value = v.number();
            p.text = v.text();
            points.add(p);
        });
        return repository.insertNew(points);
    }

    /** @param attempt the attempt, or null for the execution's latest */
    @WithSession
    public Uni<List<MetricPoint>> ofExecution(String executionId, List<String> keys, Integer attempt) {
        return repository.ofExecution(executionId, keys, attempt);
    }

    @WithSession
    public Uni<List<MetricPoint>> ofTask(String taskId, List<String> keys) {
        return repository.ofTask(taskId, keys);
    }
}
