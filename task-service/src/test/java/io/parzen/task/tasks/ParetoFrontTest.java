package io.parzen.task.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.task.executions.ExecutionEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The task view's Pareto front and hypervolume, without a service. */
class ParetoFrontTest {

    static TaskSpec spec(List<TargetSpec> targets, List<Double> ref) {
        return new TaskSpec("t", "random_search", null, "python3 train.py {parameters}", null,
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null)), null, 10, 2, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, targets, ref);
    }

    static final List<TargetSpec> ACC_LATENCY = List.of(new TargetSpec("acc", null, "maximize"), new TargetSpec("latency", null, "minimize"));

    static ExecutionEntity execution(String id, String status, String metrics) {
        ExecutionEntity e = new ExecutionEntity();
        e.id = id;
        e.status = status;
        e.metrics = metrics;
        e.parameters = "{\"x\": 0.5}";
        return e;
    }

    static List<ExecutionEntity> four() {
        return List.of(execution("e1", "complete", "{\"acc\": 0.9, \"latency\": 100}"),
                execution("e2", "complete", "{\"acc\": 0.8, \"latency\": 50}"),
                execution("e3", "complete", "{\"acc\": 0.7, \"latency\": 120}"), // dominated by e1
                execution("e4", "complete", "{\"acc\": 0.95, \"latency\": 200}"),
                execution("e5", "error", "{\"acc\": 0.99, \"latency\": 1}"),      // not complete
                execution("e6", "complete", "{\"acc\": 0.99}"));                   // a metric missing
    }

    @Test
    void frontAndHypervolumeAgainstTheTasksReferencePoint() {
        ParetoFront f = ParetoFront.of(spec(ACC_LATENCY, List.of(0.5, 300.0)), four());
        assertThat(f.members()).extracting(ParetoFront.Member::executionId).containsExactly("e1", "e2", "e4");
        assertThat(f.members().get(0).values()).containsEntry("acc", 0.9).containsEntry("latency", 100.0);
        // slices along latency: [50,100)·(0.8−0.5) + [100,200)·(0.9−0.5) + [200,300)·(0.95−0.5) = 15 + 40 + 45
        assertThat(f.hypervolume()).isCloseTo(100.0, within(1e-9));
        assertThat(f.referencePoint()).containsExactly(0.5, 300.0);
        assertThat(f.referencePointSource()).isEqualTo("task");
    }

    @Test
    void derivedReferencePointIsTenPercentBeyondTheWorst() {
        ParetoFront f = ParetoFront.of(spec(ACC_LATENCY, null), four());
        // worst acc 0.7 → 0.63 (10% lower), worst latency 200 → 220
        assertThat(f.referencePoint().get(0)).isCloseTo(0.63, within(1e-12));
        assertThat(f.referencePoint().get(1)).isCloseTo(220.0, within(1e-9));
        assertThat(f.referencePointSource()).isEqualTo("derived");
        double expected = 50 * (0.8 - 0.63) + 100 * (0.9 - 0.63) + 20 * (0.95 - 0.63);
        assertThat(f.hypervolume()).isCloseTo(expected, within(1e-9));
        assertThat(ParetoFront.of(spec(null, null), four())).isNull();
        assertThat(ParetoFront.of(spec(ACC_LATENCY, null), List.of()).referencePoint()).isNull();
    }

    @Test
    void threeObjectivesMatchAMonteCarloEstimate() {
        Random r = new Random(7);
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pts.add(new double[] {r.nextDouble(), r.nextDouble(), r.nextDouble()});
        }
        double[] ref = {1, 1, 1};
        double exact = ParetoFront.hypervolume(pts, ref);
        int hits = 0;
        int n = 200_000;
        for (int s = 0; s < n; s++) {
            double[] u = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
            for (double[] p : pts) {
                if (p[0] <= u[0] && p[1] <= u[1] && p[2] <= u[2]) {
                    hits++;
                    break;
                }
            }
        }
        assertThat(exact).isCloseTo((double) hits / n, within(0.01));
    }
}
