package io.parzen.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.parzen.deploy.chaos.TaskOutcome.ExecutionOutcome;
import io.parzen.deploy.launcher.Component;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosPlanAndReportTest {

    static final List<Target> ALL = List.of(Component.values()).stream().map(Target::of).toList();
    static final Duration MIN = Duration.ofSeconds(2);
    static final Duration MAX = Duration.ofSeconds(9);
    static final Duration OUTAGE = Duration.ofSeconds(60);

    static List<Fault> plan(long seed, int rounds, Set<FaultKind> kinds, List<Target> targets) {
        return FaultPlan.plan(seed, rounds, kinds, targets, MIN, MAX, OUTAGE);
    }

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnotherOne() {
        Set<FaultKind> all = EnumSet.allOf(FaultKind.class);
        List<Fault> a = plan(42, 50, all, ALL);
        assertThat(plan(42, 50, all, ALL)).isEqualTo(a);
        assertThat(plan(43, 50, all, ALL)).isNotEqualTo(a);
        // a longer plan starts with the shorter one
        assertThat(plan(42, 80, all, ALL).subList(0, 50)).isEqualTo(a);
    }

    @Test
    void everyRoundHitsAnAllowedTargetOfItsKindAndWaitsWithinTheBounds() {
        List<Fault> p = plan(7, 300, EnumSet.allOf(FaultKind.class), ALL);
        assertThat(p).hasSize(300);
        for (int i = 0; i < p.size(); i++) {
            Fault f = p.get(i);
            assertThat(f.round()).isEqualTo(i + 1);
            assertThat(f.pauseBefore()).isBetween(MIN, MAX);
            switch (f.kind()) {
                case STOP_DB -> assertThat(f.target().component()).isEqualTo(Component.POSTGRES);
                case STOP_BROKER -> assertThat(f.target().component()).isEqualTo(Component.KAFKA);
                case KILL -> assertThat(ALL).contains(f.target());
            }
            assertThat(f.outage()).isEqualTo(f.kind() == FaultKind.KILL ? Duration.ZERO : OUTAGE);
        }
        // 300 rounds reach every kind and every target of kill
        assertThat(p.stream().map(Fault::kind).distinct()).containsExactlyInAnyOrder(FaultKind.values());
        assertThat(p.stream().filter(f -> f.kind() == FaultKind.KILL).map(Fault::target).distinct())
                .containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(p.stream().map(Fault::pauseBefore).distinct().count()).isGreaterThan(1);
    }

    @Test
    void onlyTheAllowedKindsAreUsedAndInstancesAreTargetsOfTheirOwn() {
        List<Target> instances = new ArrayList<>(ALL);
        instances.add(new Target(Component.TASK, 2));
        List<Fault> p = plan(3, 200, EnumSet.of(FaultKind.KILL), instances);
        assertThat(p).allMatch(f -> f.kind() == FaultKind.KILL);
        assertThat(p.stream().map(f -> f.target().name())).contains("task-service#2", "task-service");
        assertThat(plan(3, 40, EnumSet.of(FaultKind.STOP_BROKER), ALL))
                .allMatch(f -> f.target().name().equals("kafka"));
    }

    @Test
    void anOutageOfInfrastructureThatIsNotEmbeddedIsRefusedByName() {
        List<Target> servicesOnly = Component.SERVICES.stream().map(Target::of).toList();
        assertThatThrownBy(() -> plan(1, 5, EnumSet.of(FaultKind.STOP_DB), servicesOnly))
                .hasMessageContaining("stop-db").hasMessageContaining("PostgreSQL");
        assertThatThrownBy(() -> FaultKind.parseList("kill,reboot"))
                .hasMessageContaining("'reboot'").hasMessageContaining("kill, stop-db, stop-broker");
        assertThat(FaultKind.parseList("stop-db, kill")).containsExactlyInAnyOrder(FaultKind.KILL, FaultKind.STOP_DB);
    }

    // ------------------------------------------------------------------ report

    static ExecutionOutcome ex(String id, String status) {
        return new ExecutionOutcome(id, status, 1);
    }

    static List<ExecutionOutcome> complete(String task, int n) {
        List<ExecutionOutcome> l = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            l.add(ex(task + "-" + i, "complete"));
        }
        return l;
    }

    static TaskOutcome done(String id, int n) {
        return new TaskOutcome(id, "complete", "max-executions-reached", n, true, complete(id, n), complete(id, n));
    }

    @Test
    void aCleanRunMeetsTheTargets() {
        List<Fault> faults = plan(1, 4, EnumSet.allOf(FaultKind.class), ALL);
        ChaosReport r = ChaosReport.of(4, faults, List.of(done("a", 3), done("b", 3)));
        assertThat(r.lost()).isZero();
        assertThat(r.duplicated()).isZero();
        assertThat(r.tasksFailedByFaults()).isZero();
        assertThat(r.targetsMet()).isTrue();
        JsonNode j = r.toJson();
        assertThat(j.path("rounds").asInt()).isEqualTo(4);
        assertThat(j.path("executions").path("expected").asInt()).isEqualTo(6);
        assertThat(j.path("executions").path("seen").asInt()).isEqualTo(6);
        int byKind = 0;
        for (JsonNode n : j.path("faults").path("byKind")) {
            byKind += n.asInt();
        }
        assertThat(byKind).isEqualTo(4);
        assertThat(j.path("faults").path("list")).hasSize(4);
        assertThat(j.path("tasks").path("total").asInt()).isEqualTo(2);
        for (String field : List.of("lost", "duplicated", "retried", "tasksFailedByFaults")) {
            assertThat(j.has(field)).as(field).isTrue();
        }
    }

    @Test
    void openExecutionsAndUnfinishedTasksAreLost() {
        List<ExecutionOutcome> listed = new ArrayList<>(complete("a", 2));
        listed.add(ex("a-3", "started"));
        TaskOutcome open = new TaskOutcome("a", "complete", null, 3, true, listed, complete("a", 3));
        TaskOutcome hung = new TaskOutcome("b", "started", null, 3, false, List.of(ex("b-1", "started"),
                ex("b-2", "queued"), ex("b-3", "complete")), List.of());
        TaskOutcome neverListed = new TaskOutcome("c", null, null, 3, false, List.of(), List.of());
        TaskOutcome unknownToExecutor = new TaskOutcome("d", "complete", null, 2, true, complete("d", 2),
                complete("d", 1));
        ChaosReport r = ChaosReport.of(0, List.of(), List.of(open, hung, neverListed, unknownToExecutor));
        assertThat(r.lost()).isEqualTo(1 + 2 + 1 + 1);
        assertThat(r.duplicated()).isZero();
        assertThat(r.targetsMet()).isFalse();
    }

    @Test
    void twinsExtraExecutionsDoubleRunsAndDisagreementsAreDuplicates() {
        List<ExecutionOutcome> listed = new ArrayList<>(complete("a", 3));
        listed.add(ex("a-2", "complete")); // listed twice
        listed.add(ex("a-4", "complete")); // beyond maxExecutions 3 (4 distinct ids)
        List<ExecutionOutcome> inExecutor = new ArrayList<>(complete("a", 4));
        inExecutor.add(ex("a-1", "complete")); // the same attempt run twice
        inExecutor.set(2, ex("a-3", "error")); // disagrees with task-service's complete
        ChaosReport r = ChaosReport.of(0, List.of(), List.of(new TaskOutcome("a", "complete", null, 3, true, listed,
                inExecutor)));
        assertThat(r.duplicated()).isEqualTo(1 + 1 + 1 + 1);
        assertThat(r.toJson().path("details").path("duplicated")).hasSize(4);
    }

    @Test
    void errorTasksAreFailedByFaultsAndLaterAttemptsAreRetries() {
        TaskOutcome failed = new TaskOutcome("a", "error", "child-error", 2, true,
                List.of(ex("a-1", "crashed"), ex("a-2", "complete")), List.of(ex("a-1", "crashed"), ex("a-2", "complete")));
        TaskOutcome retriedTask = new TaskOutcome("b", "complete", null, 2, true,
                List.of(new ExecutionOutcome("b-1", "complete", 2), ex("b-2", "complete")),
                List.of(ex("b-1", "crashed"), new ExecutionOutcome("b-1", "complete", 2), ex("b-2", "complete")));
        ChaosReport r = ChaosReport.of(0, List.of(), List.of(failed, retriedTask));
        assertThat(r.tasksFailedByFaults()).isEqualTo(1);
        assertThat(r.retried()).isEqualTo(1);
        assertThat(r.duplicated()).isZero();
        assertThat(r.lost()).isZero();
        assertThat(r.summary()).contains("TARGETS MISSED").contains("a error (child-error)");
    }

    @Test
    void theTaskSpecIsTheExampleMlpWithTheRequestedSizes() {
        ChaosRunner.Settings s = new ChaosRunner.Settings(1, 1, 5, EnumSet.of(FaultKind.KILL), OUTAGE, MIN, MAX,
                9, 3, 12, Duration.ofMinutes(1), null);
        JsonNode spec = ChaosRunner.taskSpec(java.nio.file.Path.of("repo"), s, "chaos-5-1", 5001);
        assertThat(spec.path("maxExecutions").asInt()).isEqualTo(9);
        assertThat(spec.path("batchSize").asInt()).isEqualTo(3);
        assertThat(spec.path("command").asText()).startsWith("python3 train.py --epochs=12 ");
        assertThat(spec.path("workingDirectory").asText()).endsWith("examples/mlp");
        assertThat(spec.has("onChildError")).isFalse();
        assertThat(spec.path("target").has("value")).as("no early stop").isFalse();
    }
}
