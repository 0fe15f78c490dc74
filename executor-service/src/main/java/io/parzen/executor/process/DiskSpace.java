package io.parzen.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The free space of the disk that holds the execution folders, against the minimum an instance keeps free
 * ({@code parzen.executor.min-free-disk}). Below it the disk counts as full: no execution starts on this
 * instance until space is freed (its queued executions wait, they are not failed), and a command that fails
 * meanwhile is a workspace failure of Parzen's, retried (ADR 0026), not the user's error.
 */
public final class DiskSpace {

    private final Path root;
    private final long minFreeBytes;
    private final LongSupplier usable;

    /**
     * @param root         the folder of the execution folders (it or its nearest existing parent is measured)
     * @param minFreeBytes below this many usable bytes the disk counts as full; 0 turns the check off
     */
    public DiskSpace(Path root, long minFreeBytes) {
        this(root, minFreeBytes, () -> usableBytes(root));
    }

    /** For tests: {@code usable} says how many bytes are free (negative: unknown). */
    DiskSpace(Path root, long minFreeBytes, LongSupplier usable) {
        this.root = root;
        this.minFreeBytes = minFreeBytes;
        this.usable = usable;
    }

    /** Usable bytes of the file store of {@code root} (or of its nearest existing parent); -1 when unknown. */
    static long usableBytes(Path root) {
        Path p = root.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return -1;
        }
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** Usable bytes now, -1 when the operating system does not say. */
    public long usable() {
        return usable.getAsLong();
    }

    /** Whether the disk is full: fewer usable bytes than the minimum (an unknown size never counts as full). */
    public boolean full() {
        if (minFreeBytes <= 0) {
            return false;
        }
        long free = usable();
        return free >= 0 && free < minFreeBytes;
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** {@code the disk of <root> has 3.1 MiB free, under parzen.executor.min-free-disk 64.0 MiB}. */
    public String describe() {
        return "the disk of " + root + " has " + mib(usable()) + " free, under parzen.executor.min-free-disk "
                + mib(minFreeBytes);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "an unknown amount" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
