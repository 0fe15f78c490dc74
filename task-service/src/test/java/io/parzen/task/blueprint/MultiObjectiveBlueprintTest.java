package io.parzen.task.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.task.blueprint.lint.ValohaiLinter;
import io.parzen.task.validation.TaskSpecNormalizer;
import io.parzen.task.validation.TaskSpecValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parzen's valohai.yaml extension keys for multi-objective tasks (docs/decisions/0032). */
class MultiObjectiveBlueprintTest {

    static final String STEP = """
            - step:
                name: train
                image: python:3.11
                command: python3 train.py {parameters}
                parameters:
                  - {name: lr, type: float, default: 0.1}
            """;

    @Test
    void optimizationTargetsBecomeTargetsAndTheEngineIsMotpe() {
        BlueprintDocument doc = Blueprint.parse(STEP + """
                - task:
                    step: train
                    name: mo
                    type: bayesian_tpe
                    execution-count: 40
                    optimization-targets:
                      - {metric: val_accuracy, direction: Maximize}
                      - {metric: latency_ms, direction: minimize}
                    optimization-reference-point: [0.5, 300]
                    parameters:
                      - {name: lr, style: random, rules: {min: 0.001, max: 0.1}}
                """);
        assertThat(doc.errors()).isEmpty();
        TaskSpec spec = doc.toTaskSpec("mo");
        assertThat(spec.target()).isNull();
        assertThat(spec.targets()).containsExactly(new TargetSpec("val_accuracy", null, "maximize"),
                new TargetSpec("latency_ms", null, "minimize"));
        assertThat(spec.referencePoint()).containsExactly(0.5, 300.0);
        assertThat(spec.engine()).isEqualTo("motpe");
        assertThat(TaskSpecValidator.validate(TaskSpecNormalizer.normalize(spec))).isEmpty();
    }

    @Test
    void badShapesAreNamedAtTheirPath() {
        BlueprintDocument doc = Blueprint.parse(STEP + """
                - task:
                    step: train
                    name: mo
                    type: bayesian_tpe
                    optimization-target-metric: loss
                    optimization-targets:
                      - {metric: a, direction: maximize, weight: 2}
                      - {direction: minimize}
                    optimization-reference-point: [1, x]
                    parameters:
                      - {name: lr, style: random, rules: {min: 0.001, max: 0.1}}
                """);
        String errors = doc.errors().toString();
        assertThat(errors).contains("optimization-targets[0].weight").contains("optimization-targets[1].metric")
                .contains("optimization-reference-point[1]").contains("not both");
    }
}
