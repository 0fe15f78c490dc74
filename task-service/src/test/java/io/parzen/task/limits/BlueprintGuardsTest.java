package io.parzen.task.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.task.blueprint.Blueprint;
import io.parzen.task.blueprint.LintMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The blueprint parser's guards: non-finite numbers, alias expansion, alias count. */
class BlueprintGuardsTest {

    static final String STEP = """
            - step:
                name: train
                image: python:3.12
                command: python3 train.py {parameters}
                parameters:
                  - {name: lr, type: float, default: 0.1}
            """;

    static List<String> errors(String yaml) {
        return Blueprint.parse(yaml).errors().stream().map(LintMessage::message).toList();
    }

    @Test
    void nonFiniteNumbersAreErrorsWithTheirLine() {
        for (String bad : List.of(".inf", "-.inf", ".NaN", "1e400", "-1e400", "!!float .inf", "1" + "0".repeat(400))) {
            String yaml = STEP + """
                    - task:
                        step: train
                        name: sweep
                        type: random-search
                        execution-count: 4
                        parameters:
                          - {name: lr, style: random, rules: {min: 0, max: %s, count: 4}}
                    """.formatted(bad);
            List<LintMessage> errors = Blueprint.parse(yaml).errors();
            assertThat(errors).as(bad).anySatisfy(m -> {
                assertThat(m.message()).contains("is not finite");
                assertThat(m.line()).isEqualTo(13);
            });
        }
        // quoted it is a string: no finiteness error (other errors may follow)
        assertThat(errors(STEP.replace("default: 0.1", "default: '.inf'"))).noneMatch(m -> m.contains("not finite"));
        assertThat(errors(STEP)).isEmpty();
    }

    @Test
    @Timeout(10)
    void aBillionLaughsIsRejectedBeforeItIsExpanded() {
        StringBuilder yaml = new StringBuilder("- step:\n    name: train\n    command: c\n    description: &a0 [x, x]\n");
        // each level doubles: 2^24 nodes from 24 aliases... reaches the node limit long before that
        for (int i = 1; i <= 24; i++) {
            yaml.append("    l").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        List<String> errors = errors(yaml.toString());
        assertThat(errors).anyMatch(m -> m.contains("more than 100000 nodes")
                && m.contains("parzen.task.limits.yaml.nodes"));
        // a lower configured limit applies
        assertThat(Blueprint.parse(STEP + "- step: &s {name: other, command: c}\n",
                new Blueprint.Limits(50, 10)).errors()).anyMatch(m -> m.message().contains("more than 10 nodes"));
    }

    @Test
    void tooManyAliasesAreNamed() {
        StringBuilder yaml = new StringBuilder(STEP).append("- step:\n    name: s2\n    command: c\n    description: &d x\n")
                .append("    category: [");
        for (int i = 0; i < 51; i++) {
            yaml.append(i == 0 ? "" : ", ").append("*d");
        }
        yaml.append("]\n");
        assertThat(errors(yaml.toString())).anyMatch(m -> m.contains("more than 50 aliases")
                && m.contains("parzen.task.limits.yaml.aliases"));
    }
}
