package io.parzen.metrics.point;

import io.parzen.events.MetricLogged;
import io.parzen.metrics.MetricsConfig;
import io.parzen.metrics.event.EventReader;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Stores and reads metric points. */
@ApplicationScoped
public class MetricPointService {

    /** 8 parameters a point: 1,000 points a statement stay far below PostgreSQL's 65,535 parameters. */
    static final int POINTS_PER_STATEMENT = 1000;

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
        return repository.insertNew(points(event));
    }

    /**
     * Stores the points of several events (a poll's) in one transaction, with one multi-row {@code insert … on
     * conflict do nothing} per {@link #POINTS_PER_STATEMENT} points: as {@link #store} of each event in turn, the
     * first event of a natural key wins and a stored key is left as it is; a key twice in the poll is inserted once.
     *
     * @return how many points were inserted
     */
    @WithTransaction
    public Uni<Integer> storeAll(List<MetricLogged> events) {
        Map<MetricPointId, MetricPoint> unique = new LinkedHashMap<>();
        for (MetricLogged event : events) {
            for (MetricPoint p : points(event)) {
                unique.putIfAbsent(new MetricPointId(p.executionId, p.attempt, p.sequence, p.key), p);
            }
        }
        List<MetricPoint> all = new ArrayList<>(unique.values());
        List<List<MetricPoint>> statements = new ArrayList<>();
        for (int from = 0; from < all.size(); from += POINTS_PER_STATEMENT) {
            statements.add(all.subList(from, Math.min(all.size(), from + POINTS_PER_STATEMENT)));
        }
        // one statement after the other in a loop, never a chain of continuations (ADR 0036)
        return Multi.createFrom().iterable(statements).onItem().transformToUniAndConcatenate(repository::insertNew)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /** The points of one event; an event without an attempt is attempt 1. */
    private List<MetricPoint> points(MetricLogged event) {
        Map<String, MetricFlattener.FlatValue> flat = flattener.flatten(event.values());
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
        return points;
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
