package io.parzen.executor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {

    private static Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lr", 0.001);
        p.put("epochs", 10);
        p.put("optimizer", "adam w");
        p.put("augment", true);
        return p;
    }

    @Test
    void parametersExpandInParameterOrderWithTheDefaultPassAs() {
        assertThat(CommandTemplate.expand("python3 train.py {parameters}", params(), null)).containsExactly(
                "python3", "train.py", "--lr=0.001", "--epochs=10", "--optimizer=adam w", "--augment=true");
        assertThat(CommandTemplate.expand("python3 train.py {params} --x", params(), Map.of())).containsExactly(
                "python3", "train.py", "--lr=0.001", "--epochs=10", "--optimizer=adam w", "--augment=true", "--x");
    }

    @Test
    void passAsWithSpacesGivesSeveralWords() {
        Map<String, String> passAs = Map.of("lr", "--learning-rate {value}", "epochs", "-e {v}",
                "optimizer", "'--opt={value}'");
        assertThat(CommandTemplate.expand("train {parameters}", params(), passAs)).containsExactly(
                "train", "--learning-rate", "0.001", "-e", "10", "--opt=adam w", "--augment=true");
    }

    @Test
    void singleParameterAndValuePlaceholders() {
        Map<String, String> passAs = Map.of("lr", "--lr {value}");
        assertThat(CommandTemplate.expand("train {parameter:lr} {parameter:epochs} --o={parameter-value:optimizer}"
                + " {parameter-value:epochs}", params(), passAs))
                .containsExactly("train", "--lr", "0.001", "--epochs=10", "--o=adam w", "10");
    }

    @Test
    void placeholdersInsideWordsAndUnknownBraces() {
        assertThat(CommandTemplate.expand("run \"{parameter:epochs} {x}\" a{parameters}b {unknown} {parameter:none}",
                Map.of("epochs", 3), null))
                .containsExactly("run", "--epochs=3 {x}", "a--epochs=3b", "{unknown}");
    }

    @Test
    void nullValuesAreOmitted() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("a", null);
        p.put("b", 2);
        assertThat(CommandTemplate.expand("x {parameters}", p, null)).containsExactly("x", "--b=2");
    }

    @Test
    void unknownParameterValueAndEmptyCommandAreErrors() {
        assertThatThrownBy(() -> CommandTemplate.expand("x {parameter-value:nope}", params(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> CommandTemplate.expand("  ", params(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandTemplate.expand("{parameter:none}", params(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void booleanWithAFlagTemplateIsPassedOnlyWhenTrue() {
        assertThat(CommandTemplate.passAsArguments("verbose", true, "--verbose")).containsExactly("--verbose");
        assertThat(CommandTemplate.passAsArguments("verbose", false, "--verbose")).isEmpty();
        assertThat(CommandTemplate.passAsArguments("verbose", true, "")).isEmpty();
        assertThat(CommandTemplate.passAsArguments("verbose", false, null)).containsExactly("--verbose=false");
        assertThat(CommandTemplate.passAsArguments("verbose", false, "--verbose={value}"))
                .containsExactly("--verbose=false");
    }

    @Test
    void aListValueOfAParameterWithoutMultipleIsRefusedNamingIt() {
        assertThatThrownBy(() -> CommandTemplate.passAsArguments("tag", List.of("a", "b"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'tag' has the list value ['a', 'b'] but does not set multiple (repeat or separate)");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tag", List.of("a", "b"));
        assertThatThrownBy(() -> CommandTemplate.expand("x {parameters}", p, null))
                .hasMessageContaining("parameter 'tag'");
    }
}
