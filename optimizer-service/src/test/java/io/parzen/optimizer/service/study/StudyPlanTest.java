package io.parzen.optimizer.service.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyPlanTest {

    private static TaskSpec spec(String type, int max, int batch, String batching, Integer maxQueued) {
        return new TaskSpec("t", type, null, "python train.py {parameters}", ".",
                List.of(new ParameterSpec("lr", "uniform", 0.0, 1.0, null, null, null, null, "--learning-rate={value}"),
                        ParameterSpec.of("n", "integer", 1.0, 4.0, null, null)),
                null, max, batch, null, new TargetSpec("acc", null, "maximize"), null, 7L, batching, null, maxQueued,
                null);
    }

    @Test
    void synchronousBatchesWaitForTheWholeBatchAndStopAtTheMaximum() {
        StudyPlan plan = StudyPlan.of(spec("random_search", 7, 3, null, null), 7L);
        assertThat(plan.slots(0, 0)).isEqualTo(3);
        assertThat(plan.slots(3, 1)).isZero();
        assertThat(plan.slots(3, 0)).isEqualTo(3);
        assertThat(plan.slots(6, 0)).isEqualTo(1);
        assertThat(plan.slots(7, 0)).isZero();
    }

    @Test
    void maximumQueuedExecutionsCapsBatches() {
        StudyPlan plan = StudyPlan.of(spec("random_search", 10, 4, "synchronous", 2), 7L);
        assertThat(plan.slots(0, 0)).isEqualTo(2);
    }

    @Test
    void asynchronousRefillsFreeSlots() {
        StudyPlan plan = StudyPlan.of(spec("random_search", 5, 3, "asynchronous", null), 7L);
        assertThat(plan.slots(0, 0)).isEqualTo(3);
        assertThat(plan.slots(3, 2)).isEqualTo(1);
        assertThat(plan.slots(4, 2)).isEqualTo(1);
        assertThat(plan.slots(5, 0)).isZero();
        StudyPlan capped = StudyPlan.of(spec("random_search", 10, 3, "asynchronous", 2), 7L);
        assertThat(capped.slots(2, 1)).isEqualTo(1);
    }

    @Test
    void passAsOnlyForParametersThatHaveOne() {
        StudyPlan plan = StudyPlan.of(spec("random_search", 5, 3, null, null), 7L);
        assertThat(plan.passAs()).isEqualTo(Map.of("lr", "--learning-rate={value}"));
        assertThat(plan.engineName()).isEqualTo("random");
        assertThat(plan.exhaustedReason()).isEqualTo("space-exhausted");
    }

    @Test
    void storedPointsGetTheEnginesValueTypesBack() {
        StudyPlan plan = StudyPlan.of(spec("random_search", 5, 3, null, null), 7L);
        // JSON reads an integer parameter back as Integer; the engine expects Long
        assertThat(plan.normalize(Map.of("lr", 0.5, "n", 3))).isEqualTo(Map.of("lr", 0.5, "n", 3L));
    }

    @Test
    void invalidSpecsNameTheField() {
        assertThatThrownBy(() -> StudyPlan.of(spec("annealing", 5, 3, null, null), 7L))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> StudyPlan.of(spec("random_search", 0, 3, null, null), 7L))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("maxExecutions");
        assertThatThrownBy(() -> StudyPlan.of(spec("random_search", 5, 3, "sometimes", null), 7L))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("batching");
        assertThatThrownBy(() -> StudyPlan.of(new TaskSpec("t", "manual_search", null, "c", ".", null, List.of(), 3, 1,
                null, null, null, null, null, null, null, null), 7L))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("parameterSets");
    }

    @Test
    void gridAndManualPlansHaveASpaceForTheirTrials() {
        TaskSpec grid = new TaskSpec("g", "grid_search", null, "c", ".",
                List.of(new ParameterSpec("lr", null, null, null, null, null, "multiple",
                        Map.of("items", List.of(0.1, 0.01)), null)),
                null, 10, 2, null, null, null, null, null, null, null, null);
        StudyPlan gridPlan = StudyPlan.of(grid, 1L);
        assertThat(gridPlan.engineName()).isEqualTo("grid");
        assertThat(gridPlan.space().cardinality()).isEqualTo(2);
        assertThat(gridPlan.exhaustedReason()).isEqualTo("grid-exhausted");

        TaskSpec manual = new TaskSpec("m", "manual_search", null, "c", ".", null,
                List.of(Map.of("lr", 0.1), Map.of("lr", 0.2)), 10, 2, null, null, null, null, null, null, null, null);
        StudyPlan manualPlan = StudyPlan.of(manual, 1L);
        assertThat(manualPlan.engineName()).isEqualTo("manual");
        assertThat(manualPlan.space().cardinality()).isEqualTo(2);
    }

    /**
     * The first batch the optimizer issues is the one {@link io.parzen.events.FirstBatch#size} tells
     * task-service to expect, for any batching, batch size, count and queue cap.
     */
    @Test
    void theFirstBatchIsTheSizeTheContractSays() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1201L);
        for (int i = 0; i < 3000; i++) {
            int max = random.nextInt(1, 60);
            int batch = random.nextInt(1, 20);
            Integer maxQueued = random.nextBoolean() ? null : random.nextInt(1, 25);
            String batching = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> "synchronous";
                default -> "asynchronous";
            };
            TaskSpec s = spec("random_search", max, batch, batching, maxQueued);
            assertThat(StudyPlan.of(s, 7L).slots(0, 0)).as("%d %d %s %s", max, batch, maxQueued, batching)
                    .isEqualTo(io.parzen.events.FirstBatch.size(s, null));
        }
    }

    @Test
    void theCoresDefaultRandomStartupIsTheContracts() {
        assertThat(io.parzen.optimizer.engine.Engines.DEFAULT_RANDOM_STARTUP)
                .isEqualTo(io.parzen.events.vocabulary.TaskDefaults.RANDOM_STARTUP);
    }

    @Test
    void aWordOutsideTheContractIsNamedWithTheAllowedOnes() {
        assertThatThrownBy(() -> StudyPlan.of(spec("bayesian", 5, 1, null, null), 7L))
                .isInstanceOf(InvalidTaskSpecException.class)
                .hasMessageContaining("bayesian")
                .hasMessageContaining("grid_search, random_search, bayesian_tpe, manual_search");
        assertThatThrownBy(() -> StudyPlan.of(spec("random_search", 5, 1, "sometimes", null), 7L))
                .isInstanceOf(InvalidTaskSpecException.class)
                .hasMessageContaining("sometimes")
                .hasMessageContaining("synchronous or asynchronous");
    }
}
