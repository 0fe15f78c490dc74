package io.parzen.optimizer.service.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.events.TargetSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ObjectiveTest {

    private static final String COMPLETE = "complete";

    @Test
    void targetValueMinimizesTheDistance() {
        Objective o = Objective.of(new TargetSpec("acc", 0.9, null));
        assertThat(o.loss(COMPLETE, Map.of("acc", 0.85)).getAsDouble()).isCloseTo(0.05, within());
        assertThat(o.loss(COMPLETE, Map.of("acc", 0.95)).getAsDouble()).isCloseTo(0.05, within());
        assertThat(o.loss(COMPLETE, Map.of("acc", 0.9)).getAsDouble()).isZero();
    }

    @Test
    void targetValueWinsOverADirection() {
        Objective o = Objective.of(new TargetSpec("acc", 1.0, "maximize"));
        assertThat(o.loss(COMPLETE, Map.of("acc", 0.75)).getAsDouble()).isCloseTo(0.25, within());
    }

    @Test
    void directions() {
        assertThat(Objective.of(new TargetSpec("acc", null, "maximize")).loss(COMPLETE, Map.of("acc", 0.8)))
                .isEqualTo(OptionalDouble.of(-0.8));
        assertThat(Objective.of(new TargetSpec("loss", null, "minimize")).loss(COMPLETE, Map.of("loss", 3)))
                .isEqualTo(OptionalDouble.of(3.0));
    }

    @Test
    void failedExecutionsAreNeverGivenAValue() {
        Objective o = Objective.of(new TargetSpec("acc", null, "maximize"));
        assertThat(o.loss("error", Map.of("acc", 0.8))).isEmpty();
        assertThat(o.loss("stopped", Map.of("acc", 0.8))).isEmpty();
        assertThat(o.loss("crashed", Map.of("acc", 0.8))).isEmpty();
        assertThat(o.loss(COMPLETE, Map.of("other", 0.8))).isEmpty();
        assertThat(o.loss(COMPLETE, null)).isEmpty();
        assertThat(o.loss(COMPLETE, Map.of("acc", "0.8"))).isEmpty();
        assertThat(o.loss(COMPLETE, Map.of("acc", true))).isEmpty();
        assertThat(o.loss(COMPLETE, Map.of("acc", Double.NaN))).isEmpty();
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("acc", null);
        assertThat(o.loss(COMPLETE, nullValue)).isEmpty();
    }

    @Test
    void noTargetMeansNoLoss() {
        Objective o = Objective.of(null);
        assertThat(o.defined()).isFalse();
        assertThat(o.loss(COMPLETE, Map.of("acc", 0.8))).isEmpty();
    }

    @Test
    void invalidTargets() {
        assertThatThrownBy(() -> Objective.of(new TargetSpec(null, 1.0, null)))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("target.metric");
        assertThatThrownBy(() -> Objective.of(new TargetSpec("acc", null, "up")))
                .isInstanceOf(InvalidTaskSpecException.class).hasMessageContaining("target.direction");
        assertThatThrownBy(() -> Objective.of(new TargetSpec("acc", null, null)))
                .isInstanceOf(InvalidTaskSpecException.class);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }
}
