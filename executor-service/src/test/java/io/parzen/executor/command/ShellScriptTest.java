package io.parzen.executor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command lists run through a real /bin/sh: values are never interpreted, the list stops at a failure. */
class ShellScriptTest {

    @TempDir
    Path dir;

    /** Runs the argv in {@link #dir}; returns exit code and stdout. */
    private Run run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private record Run(int exit, String out) {
    }

    private static Map<String, Object> one(String name, Object value) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(name, value);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"$(touch pwned)", "`touch pwned`", "a; touch pwned", "a && touch pwned", "a' ; touch pwned; '",
            "a\" ; touch pwned; \"", "line1\ntouch pwned\nline3", "*", "$HOME", "a | touch pwned", "> pwned",
            "'\"'\"'", "\\", "it's", "${IFS}touch${IFS}pwned", "\ttab  two  spaces "})
    void hostileValuesReachTheProgramUnchangedInEveryQuotingContext(String value) throws Exception {
        Files.writeString(dir.resolve("existing.txt"), "x");
        Map<String, Object> params = one("v", value);
        List<String> commands = List.of(
                "printf '[%s]\\n' {parameter-value:v}",
                "printf '[%s]\\n' \"in double {parameter-value:v} quotes\"",
                "printf '[%s]\\n' 'in single {parameter-value:v} quotes'",
                "printf '[%s]\\n' {parameters}",
                "printf '[%s]\\n' {parameter:v}",
                "X={parameter-value:v}; printf '[%s]\\n' \"$X\"");
        String script = ShellScript.build(commands, params, Map.of());
        Run r = run(ShellScript.argv(script));
        assertThat(r.exit()).as(script).isZero();
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(r.out()).isEqualTo("[" + value + "]\n"
                + "[in double " + value + " quotes]\n"
                + "[in single " + value + " quotes]\n"
                + "[--v=" + value + "]\n"
                + "[--v=" + value + "]\n"
                + "[" + value + "]\n");
    }

    @Test
    void theListRunsInOrderInOneDirectoryAndStopsAtTheFirstFailure() throws Exception {
        List<String> commands = List.of("mkdir sub && cd sub", "echo first > ../a.txt", "false",
                "echo never > ../b.txt");
        Run r = run(ShellScript.argv(ShellScript.build(commands, Map.of(), Map.of())));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(dir.resolve("a.txt")).hasContent("first");
        assertThat(dir.resolve("b.txt")).doesNotExist();

        Run exit7 = run(ShellScript.argv(ShellScript.build(List.of("true", "exit 7", "touch c"), Map.of(), Map.of())));
        assertThat(exit7.exit()).isEqualTo(7);
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void shellFeaturesOfTheUsersOwnTextStillWork() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lr", 0.001);
        params.put("layers", 3);
        String script = ShellScript.build(List.of("export GREETING=hi", "echo $GREETING {parameters} | tr a-z A-Z",
                "for i in 1 2; do echo n$i; done # {parameters} in a comment is left alone"), params,
                Map.of("layers", "-l {v}"));
        Run r = run(ShellScript.argv(script));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("HI --LR=0.001 -L 3\nn1\nn2\n");
        assertThat(script).contains("# {parameters} in a comment");
    }

    @Test
    void placeholdersWhereTheQuotingIsNotTrackedAreRefused() {
        for (String command : List.of("echo $(echo {parameter-value:v})", "echo \"$(echo {parameters})\"",
                "echo `echo {parameter:v}`", "echo ${X:-{parameter-value:v}}", "cat <<EOF\n{parameter-value:v}\nEOF",
                "case x in x) echo {parameter-value:v};; esac")) {
            assertThatThrownBy(() -> ShellScript.build(List.of(command), one("v", "a"), Map.of()))
                    .as(command).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quoted safely");
        }
        assertThat(ShellScript.build(List.of("echo $(date) {parameter-value:v}"), one("v", "a"), Map.of()))
                .contains("echo $(date) 'a'");
    }

    @Test
    void unterminatedQuotesAndEmptyCommandsAreErrorsThatNameTheCommand() {
        assertThatThrownBy(() -> ShellScript.build(List.of("echo ok", "echo 'open"), Map.of(), Map.of()))
                .hasMessageStartingWith("command 2: unterminated single quote");
        assertThatThrownBy(() -> ShellScript.build(List.of("echo \"$(x"), Map.of(), Map.of()))
                .hasMessageContaining("unterminated");
        assertThatThrownBy(() -> ShellScript.build(List.of("echo ok", " "), Map.of(), Map.of()))
                .hasMessage("command 2 is empty");
        assertThatThrownBy(() -> ShellScript.build(List.of("echo {parameter-value:nope}"), Map.of(), Map.of()))
                .hasMessageContaining("no parameter 'nope'");
    }

    @Test
    void quoteMakesOneLiteralWord() {
        assertThat(ShellScript.quote("it's")).isEqualTo("'it'\"'\"'s'");
        assertThat(ShellScript.quote("")).isEqualTo("''");
    }

    @Test
    void onlyCommandsWithShellSyntaxNeedTheShell() {
        for (String plain : List.of("python3 train.py {parameters}", "python3 'a b.py' --x=\"y z\"",
                "python3 train.py --lr={parameter-value:lr}", "echo a#b", "echo 'a && b' \"c | d\"", "echo x~y")) {
            assertThat(ShellScript.needsShell(plain)).as(plain).isFalse();
        }
        for (String shell : List.of("pip install -r r.txt && python3 train.py", "python3 t.py | tee log", "cd x; ls",
                "echo $HOME", "ls *.py", "echo \"$HOME\"", "A=1 python3 t.py", "python3 t.py > out.txt",
                "echo `date`", "if true; then echo y; fi", "echo ~/x", "a\nb", "echo # comment")) {
            assertThat(ShellScript.needsShell(shell)).as(shell).isTrue();
        }
    }

    @Test
    void commandArgvKeepsSingleCommandsAsArgvAndWrapsCommandLists() {
        Map<String, Object> params = one("name", "a b $HOME");
        assertThat(CommandArgv.of("python3 t.py {parameters}", null, params, Map.of()))
                .containsExactly("python3", "t.py", "--name=a b $HOME");
        assertThat(CommandArgv.of(null, List.of("python3 t.py {parameters}"), params, Map.of()))
                .containsExactly("python3", "t.py", "--name=a b $HOME");
        // a task's single command never goes through a shell (issue 7): shell syntax is a plain argument
        assertThat(CommandArgv.of("cd x && python3 t.py {parameters}", null, params, Map.of()))
                .containsExactly("cd", "x", "&&", "python3", "t.py", "--name=a b $HOME");
        assertThat(CommandArgv.of(null, List.of("cd x && python3 t.py {parameters}"), params, Map.of()))
                .containsExactly("/bin/sh", "-c", "set -e\ncd x && python3 t.py '--name=a b $HOME'\n");
        assertThat(CommandArgv.of(null, List.of("cd x", "python3 t.py {parameters}"), params, Map.of()))
                .containsExactly("/bin/sh", "-c", "set -e\ncd x\npython3 t.py '--name=a b $HOME'\n");
    }
}
