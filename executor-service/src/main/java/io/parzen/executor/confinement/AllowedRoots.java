package io.parzen.executor.confinement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The folders that working directories must lie in ({@code parzen.executor.allowed-roots}). A
 * directory is judged by its real path, with every symlink resolved, so neither {@code ..} nor a
 * symlink leads out of a root.
 */
public final class AllowedRoots {

    private final List<Path> roots;

    /** @param roots absolute folders; each is compared by its real path when it exists */
    public AllowedRoots(List<Path> roots) {
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            real.add(realOrNormalized(root));
        }
        this.roots = List.copyOf(real);
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * The real path of an existing directory when it lies in a root; otherwise why not, as a
     * sentence a user can act on.
     */
    public Result check(Path directory) {
        Path real;
        try {
            real = directory.toRealPath();
        } catch (IOException e) {
            return Result.refused("working directory does not exist: " + directory);
        }
        if (!Files.isDirectory(real)) {
            return Result.refused("working directory is not a directory: " + directory);
        }
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return new Result(Optional.of(real), null);
            }
        }
        String shown = real.equals(directory.toAbsolutePath().normalize()) ? real.toString()
                : directory + " (real path " + real + ")";
        return Result.refused("working directory " + shown + " is outside the allowed roots " + roots
                + " (parzen.executor.allowed-roots)");
    }

    /** The outcome of {@link #check(Path)}: the real path, or the reason it is refused. */
    public record Result(Optional<Path> realPath, String refusal) {
        static Result refused(String reason) {
            return new Result(Optional.empty(), reason);
        }
    }

    private static Path realOrNormalized(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }
}
