package io.parzen.task.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multi-objective tasks: targets, referencePoint and the engines that go with them. */
class ObjectivesRuleTest {

    static TaskSpec spec(String engine, TargetSpec target, List<TargetSpec> targets, List<Double> ref) {
        return new TaskSpec("t", "bayesian_tpe", engine, "python3 train.py {parameters}", null,
                List.of(ParameterSpec.of("lr", "uniform", 0.0, 1.0, null, null)), null, 30, 2, null, target, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, targets, ref);
    }

    static final List<TargetSpec> TWO = List.of(new TargetSpec("acc", null, "Maximize"), new TargetSpec(" latency ", null, "minimize"));

    static List<FieldError> errors(TaskSpec s) {
        return TaskSpecValidator.validate(TaskSpecNormalizer.normalize(s));
    }

    static List<String> fields(TaskSpec s) {
        return errors(s).stream().map(FieldError::field).toList();
    }

    @Test
    void twoObjectivesWithAReferencePointPassAndGetMotpe() {
        TaskSpec s = spec(null, null, TWO, List.of(0.5, 300.0));
        assertThat(fields(s)).isEmpty();
        TaskSpec n = TaskSpecNormalizer.normalize(s);
        assertThat(n.engine()).isEqualTo("motpe");
        assertThat(n.targets()).containsExactly(new TargetSpec("acc", null, "maximize"), new TargetSpec("latency", null, "minimize"));
        assertThat(fields(spec("nsga2", null, TWO, null))).isEmpty();
        assertThat(fields(spec("auto", null, TWO, null))).isEmpty();
    }

    @Test
    void eachProblemNamesItsField() {
        List<TargetSpec> bad = Arrays.asList(new TargetSpec("acc", 0.9, "maximize"), new TargetSpec("acc", null, "upward"),
                new TargetSpec("", null, null));
        assertThat(fields(spec(null, null, bad, List.of(1.0, Double.NaN))))
                .containsExactlyInAnyOrder("targets[0].value", "targets[1].metric", "targets[1].direction",
                        "targets[2].metric", "targets[2].direction", "referencePoint", "referencePoint[1]");
    }

    @Test
    void countsTargetAndTargetsTogetherAndEngines() {
        assertThat(errors(spec(null, null, List.of(TWO.get(0)), null))).singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("targets");
                    assertThat(e.message()).contains("2 to 4").contains("lists 1");
                });
        assertThat(fields(spec(null, new TargetSpec("loss", null, "minimize"), TWO, null))).containsExactly("targets");
        List<TargetSpec> five = List.of(new TargetSpec("a", null, "minimize"), new TargetSpec("b", null, "minimize"),
                new TargetSpec("c", null, "minimize"), new TargetSpec("d", null, "minimize"), new TargetSpec("e", null, "minimize"));
        assertThat(fields(spec(null, null, five, null))).containsExactly("targets");
        FieldError gp = errors(spec("gp", null, TWO, null)).get(0);
        assertThat(gp.field()).isEqualTo("engine");
        assertThat(gp.value()).isEqualTo("gp");
        assertThat(gp.message()).contains("motpe").contains("nsga2");
        FieldError motpe = errors(spec("motpe", new TargetSpec("loss", null, "minimize"), null, null)).get(0);
        assertThat(motpe.field()).isEqualTo("engine");
        assertThat(motpe.message()).contains("targets");
        assertThat(fields(spec(null, new TargetSpec("loss", null, "minimize"), null, List.of(1.0, 2.0))))
                .containsExactly("referencePoint");
    }
}
