package io.parzen.executor.outputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files an execution wrote to {@code $VH_OUTPUTS_DIR}: listed, and resolved for download only
 * inside that folder (no {@code ..}, no absolute path, no symbolic link leading out).
 */
public final class OutputFiles {

    /** One output file: its path relative to the outputs folder ({@code /}-separated) and its size. */
    public record OutputFile(String path, long size) {
    }

    private OutputFiles() {
    }

    /** The regular files under {@code outputs}, sorted by path; symbolic links are left out. Empty if none. */
    public static List<OutputFile> list(Path outputs) throws IOException {
        if (!Files.isDirectory(outputs, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<OutputFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(outputs)) {
            for (Path p : walk.sorted().toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(new OutputFile(outputs.relativize(p).toString().replace('\\', '/'), Files.size(p)));
                }
            }
        }
        return files;
    }

    /**
     * The output file at {@code relative}, or null if there is none inside {@code outputs} (an escape with
     * {@code ..}, an absolute path or a link pointing outside counts as none).
     */
    public static Path resolve(Path outputs, String relative) throws IOException {
        if (relative == null || relative.isBlank() || relative.indexOf('\0') >= 0) {
            return null;
        }
        Path rel = Path.of(relative);
        if (rel.isAbsolute()) {
            return null;
        }
        for (Path part : rel) {
            if (part.toString().equals("..")) {
                return null;
            }
        }
        if (!Files.isDirectory(outputs)) {
            return null;
        }
        Path root = outputs.toRealPath();
        Path file = outputs.resolve(rel).normalize();
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Path real = file.toRealPath();
        return real.startsWith(root) ? real : null;
    }
}
