package io.parzen.optimizer.service.study;

import io.parzen.optimizer.study.TrialState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.FlushMode;

/**
 * What one transaction of finishes (docs/decisions/0040) knows of its tasks' trials without asking the database
 * again: each finish's trial and every pending trial of the tasks it holds locked, read with ONE query after the
 * study locks, plus the trials the transaction issues itself.
 *
 * <p>With it a finish needs no statement of its own: its trial is looked up here, and whether a batch is due is
 * decided on {@link #pending(String)}, which is exactly what {@code count(state = pending)} would answer after a
 * flush, because every trial that can be pending is here: the ones pending when the locks were taken (the study
 * lock keeps every other writer of the task out until the commit) and the ones issued since. Only a batch that is
 * due reads all of a task's trials ({@link #all(String)}), without flushing first.
 *
 * <p>Why: every query in a Hibernate session first flushes it (auto-flush), and a flush dirty-checks every entity the
 * session holds, so a query per finish made a poll of n finishes cost n² entity checks; in load benchmark (a)
 * that auto-flush was 30 % of optimizer-service's CPU (docs/benchmarks/load.md).
 */
final class PendingTrials {

    private final Map<String, TrialEntity> byExecutionId = new HashMap<>();
    private final Map<String, List<TrialEntity>> byTask = new HashMap<>();
    private final Map<String, List<TrialEntity>> issuedByTask = new HashMap<>();

    private PendingTrials(List<TrialEntity> loaded) {
        loaded.forEach(this::track);
    }

    /**
     * Reads, in the current session's transaction, the pending trials of {@code taskIds} and the trials
     * {@code executionIds} (those of the finishes, whatever their state). Call it after the studies are locked.
     */
    static Uni<PendingTrials> load(Collection<String> taskIds, Collection<String> executionIds) {
        if (taskIds.isEmpty()) {
            return Uni.createFrom().item(new PendingTrials(List.of()));
        }
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "from TrialEntity where taskId in ?1 and (state = ?2 or executionId in ?3)", TrialEntity.class)
                .setParameter(1, List.copyOf(taskIds))
                .setParameter(2, TrialState.PENDING)
                .setParameter(3, executionIds.isEmpty() ? List.of("") : List.copyOf(executionIds))
                .getResultList())
                .map(PendingTrials::new);
    }

    /** The stored trial of an execution of one of the loaded tasks or finishes, or null. */
    TrialEntity trial(String executionId) {
        return byExecutionId.get(executionId);
    }

    /** The number of pending trials of a task, in their state in this session (unflushed changes included). */
    int pending(String taskId) {
        int n = 0;
        for (TrialEntity t : byTask.getOrDefault(taskId, List.of())) {
            if (t.state == TrialState.PENDING) {
                n++;
            }
        }
        return n;
    }

    /** Records trials this transaction issued (persisted, not yet flushed). */
    void issued(List<TrialEntity> trials) {
        for (TrialEntity t : trials) {
            track(t);
            issuedByTask.computeIfAbsent(t.taskId, k -> new ArrayList<>()).add(t);
        }
    }

    /**
     * Every trial of a task in {@code seq} order: the stored ones, read without flushing the session (a trial
     * already in the session is returned as the session holds it), and the ones this transaction issued.
     */
    Uni<List<TrialEntity>> all(String taskId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "from TrialEntity where taskId = ?1 order by seq", TrialEntity.class)
                .setParameter(1, taskId)
                .setFlushMode(FlushMode.COMMIT)
                .getResultList())
                .map(stored -> {
                    Map<String, TrialEntity> all = new LinkedHashMap<>();
                    stored.forEach(t -> all.put(t.executionId, t));
                    issuedByTask.getOrDefault(taskId, List.of()).forEach(t -> all.putIfAbsent(t.executionId, t));
                    List<TrialEntity> sorted = new ArrayList<>(all.values());
                    sorted.sort(Comparator.comparingInt(t -> t.seq));
                    return sorted;
                });
    }

    private void track(TrialEntity t) {
        if (byExecutionId.putIfAbsent(t.executionId, t) == null) {
            byTask.computeIfAbsent(t.taskId, k -> new ArrayList<>()).add(t);
        }
    }
}
