package io.parzen.bench.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PruningBenchmarkTest {

    @Test
    void crossingCurvesCross() {
        CrossingCurves c = new CrossingCurves();
        double[] fast = c.curve(Map.of("learning_rate", Math.pow(10, -1.5), "regularization", 0.3), 0);
        double[] slow = c.curve(Map.of("learning_rate", Math.pow(10, -2.5), "regularization", 0.3), 0);
        assertTrue(fast[2] < slow[2], "the fast configuration leads early");
        assertTrue(fast[49] > slow[49] + 0.05, "and plateaus higher");
        assertArrayEquals(fast, c.curve(Map.of("learning_rate", Math.pow(10, -1.5), "regularization", 0.3), 0), "deterministic");
    }

    @Test
    void withoutPrunerEveryExecutionRunsEveryStep() throws Exception {
        PruningBenchmark.Run none = PruningBenchmark.run(new CrossingCurves(), "optuna", Map.of("type", "none"), 3, 20, 5, 1);
        assertEquals(20L * CrossingCurves.STEPS, none.steps());
        assertEquals(0, none.pruned());
        PruningBenchmark.Run median = PruningBenchmark.run(new CrossingCurves(), "optuna", Map.of("type", "median"), 3, 20, 5, 1);
        assertTrue(median.pruned() > 0 && median.steps() < none.steps(), "median prunes: " + median);
        // the first 5 executions complete (n_startup_trials = 5): there is a best complete value
        assertTrue(!Double.isNaN(median.best()));
    }

    @Test
    void prunerSpecText() {
        assertEquals(Map.of("type", "median", "nWarmupSteps", 10L), PruningCommand.spec("median/nWarmupSteps=10"));
        assertEquals(Map.of("type", "percentile", "percentile", 40.5), PruningCommand.spec("percentile/percentile=40.5"));
    }
}
