package io.parzen.deploy.loadbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one process used, from Linux's {@code /proc}: resident memory ({@code VmRSS}, and the peak
 * {@code VmHWM}) of {@code /proc/<pid>/status} and CPU time (user + system) from
 * {@link ProcessHandle.Info#totalCpuDuration()}, which the JDK reads from {@code /proc/<pid>/stat}.
 * A process tree's CPU (the embedded PostgreSQL: the postmaster and its backends) is summed. Absent
 * values (another OS, a process gone) are -1.
 */
public final class ProcessUsage {

    private ProcessUsage() {
    }

    /** A field of {@code /proc/<pid>/status} in KiB (e.g. {@code VmRSS}, {@code VmHWM}), or -1. */
    public static long statusKib(long pid, String field) {
        try {
            return parseStatusKib(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")), field);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The value in KiB of a {@code NAME:   1234 kB} line, or -1. */
    static long parseStatusKib(List<String> lines, String field) {
        for (String line : lines) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return -1;
    }

    /** CPU seconds (user + system) of the process, or -1. */
    public static double cpuSeconds(ProcessHandle p) {
        Optional<Duration> d = p.info().totalCpuDuration();
        return d.map(x -> x.toNanos() / 1e9).orElse(-1.0);
    }

    /** CPU seconds of the process and its live descendants. */
    public static double treeCpuSeconds(ProcessHandle p) {
        double sum = Math.max(0, cpuSeconds(p));
        for (ProcessHandle c : p.descendants().toList()) {
            sum += Math.max(0, cpuSeconds(c));
        }
        return sum;
    }
}
