package io.parzen.executor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void splitsOnBlanks() {
        assertThat(CommandLine.split("  python3\ttrain.py \n --epochs=3  ")).containsExactly("python3", "train.py",
                "--epochs=3");
        assertThat(CommandLine.split("")).isEmpty();
        assertThat(CommandLine.split(null)).isEmpty();
    }

    @Test
    void honoursSingleAndDoubleQuotes() {
        assertThat(CommandLine.split("echo 'a b' \"c d\" --name=\"x y\"z")).containsExactly("echo", "a b", "c d",
                "--name=x yz");
        assertThat(CommandLine.split("echo 'it\"s' \"it's\"")).containsExactly("echo", "it\"s", "it's");
        assertThat(CommandLine.split("echo '' \"\"")).containsExactly("echo", "", "");
    }

    @Test
    void backslashes() {
        assertThat(CommandLine.split("echo a\\ b \\'q\\'")).containsExactly("echo", "a b", "'q'");
        assertThat(CommandLine.split("echo \"a\\\"b\\\\c\\d\"")).containsExactly("echo", "a\"b\\c\\d");
        assertThat(CommandLine.split("echo 'a\\b'")).containsExactly("echo", "a\\b");
        assertThat(CommandLine.split("python \\\n train.py")).containsExactly("python", "train.py");
    }

    @Test
    void expandsNothingAShellWould() {
        assertThat(CommandLine.split("echo $HOME *.py `id` $(id) a|b > out; rm -rf ~ && x"))
                .containsExactly("echo", "$HOME", "*.py", "`id`", "$(id)", "a|b", ">", "out;", "rm", "-rf", "~",
                        "&&", "x");
    }

    @Test
    void rejectsUnterminatedQuotes() {
        assertThatThrownBy(() -> CommandLine.split("echo 'abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("single quote");
        assertThatThrownBy(() -> CommandLine.split("echo \"abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("double quote");
        assertThatThrownBy(() -> CommandLine.split("echo abc\\")).isInstanceOf(IllegalArgumentException.class);
    }
}
