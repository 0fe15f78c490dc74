package io.parzen.optimizer.service.pruning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.optimizer.service.study.InvalidTaskSpecException;
import io.parzen.optimizer.service.study.TrialEntity;
import io.parzen.optimizer.study.TrialState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task's pruner as the optimizer runs it: the rule, the step, the loss, and the trials the rule sees. */
class TaskPrunerTest {

    private static TaskSpec spec(Map<String, Object> pruner, TargetSpec target) {
        return new TaskSpec("t", "random_search", null, "python3 train.py {parameters}", null,
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null)), null, 4, 2, null, target, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, pruner, null);
    }

    @Test
    void noneOrAbsentIsNoPrunerAndTheStepKeyDefaultsToEpoch() {
        TargetSpec max = new TargetSpec("acc", null, "maximize");
        assertThat(TaskPruner.of(spec(null, max))).isNull();
        assertThat(TaskPruner.of(spec(Map.of("type", "none"), max))).isNull();
        TaskPruner p = TaskPruner.of(spec(Map.of("type", "median"), max));
        assertThat(p.pruner().type()).isEqualTo("median");
        assertThat(p.stepKey()).isEqualTo("epoch");
        assertThat(TaskPruner.of(spec(Map.of("type", "hyperband", "stepKey", "iter"), max)).stepKey()).isEqualTo("iter");
    }

    @Test
    void theLossIsTheTargetsAndTheStepANonNegativeInteger() {
        TaskPruner max = TaskPruner.of(spec(Map.of("type", "median"), new TargetSpec("acc", null, "maximize")));
        assertThat(max.loss(Map.of("acc", 0.9))).isEqualTo(-0.9);
        assertThat(max.loss(Map.of("loss", 0.9))).isNull();
        Map<String, Object> nan = new HashMap<>();
        nan.put("acc", null);
        assertThat(max.loss(nan)).isNaN();
        TaskPruner value = TaskPruner.of(spec(Map.of("type", "median"), new TargetSpec("acc", 1.0, null)));
        assertThat(value.loss(Map.of("acc", 0.75))).isEqualTo(0.25);
        assertThat(max.step(Map.of("epoch", 3))).isEqualTo(3L);
        assertThat(max.step(Map.of("epoch", 3.0))).isEqualTo(3L);
        assertThat(max.step(Map.of("epoch", 2.5))).isNull();
        assertThat(max.step(Map.of("epoch", -1))).isNull();
        assertThat(max.step(Map.of("epoch", "3"))).isNull();
        assertThat(max.step(Map.of("step", 3))).isNull();
    }

    @Test
    void aPrunerItCannotRunIsAnInvalidSpecNamingTheField() {
        TargetSpec max = new TargetSpec("acc", null, "maximize");
        assertThatThrownBy(() -> TaskPruner.of(spec(Map.of("type", "asha"), max)))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("pruner.type");
        assertThatThrownBy(() -> TaskPruner.of(spec(Map.of("type", "median", "stepKey", 3), max)))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("pruner.stepKey");
        assertThatThrownBy(() -> TaskPruner.of(spec(Map.of("type", "median"), null)))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("target");
    }

    @Test
    void aPendingTrialAskedToStopIsPrunedForTheRuleAndAnOlderAttemptsCurveIsNotItsCurve() {
        TrialEntity t = new TrialEntity();
        t.seq = 3;
        t.state = TrialState.PENDING;
        t.attempt = 1;
        CurveEntity c = new CurveEntity();
        c.attempt = 1;
        c.values = "{\"1\":0.5,\"2\":null}";
        assertThat(PruningService.curve(t, c).state()).isEqualTo(TrialState.PENDING);
        assertThat(PruningService.curve(t, c).values()).containsEntry(1L, 0.5).containsKey(2L);
        assertThat(PruningService.curve(t, c).values().get(2L)).isNaN();
        c.stopRequestedAt = Instant.now();
        assertThat(PruningService.curve(t, c).state()).isEqualTo(TrialState.PRUNED);
        t.attempt = 2;
        assertThat(PruningService.curve(t, c).values()).isEmpty();
        t.state = TrialState.COMPLETE;
        t.loss = null;
        assertThat(PruningService.curve(t, null).state()).as("complete without a loss").isEqualTo(TrialState.FAILED);
        assertThat(PruningService.last(c)).isEqualTo(Map.entry(2L, Double.NaN));
    }
}
