package io.parzen.deploy.loadbench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.events.Events;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a load run did, computed from the records the broker holds (plain Java, no Kafka): the
 * benchmark reads every topic after the run and hands the records here. Only records of the run's
 * tasks (by key) count; a record whose topic and {@code eventId} were seen before is a redelivery
 * of the same event (at-least-once delivery) and counts once, in {@link #redeliveredRecords}.
 *
 * <ul>
 * <li><b>finished</b>: executions with a final {@code ExecutionFinished} — one of the highest attempt
 *     that was requested for that execution.</li>
 * <li><b>lost</b>: {@code tasks × executions} expected minus finished (never negative).</li>
 * <li><b>duplicated</b>: extra distinct {@code SuggestionRequested} events for the same execution and
 *     attempt, plus extra distinct {@code ExecutionFinished} events for the same execution and attempt.</li>
 * <li><b>loop latency</b>: per task and batch k with a batch k+1: the broker timestamp of the first
 *     {@code SuggestionRequested} of batch k+1 minus the latest final {@code ExecutionFinished} of batch k.</li>
 * <li><b>process overhead</b> (for executors that report {@code startedAt}/{@code finishedAt}):
 *     start = {@code ExecutionStarted} timestamp − {@code SuggestionRequested} timestamp; spawn =
 *     the executor's {@code startedAt} − {@code SuggestionRequested} timestamp; finish =
 *     {@code ExecutionFinished} timestamp − its {@code finishedAt} (the process's exit); per execution = spawn +
 *     finish, the "{@code SuggestionRequested} → process start; exit → {@code ExecutionFinished}"
 *     (start, which also holds the executor's recording of the start, is reported beside it); requested to
 *     finished = {@code ExecutionFinished} timestamp − {@code SuggestionRequested} timestamp, the run included.</li>
 * </ul>
 */
public final class LoadAnalysis {

    private final Set<String> taskIds;
    private final int executionsPerTask;

    int redeliveredRecords;
    int otherRecords;
    int requests;
    int duplicatedRequests;
    int duplicatedFinishes;
    int finished;
    int completed;
    int failed;
    int unfinishedTasks;
    long firstRequestMs = Long.MAX_VALUE;
    long lastTaskFinishedMs = Long.MIN_VALUE;
    final List<Long> loopLatencies = new ArrayList<>();
    final List<Long> startOverheads = new ArrayList<>();
    final List<Long> spawnOverheads = new ArrayList<>();
    final List<Long> finishOverheads = new ArrayList<>();
    final List<Long> requestToFinishTimes = new ArrayList<>();
    final List<Long> perExecutionOverheads = new ArrayList<>();
    final Map<String, Integer> finishedByStatus = new TreeMap<>();

    public LoadAnalysis(Set<String> taskIds, int executionsPerTask) {
        this.taskIds = Set.copyOf(taskIds);
        this.executionsPerTask = executionsPerTask;
    }

    /** One execution as the records tell it. */
    private static final class Exec {
        final String taskId;
        int batch = -1;
        int maxAttempt;
        long firstRequestMs = Long.MAX_VALUE;
        long startedMs = Long.MAX_VALUE;
        final Map<Integer, Integer> requestsByAttempt = new HashMap<>();
        final Map<Integer, Integer> finishesByAttempt = new HashMap<>();
        final Map<Integer, BrokerRecord> finishByAttempt = new HashMap<>();

        Exec(String taskId) {
            this.taskId = taskId;
        }

        BrokerRecord finalFinish() {
            int attempt = maxAttempt == 0 ? finishByAttempt.keySet().stream().mapToInt(i -> i).max().orElse(0)
                    : maxAttempt;
            return finishByAttempt.get(attempt);
        }
    }

    /** Computes everything from the records; call once. */
    public LoadAnalysis analyze(List<BrokerRecord> records) {
        Set<String> seenEvents = new HashSet<>();
        Map<String, Exec> executions = new HashMap<>();
        Set<String> finishedTasks = new HashSet<>();
        for (BrokerRecord r : records) {
            if (r.key() == null || !taskIds.contains(r.key())) {
                otherRecords++;
                continue;
            }
            String eventId = r.text("eventId");
            if (eventId != null && !seenEvents.add(r.topic() + " " + eventId)) {
                redeliveredRecords++;
                continue;
            }
            String executionId = r.text("executionId");
            int attempt = r.integer("attempt", Events.FIRST_ATTEMPT);
            switch (r.topic()) {
                case Events.TOPIC_SUGGESTION_REQUESTED -> {
                    requests++;
                    Exec e = executions.computeIfAbsent(executionId, k -> new Exec(r.key()));
                    e.batch = r.integer("batch", e.batch);
                    e.maxAttempt = Math.max(e.maxAttempt, attempt);
                    e.firstRequestMs = Math.min(e.firstRequestMs, r.timestampMs());
                    e.requestsByAttempt.merge(attempt, 1, Integer::sum);
                    firstRequestMs = Math.min(firstRequestMs, r.timestampMs());
                }
                case Events.TOPIC_EXECUTION_STARTED -> {
                    Exec e = executions.computeIfAbsent(executionId, k -> new Exec(r.key()));
                    e.startedMs = Math.min(e.startedMs, r.timestampMs());
                }
                case Events.TOPIC_EXECUTION_FINISHED -> {
                    Exec e = executions.computeIfAbsent(executionId, k -> new Exec(r.key()));
                    e.finishesByAttempt.merge(attempt, 1, Integer::sum);
                    e.finishByAttempt.putIfAbsent(attempt, r);
                }
                case Events.TOPIC_TASK_FINISHED -> {
                    finishedTasks.add(r.key());
                    lastTaskFinishedMs = Math.max(lastTaskFinishedMs, r.timestampMs());
                }
                default -> {
                    // metrics, heartbeats, task lifecycle: not measured here
                }
            }
        }
        unfinishedTasks = (int) taskIds.stream().filter(t -> !finishedTasks.contains(t)).count();

        Map<String, Map<Integer, Long>> firstRequestOfBatch = new HashMap<>();
        Map<String, Map<Integer, Long>> lastFinishOfBatch = new HashMap<>();
        Map<String, Map<Integer, Boolean>> batchComplete = new HashMap<>();
        for (Exec e : executions.values()) {
            e.requestsByAttempt.values().forEach(n -> duplicatedRequests += Math.max(0, n - 1));
            e.finishesByAttempt.values().forEach(n -> duplicatedFinishes += Math.max(0, n - 1));
            BrokerRecord fin = e.finalFinish();
            if (fin != null) {
                finished++;
                String status = String.valueOf(fin.text("status"));
                finishedByStatus.merge(status, 1, Integer::sum);
                if ("complete".equals(status)) {
                    completed++;
                } else {
                    failed++;
                }
            }
            if (e.batch < 0) {
                continue;
            }
            firstRequestOfBatch.computeIfAbsent(e.taskId, k -> new HashMap<>())
                    .merge(e.batch, e.firstRequestMs, Math::min);
            batchComplete.computeIfAbsent(e.taskId, k -> new HashMap<>()).merge(e.batch, fin != null, Boolean::logicalAnd);
            if (fin != null) {
                lastFinishOfBatch.computeIfAbsent(e.taskId, k -> new HashMap<>())
                        .merge(e.batch, fin.timestampMs(), Math::max);
                overheads(e, fin);
            }
        }
        for (Map.Entry<String, Map<Integer, Long>> task : firstRequestOfBatch.entrySet()) {
            Map<Integer, Long> finishes = lastFinishOfBatch.getOrDefault(task.getKey(), Map.of());
            Map<Integer, Boolean> complete = batchComplete.getOrDefault(task.getKey(), Map.of());
            for (Map.Entry<Integer, Long> batch : task.getValue().entrySet()) {
                Long next = task.getValue().get(batch.getKey() + 1);
                Long done = finishes.get(batch.getKey());
                if (next != null && done != null && complete.getOrDefault(batch.getKey(), false)) {
                    loopLatencies.add(next - done);
                }
            }
        }
        return this;
    }

    private void overheads(Exec e, BrokerRecord fin) {
        if (e.firstRequestMs == Long.MAX_VALUE) {
            return;
        }
        Instant startedAt = instant(fin.text("startedAt"));
        Instant finishedAt = instant(fin.text("finishedAt"));
        Long start = e.startedMs == Long.MAX_VALUE ? null : e.startedMs - e.firstRequestMs;
        Long finish = finishedAt == null ? null : fin.timestampMs() - finishedAt.toEpochMilli();
        if (start != null) {
            startOverheads.add(start);
        }
        if (startedAt != null) {
            spawnOverheads.add(startedAt.toEpochMilli() - e.firstRequestMs);
        }
        if (finish != null) {
            finishOverheads.add(finish);
        }
        requestToFinishTimes.add(fin.timestampMs() - e.firstRequestMs);
        if (startedAt != null && finish != null) {
            perExecutionOverheads.add(startedAt.toEpochMilli() - e.firstRequestMs + finish);
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public int expected() {
        return taskIds.size() * executionsPerTask;
    }

    public int finished() {
        return finished;
    }

    public int lost() {
        return Math.max(0, expected() - finished);
    }

    public int duplicated() {
        return duplicatedRequests + duplicatedFinishes;
    }

    public int unfinishedTasks() {
        return unfinishedTasks;
    }

    public Percentiles loopLatency() {
        return new Percentiles(loopLatencies);
    }

    /** Executions per second from {@code startMs} (the first POST) to the last {@code TaskFinished}. */
    public double executionsPerSecond(long startMs) {
        if (lastTaskFinishedMs == Long.MIN_VALUE || lastTaskFinishedMs <= startMs) {
            return 0;
        }
        return finished * 1000.0 / (lastTaskFinishedMs - startMs);
    }

    public long lastTaskFinishedMs() {
        return lastTaskFinishedMs;
    }

    /** The counts and figures, for the benchmark's JSON. */
    public ObjectNode toJson(long startMs, boolean processOverhead) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("executionsPerSecond", Math.round(executionsPerSecond(startMs) * 10) / 10.0);
        n.put("expectedExecutions", expected());
        n.put("finishedExecutions", finished);
        n.put("completeExecutions", completed);
        n.put("failedExecutions", failed);
        ObjectNode byStatus = n.putObject("finishedByStatus");
        finishedByStatus.forEach(byStatus::put);
        n.put("lost", lost());
        n.put("duplicated", duplicated());
        n.put("duplicatedRequests", duplicatedRequests);
        n.put("duplicatedFinishes", duplicatedFinishes);
        n.put("unfinishedTasks", unfinishedTasks);
        n.put("suggestionRequests", requests);
        n.put("redeliveredRecords", redeliveredRecords);
        if (lastTaskFinishedMs != Long.MIN_VALUE) {
            n.put("wallSeconds", Math.round((lastTaskFinishedMs - startMs) / 100.0) / 10.0);
        }
        n.set("loopLatencyMs", loopLatency().toJson());
        if (processOverhead) {
            ObjectNode o = n.putObject("processOverheadMs");
            o.set("perExecution", new Percentiles(perExecutionOverheads).toJson());
            o.set("requestedToStarted", new Percentiles(startOverheads).toJson());
            o.set("requestedToProcessStart", new Percentiles(spawnOverheads).toJson());
            o.set("exitToFinished", new Percentiles(finishOverheads).toJson());
            // broker to broker, the run itself included: an upper bound that needs no executor clock
            o.set("requestedToFinished", new Percentiles(requestToFinishTimes).toJson());
        }
        return n;
    }
}
