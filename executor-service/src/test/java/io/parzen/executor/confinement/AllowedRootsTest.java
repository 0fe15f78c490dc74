package io.parzen.executor.confinement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowedRootsTest {

    @TempDir
    Path tmp;

    private AllowedRoots rootsAt(Path root) {
        return new AllowedRoots(List.of(root));
    }

    @Test
    void aFolderInsideARootIsAllowedByItsRealPath() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path inside = Files.createDirectories(root.resolve("a/b"));
        AllowedRoots.Result r = rootsAt(root).check(inside);
        assertThat(r.refusal()).isNull();
        assertThat(r.realPath()).contains(inside.toRealPath());
        assertThat(rootsAt(root).check(root).refusal()).isNull();
        // .. that stays inside is fine: only the real path counts
        assertThat(rootsAt(root).check(inside.resolve("..")).refusal()).isNull();
    }

    @Test
    void dotDotOutIsRefusedNamingTheRoots() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(tmp.resolve("elsewhere"));
        AllowedRoots.Result r = rootsAt(root).check(root.resolve("../elsewhere"));
        assertThat(r.realPath()).isEmpty();
        assertThat(r.refusal()).contains("is outside the allowed roots").contains(root.toRealPath().toString())
                .contains("parzen.executor.allowed-roots");
    }

    @Test
    void aSymlinkOutIsRefusedWithItsRealPath() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path link = Files.createSymbolicLink(root.resolve("link"), outside);
        AllowedRoots.Result r = rootsAt(root).check(link);
        assertThat(r.refusal()).contains("real path " + outside.toRealPath()).contains("outside the allowed roots");
        // a sibling folder whose name starts like the root is not inside it
        Path sibling = Files.createDirectories(tmp.resolve("root-other"));
        assertThat(rootsAt(root).check(sibling).refusal()).contains("outside");
    }

    @Test
    void aMissingFolderOrAFileIsRefused() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        assertThat(rootsAt(root).check(root.resolve("nope")).refusal()).startsWith("working directory does not exist");
        Path file = Files.writeString(root.resolve("f.txt"), "x");
        assertThat(rootsAt(root).check(file).refusal()).startsWith("working directory is not a directory");
    }

    @Test
    void anyOfSeveralRootsWillDo() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b/c"));
        AllowedRoots roots = new AllowedRoots(List.of(a, tmp.resolve("b")));
        assertThat(roots.check(b).refusal()).isNull();
        assertThat(roots.check(tmp).refusal()).contains("outside");
    }
}
