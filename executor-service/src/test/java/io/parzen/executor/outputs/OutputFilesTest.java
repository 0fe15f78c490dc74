package io.parzen.executor.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

    @TempDir
    Path dir;

    @Test
    void listsRegularFilesAndResolvesOnlyInsideTheOutputsFolder() throws Exception {
        Path outputs = Files.createDirectories(dir.resolve("outputs"));
        Files.writeString(outputs.resolve("model.txt"), "weights");
        Files.createDirectories(outputs.resolve("plots"));
        Files.writeString(outputs.resolve("plots/loss.svg"), "<svg/>");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(outputs.resolve("link.txt"), dir.resolve("secret.txt"));

        assertThat(OutputFiles.list(outputs)).containsExactly(new OutputFiles.OutputFile("model.txt", 7),
                new OutputFiles.OutputFile("plots/loss.svg", 6));
        assertThat(OutputFiles.resolve(outputs, "plots/loss.svg")).hasContent("<svg/>");
        assertThat(OutputFiles.resolve(outputs, "../secret.txt")).isNull();
        assertThat(OutputFiles.resolve(outputs, "plots/../../secret.txt")).isNull();
        assertThat(OutputFiles.resolve(outputs, dir.resolve("secret.txt").toString())).isNull();
        assertThat(OutputFiles.resolve(outputs, "link.txt")).isNull();
        assertThat(OutputFiles.resolve(outputs, "plots")).isNull();
        assertThat(OutputFiles.resolve(outputs, "missing")).isNull();
        assertThat(OutputFiles.list(dir.resolve("none"))).isEmpty();
    }
}
