package io.parzen.executor.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogChunkTest {

    @TempDir
    Path dir;

    @Test
    void readsFromAnOffsetAndSaysWhereToGoOn() throws Exception {
        Path log = dir.resolve("log.txt");
        Files.writeString(log, "hello\nworld\n");
        LogChunk all = LogChunk.read(log, 0, 1000);
        assertThat(new String(all.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello\nworld\n");
        assertThat(all.nextOffset()).isEqualTo(12);
        LogChunk tail = LogChunk.read(log, 6, 1000);
        assertThat(new String(tail.bytes(), StandardCharsets.UTF_8)).isEqualTo("world\n");
        Files.writeString(log, "more\n", java.nio.file.StandardOpenOption.APPEND);
        LogChunk grown = LogChunk.read(log, all.nextOffset(), 1000);
        assertThat(new String(grown.bytes(), StandardCharsets.UTF_8)).isEqualTo("more\n");
        assertThat(grown.nextOffset()).isEqualTo(17);
    }

    @Test
    void atMostMaxBytesAtATime() throws Exception {
        Path log = dir.resolve("log.txt");
        Files.writeString(log, "0123456789");
        LogChunk first = LogChunk.read(log, 2, 3);
        assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).isEqualTo("234");
        assertThat(first.nextOffset()).isEqualTo(5);
    }

    @Test
    void pastTheEndOrNoFileIsEmptyWithTheSameOffset() throws Exception {
        Path log = dir.resolve("log.txt");
        Files.writeString(log, "abc");
        assertThat(LogChunk.read(log, 3, 10).bytes()).isEmpty();
        assertThat(LogChunk.read(log, 99, 10).nextOffset()).isEqualTo(99);
        assertThat(LogChunk.read(dir.resolve("none"), 0, 10).nextOffset()).isZero();
        assertThatThrownBy(() -> LogChunk.read(log, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
