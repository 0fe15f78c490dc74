package io.parzen.executor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * List values of Valohai {@code multiple} parameters, rendered as valohai-yaml's {@code format_cli} and
 * {@code build_command} do, as an argv and through a real /bin/sh.
 */
class ListValuesTest {

    static final ListValues LISTS = new ListValues(Map.of("tag", "repeat", "layers", "separate", "ids", "separate"),
            Map.of("layers", "-"));

    @TempDir
    Path dir;

    private static Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lr", 0.5);
        p.put("tag", List.of("a", "b c"));
        p.put("layers", List.of(64, 32, 16));
        p.put("ids", List.of(1, 2.5, true));
        return p;
    }

    @Test
    void repeatPassesOncePerItemAndSeparateJoinsTheItemsIntoOneValue() {
        assertThat(CommandTemplate.expand("python t.py {parameters}", params(), null, LISTS)).containsExactly(
                "python", "t.py", "--lr=0.5", "--tag=a", "--tag=b c", "--layers=64-32-16", "--ids=1,2.5,true");
        // pass-as with two words, per item for repeat (Valohai: "--decoder-spec gauss --decoder-spec railgun")
        assertThat(CommandTemplate.expand("x {parameter:tag} {parameter:layers}", params(),
                Map.of("tag", "--tag {value}", "layers", "-l {v}"), LISTS))
                .containsExactly("x", "--tag", "a", "--tag", "b c", "-l", "64-32-16");
        // inside a longer word the arguments are joined by spaces, as everywhere
        assertThat(CommandTemplate.expand("x [{parameter:tag}]", params(), null, LISTS))
                .containsExactly("x", "[--tag=a --tag=b c]");
    }

    @Test
    void emptyListsPassNothingAndASingleValueIsAListOfOne() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tag", List.of());
        p.put("layers", List.of());
        p.put("ids", 7);
        p.put("other", Arrays.asList("x", null));
        ListValues lists = new ListValues(Map.of("tag", "repeat", "layers", "separate", "ids", "separate",
                "other", "repeat"), Map.of());
        assertThat(CommandTemplate.expand("x {parameters}", p, null, lists)).containsExactly("x", "--ids=7", "--other=x");
    }

    @Test
    void parameterValueIsPythonsStrOfTheListAsInValohai() {
        Map<String, Object> p = params();
        p.put("words", List.of("it's", "say \"hi\"", "back\\slash", "tab\tnew\nline"));
        ListValues lists = new ListValues(Map.of("tag", "repeat", "layers", "separate", "ids", "separate",
                "words", "repeat"), Map.of());
        assertThat(CommandTemplate.expand("x {parameter-value:layers} {parameter-value:tag} {parameter-value:ids}"
                + " {parameter-value:words}", p, null, lists)).containsExactly("x", "[64, 32, 16]", "['a', 'b c']",
                "[1, 2.5, True]", "[\"it's\", 'say \"hi\"', 'back\\\\slash', 'tab\\tnew\\nline']");
        assertThat(ParameterValues.pythonText(List.of(1.0, 1e-5, 0.0001, 1e16, 123456.5, -0.25, 1e22)))
                .isEqualTo("[1.0, 1e-05, 0.0001, 1e+16, 123456.5, -0.25, 1e+22]");
        assertThat(ParameterValues.pythonText(List.of())).isEqualTo("[]");
    }

    @Test
    void aListOfAParameterWithoutMultipleIsAnErrorNamingTheParameter() {
        assertThatThrownBy(() -> CommandArgv.of("x {parameters}", null, Map.of("n", List.of(1, 2)), null,
                new ListValues(Map.of("tag", "repeat"), Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'n' has the list value [1, 2] but does not set multiple");
        assertThatThrownBy(() -> CommandArgv.of(null, List.of("echo a", "x {parameter:n}"), Map.of("n", List.of(1)),
                null, ListValues.NONE)).hasMessageContaining("command 2: parameter 'n'");
        assertThatThrownBy(() -> CommandArgv.of("x {parameters}", null, Map.of("n", List.of(1)), null,
                new ListValues(Map.of("n", "sometimes"), Map.of()))).hasMessageContaining("unknown multiple 'sometimes'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$(touch pwned)", "`touch pwned`", "a; touch pwned", "a' ; touch pwned; '",
            "a\" ; touch pwned; \"", "line1\ntouch pwned", "*", "$HOME", "> pwned", "it's", "${IFS}touch${IFS}pwned"})
    void hostileItemsReachTheProgramUnchangedThroughTheShell(String value) throws Exception {
        Files.writeString(dir.resolve("existing.txt"), "x");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tag", List.of(value, "b"));
        p.put("layers", List.of(value, 2));
        ListValues lists = new ListValues(Map.of("tag", "repeat", "layers", "separate"), Map.of("layers", ";"));
        List<String> commands = List.of(
                "printf '[%s]\\n' {parameters}",
                "printf '[%s]\\n' \"in double {parameter:tag} quotes\"",
                "printf '[%s]\\n' 'in single {parameter:layers} quotes'",
                "X={parameter-value:tag}; printf '[%s]\\n' \"$X\"");
        String script = ShellScript.build(commands, p, Map.of(), lists);
        Process proc = new ProcessBuilder(ShellScript.argv(script)).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(script).isZero();
        assertThat(dir.resolve("pwned")).doesNotExist();
        String python = ParameterValues.pythonText(List.of(value, "b"));
        assertThat(out).isEqualTo("[--tag=" + value + "]\n[--tag=b]\n[--layers=" + value + ";2]\n"
                + "[in double --tag=" + value + " --tag=b quotes]\n"
                + "[in single --layers=" + value + ";2 quotes]\n"
                + "[" + python + "]\n");
    }

    @Test
    void argvRenderingNeverSplitsAnItem() throws IOException {
        List<String> argv = CommandArgv.of("printf {parameters}", null,
                Map.of("tag", List.of("$(touch pwned)", "a b")), null, new ListValues(Map.of("tag", "repeat"), null));
        assertThat(argv).containsExactly("printf", "--tag=$(touch pwned)", "--tag=a b");
    }
}
