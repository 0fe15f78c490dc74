package io.parzen.deploy.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.chaos.TaskOutcome.ExecutionOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures of a chaos run, computed from the faults done and the tasks' outcomes only (ADR 0026):
 * <ul>
 * <li>{@code lost}: an execution of a task that did not finish within the timeout (each listed execution
 * that is not final, at least one per such task), or a listed execution of a finished task that has no final
 * status, or one that the executor never had;</li>
 * <li>{@code duplicated}: an execution id task-service lists twice; executions beyond the task's
 * {@code maxExecutions}; an (execution, attempt) the executor has twice; an execution whose final status in
 * task-service and in the executor disagree (two final ExecutionFinished that disagree);</li>
 * <li>{@code retried}: executions whose attempt is above 1 (0 while the services do not report attempts);</li>
 * <li>{@code tasksFailedByFaults}: tasks that ended {@code error} (the harness's task has no failing
 * configuration, so any error is the faults').</li>
 * </ul>
 */
public final class ChaosReport {

    public static final Set<String> FINAL_TASK = Set.of("complete", "stopped", "error");
    public static final Set<String> FINAL_EXECUTION = Set.of("complete", "error", "crashed", "stopped");

    private static final ObjectMapper JSON = new ObjectMapper();

    final int rounds;
    final List<Fault> faults;
    final List<TaskOutcome> tasks;
    int lost;
    int duplicated;
    int retried;
    int tasksFailedByFaults;
    int expectedExecutions;
    int seenExecutions;
    final Map<String, Integer> executionStatuses = new TreeMap<>();
    final Map<String, Integer> taskStatuses = new TreeMap<>();
    final List<String> lostDetails = new ArrayList<>();
    final List<String> duplicatedDetails = new ArrayList<>();
    final List<String> failedDetails = new ArrayList<>();
    /** Set by the runner: what it saw of the services between and during faults. */
    final ObjectNode observations = JSON.createObjectNode();

    private ChaosReport(int rounds, List<Fault> faults, List<TaskOutcome> tasks) {
        this.rounds = rounds;
        this.faults = List.copyOf(faults);
        this.tasks = List.copyOf(tasks);
    }

    /** The figures of {@code rounds} rounds whose faults were {@code faults}, over {@code tasks}. */
    public static ChaosReport of(int rounds, List<Fault> faults, List<TaskOutcome> tasks) {
        ChaosReport r = new ChaosReport(rounds, faults, tasks);
        for (TaskOutcome t : tasks) {
            r.account(t);
        }
        return r;
    }

    private void account(TaskOutcome t) {
        taskStatuses.merge(t.finished() ? t.status() : "not-finished", 1, Integer::sum);
        expectedExecutions += t.maxExecutions();
        seenExecutions += t.listed().size();
        if (t.finished() && "error".equals(t.status())) {
            tasksFailedByFaults++;
            failedDetails.add(t.id() + " error (" + t.statusReason() + ")");
        }
        // lost
        if (!t.finished()) {
            long open = t.listed().stream().filter(e -> !FINAL_EXECUTION.contains(e.status())).count();
            int n = (int) Math.max(1, open);
            lost += n;
            lostDetails.add(t.id() + ": task not final (" + t.status() + "), " + n + " execution(s) open");
        } else {
            Set<String> inExecutor = new HashSet<>();
            t.inExecutor().forEach(e -> inExecutor.add(e.id()));
            for (ExecutionOutcome e : t.listed()) {
                if (!FINAL_EXECUTION.contains(e.status())) {
                    lost++;
                    lostDetails.add(e.id() + ": no final status (" + e.status() + ")");
                } else if (!inExecutor.contains(e.id()) && !"stopped".equals(e.status())) {
                    // a stopped execution may never have reached the executor (stopped while queued)
                    lost++;
                    lostDetails.add(e.id() + ": " + e.status() + " in task-service, unknown to the executor");
                }
            }
        }
        // duplicated
        Map<String, Integer> ids = new HashMap<>();
        t.listed().forEach(e -> ids.merge(e.id(), 1, Integer::sum));
        ids.forEach((id, n) -> {
            if (n > 1) {
                duplicated += n - 1;
                duplicatedDetails.add(id + ": listed " + n + " times by task-service");
            }
        });
        if (t.maxExecutions() > 0 && ids.size() > t.maxExecutions()) {
            duplicated += ids.size() - t.maxExecutions();
            duplicatedDetails.add(t.id() + ": " + ids.size() + " executions, maxExecutions " + t.maxExecutions());
        }
        Map<String, Integer> attempts = new HashMap<>();
        Map<String, ExecutionOutcome> lastAttempt = new HashMap<>();
        for (ExecutionOutcome e : t.inExecutor()) {
            attempts.merge(e.id() + "/" + e.attempt(), 1, Integer::sum);
            lastAttempt.merge(e.id(), e, (a, b) -> b.attempt() >= a.attempt() ? b : a);
        }
        attempts.forEach((key, n) -> {
            if (n > 1) {
                duplicated += n - 1;
                duplicatedDetails.add(key + " (execution/attempt): run " + n + " times by the executor");
            }
        });
        for (ExecutionOutcome e : t.listed()) {
            ExecutionOutcome ex = lastAttempt.get(e.id());
            if (ex != null && FINAL_EXECUTION.contains(e.status()) && FINAL_EXECUTION.contains(ex.status())
                    && !ex.status().equals(e.status()) && ex.attempt() == e.attempt()) {
                duplicated++;
                duplicatedDetails.add(e.id() + ": " + e.status() + " in task-service, " + ex.status()
                        + " in the executor");
            }
        }
        // retried, statuses
        Set<String> retriedIds = new HashSet<>();
        for (ExecutionOutcome e : t.listed()) {
            executionStatuses.merge(e.status(), 1, Integer::sum);
            if (e.attempt() > 1) {
                retriedIds.add(e.id());
            }
        }
        t.inExecutor().stream().filter(e -> e.attempt() > 1).forEach(e -> retriedIds.add(e.id()));
        retried += retriedIds.size();
    }

    public int lost() {
        return lost;
    }

    public int duplicated() {
        return duplicated;
    }

    public int retried() {
        return retried;
    }

    public int tasksFailedByFaults() {
        return tasksFailedByFaults;
    }

    public int rounds() {
        return rounds;
    }

    public ObjectNode observations() {
        return observations;
    }

    /** The targets: 0 lost, 0 duplicated, 0 tasks failed by faults, every round done, every task final. */
    public boolean targetsMet() {
        return lost == 0 && duplicated == 0 && tasksFailedByFaults == 0 && faults.size() == rounds
                && tasks.stream().allMatch(TaskOutcome::finished);
    }

    /** Faults counted by kind, by target and by both ({@code "kill task-service"}). */
    public Map<String, Map<String, Integer>> faultCounts() {
        Map<String, Integer> byKind = new TreeMap<>();
        Map<String, Integer> byTarget = new TreeMap<>();
        Map<String, Integer> both = new TreeMap<>();
        for (Fault f : faults) {
            byKind.merge(f.kind().id(), 1, Integer::sum);
            byTarget.merge(f.target().name(), 1, Integer::sum);
            both.merge(f.kind().id() + " " + f.target().name(), 1, Integer::sum);
        }
        Map<String, Map<String, Integer>> m = new TreeMap<>();
        m.put("byKind", byKind);
        m.put("byTarget", byTarget);
        m.put("byKindAndTarget", both);
        return m;
    }

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("rounds", faults.size());
        n.put("roundsPlanned", rounds);
        ObjectNode f = n.putObject("faults");
        faultCounts().forEach((k, v) -> {
            ObjectNode o = f.putObject(k);
            v.forEach(o::put);
        });
        ArrayNode list = f.putArray("list");
        for (Fault x : faults) {
            list.addObject().put("round", x.round()).put("kind", x.kind().id()).put("target", x.target().name())
                    .put("pauseBeforeSeconds", x.pauseBefore().toSeconds())
                    .put("outageSeconds", x.outage().toSeconds());
        }
        ObjectNode t = n.putObject("tasks");
        t.put("total", tasks.size());
        taskStatuses.forEach(t::put);
        ArrayNode ids = t.putArray("ids");
        tasks.forEach(x -> ids.add(x.id()));
        ObjectNode e = n.putObject("executions");
        e.put("expected", expectedExecutions);
        e.put("seen", seenExecutions);
        ObjectNode by = e.putObject("byStatus");
        executionStatuses.forEach(by::put);
        n.put("lost", lost);
        n.put("duplicated", duplicated);
        n.put("retried", retried);
        n.put("tasksFailedByFaults", tasksFailedByFaults);
        n.put("targetsMet", targetsMet());
        ObjectNode d = n.putObject("details");
        lostDetails.forEach(d.withArray("lost")::add);
        duplicatedDetails.forEach(d.withArray("duplicated")::add);
        failedDetails.forEach(d.withArray("tasksFailedByFaults")::add);
        n.set("observations", observations);
        return n;
    }

    /** A few lines for a terminal. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        Map<String, Map<String, Integer>> fc = faultCounts();
        sb.append(String.format("rounds %d of %d; faults by kind %s%n", faults.size(), rounds, fc.get("byKind")));
        sb.append(String.format("faults by target %s%n", fc.get("byTarget")));
        sb.append(String.format("tasks %d %s%n", tasks.size(), taskStatuses));
        sb.append(String.format("executions expected %d, seen %d %s%n", expectedExecutions, seenExecutions,
                executionStatuses));
        sb.append(String.format("lost %d   duplicated %d   retried %d   tasksFailedByFaults %d%n", lost, duplicated,
                retried, tasksFailedByFaults));
        lostDetails.stream().limit(10).forEach(s -> sb.append("  lost: ").append(s).append('\n'));
        duplicatedDetails.stream().limit(10).forEach(s -> sb.append("  duplicated: ").append(s).append('\n'));
        failedDetails.stream().limit(10).forEach(s -> sb.append("  failed: ").append(s).append('\n'));
        sb.append(targetsMet() ? "TARGETS MET (0 lost, 0 duplicated, 0 tasks failed by faults)"
                : "TARGETS MISSED");
        return sb.toString();
    }
}
