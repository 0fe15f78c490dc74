package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Constraints (ADR 0033) and warm start (ADR 0034) through the whole system: REST → task-service → Kafka →
 * optimizer → executor (real processes of {@code e2e/smooth.py}) → metrics → the task view. The script's loss is
 * a known function of the parameters, so feasibility and the best execution are recomputed here.
 */
@ExtendWith(SharedSystem.class)
class ConstraintsAndWarmStartIT {

    static final Duration TIMEOUT = Duration.ofSeconds(150);
    /**
     * Feasible only away from the optimum at (0.3, -0.2): the unconstrained best is infeasible, and about a
     * quarter of the square [-1, 1]² is.
     */
    static final double MIN_LOSS = 0.3;

    static E2eSystem e2e;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure logs = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void system(E2eSystem shared) {
        e2e = shared;
    }

    static ObjectNode bayesian(String name, int max, int batch, int randomStartup, long seed) {
        ObjectNode t = TaskTypesIT.baseTask(name, "bayesian_tpe", "");
        t.put("engine", "optuna");
        ArrayNode p = t.putArray("parameters");
        TaskTypesIT.uniform(p, "x", -1, 1);
        TaskTypesIT.uniform(p, "y", -1, 1);
        t.put("maxExecutions", max);
        t.put("batchSize", batch);
        t.put("randomStartup", randomStartup);
        t.putObject("target").put("metric", "loss").put("direction", "minimize");
        t.put("seed", seed);
        return t;
    }

    static double loss(JsonNode execution) {
        double x = execution.path("parameters").path("x").asDouble();
        double y = execution.path("parameters").path("y").asDouble();
        return (x - 0.3) * (x - 0.3) + (y + 0.2) * (y + 0.2);
    }

    @Test
    void onlyFeasibleExecutionsCanBeBestAndEveryCompleteOneSaysWhetherItIs() throws Exception {
        ObjectNode spec = bayesian("e2e-constrained", 8, 4, 4, 21);
        spec.putArray("constraints").add("loss >= " + MIN_LOSS);
        String id = e2e.createTask(spec);

        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertEquals("complete", task.path("status").asText(), "task: " + task);
        List<JsonNode> executions = e2e.awaitExecutionsFinal(id, 8, TIMEOUT);
        assertEquals(8, executions.size());

        String bestFeasible = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int infeasible = 0;
        for (JsonNode e : executions) {
            assertEquals("complete", e.path("status").asText(), "execution " + e);
            boolean feasible = loss(e) >= MIN_LOSS;
            assertEquals(feasible, e.path("feasible").asBoolean(), "feasible of " + e);
            if (!feasible) {
                infeasible++;
                assertEquals("loss >= " + MIN_LOSS, e.path("violatedConstraints").path(0).asText(), "execution " + e);
            } else if (loss(e) < bestLoss) {
                bestLoss = loss(e);
                bestFeasible = e.path("id").asText();
            }
        }
        e2e.log("e2e-constrained: " + infeasible + " of 8 executions infeasible");
        // seeded (engine and seed fixed, synchronous batches): both kinds occur, so both branches are checked
        assertTrue(infeasible > 0 && infeasible < 8, infeasible + " of 8 infeasible");
        JsonNode best = task.path("best");
        if (bestFeasible == null) {
            assertTrue(best.isNull() || best.isMissingNode(), "no feasible execution, yet a best: " + best);
        } else {
            assertEquals(bestFeasible, best.path("executionId").asText(), "best of " + task);
            assertEquals(bestLoss, best.path("value").asDouble(), 1e-9);
        }
    }

    @Test
    void aWarmStartedTaskCountsTheEarlierResultsAndStartsWithTheModel() throws Exception {
        String earlier = e2e.createTask(bayesian("e2e-warm-source", 6, 3, 6, 31));
        JsonNode source = e2e.awaitFinal(earlier, TIMEOUT);
        assertEquals("complete", source.path("status").asText(), "earlier task: " + source);
        assertEquals(6, e2e.awaitExecutionsFinal(earlier, 6, TIMEOUT).size());

        ObjectNode spec = bayesian("e2e-warm", 4, 2, 4, 32);
        spec.putArray("warmStartFrom").add(earlier);
        String id = e2e.createTask(spec);

        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertEquals("complete", task.path("status").asText(), "task: " + task);
        JsonNode warm = task.path("warmStart");
        assertFalse(warm.isMissingNode() || warm.isNull(), "no warmStart in " + task);
        assertEquals(6, warm.path("observations").asInt(), "warmStart: " + warm);
        JsonNode from = warm.path("sources").path(0);
        assertEquals(earlier, from.path("taskId").asText(), "warmStart: " + warm);
        assertEquals(6, from.path("observations").asInt(), "warmStart: " + warm);
        assertEquals(0, from.path("dropped").asInt(), "warmStart: " + warm);

        List<JsonNode> executions = e2e.awaitExecutionsFinal(id, 4, TIMEOUT);
        assertEquals(4, executions.size(), "the earlier results are no executions of this task");
        for (JsonNode e : executions) {
            assertNotNull(e.path("source").asText(null), "source of " + e);
            // 6 prior observations ≥ the random start-up of 4: no random execution is left
            assertEquals("model", e.path("source").asText(), "execution " + e);
        }
        assertEquals("bayesian", task.path("searchMode").asText(), "task: " + task);
    }
}
