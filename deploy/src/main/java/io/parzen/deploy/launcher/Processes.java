package io.parzen.deploy.launcher;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starting detached background processes, PID files, liveness, stopping and memory (Linux /proc).
 * Every process the launcher starts carries {@code -Dparzen.component=<name>} on its command line,
 * so a PID file whose PID was reused by another program is recognized as stale.
 */
public final class Processes {

    public static final String MARKER = "-Dparzen.component=";

    private Processes() {
    }

    /**
     * Starts {@code command} in the background: stdin from /dev/null, stdout and stderr appended to
     * {@code log}, in its own session ({@code setsid}, when available) so that it outlives the
     * launcher and does not get the terminal's Ctrl-C or hang-up.
     */
    public static Process startDetached(List<String> command, Path workDir, Map<String, String> env, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        List<String> cmd = new java.util.ArrayList<>();
        File setsid = new File("/usr/bin/setsid");
        if (!setsid.canExecute()) {
            setsid = new File("/bin/setsid");
        }
        if (setsid.canExecute()) {
            cmd.add(setsid.getPath());
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }

    public static Path pidFile(Path runDir, String name) {
        return runDir.resolve(name + ".pid");
    }

    public static void writePid(Path runDir, String name, long pid) throws IOException {
        Files.createDirectories(runDir);
        Path tmp = runDir.resolve(name + ".pid.tmp");
        Files.writeString(tmp, pid + "\n");
        Files.move(tmp, pidFile(runDir, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static Optional<Long> readPid(Path runDir, String name) {
        Path f = pidFile(runDir, name);
        try {
            return Optional.of(Long.parseLong(Files.readString(f).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The live process of the PID file, if it is alive and is really this component. */
    public static Optional<ProcessHandle> running(Path runDir, String name) {
        return readPid(runDir, name).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(h -> isComponent(h.pid(), name) || startedBeforePidFile(h, runDir, name));
    }

    /**
     * A process that already existed when its PID file was written is the one we recorded, even while
     * its command line cannot show the marker yet (between fork and exec); a reused PID belongs to a
     * process started later.
     */
    static boolean startedBeforePidFile(ProcessHandle h, Path runDir, String name) {
        try {
            Instant written = Files.getLastModifiedTime(pidFile(runDir, name)).toInstant();
            return h.info().startInstant().map(start -> !start.isAfter(written.plusMillis(500))).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the process's command line carries our marker for {@code name} (true if it cannot be read). */
    static boolean isComponent(long pid, String name) {
        Path cmdline = Path.of("/proc/" + pid + "/cmdline");
        if (!Files.exists(Path.of("/proc/self"))) {
            return true;
        }
        try {
            String s = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
            for (String arg : s.split("\0")) {
                if (arg.equals(MARKER + name)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    public static void deletePid(Path runDir, String name) {
        try {
            Files.deleteIfExists(pidFile(runDir, name));
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** Sends SIGTERM; the result completes when the process has ended (SIGKILL after {@code grace}). */
    public static boolean stop(ProcessHandle h, Duration grace) {
        if (!h.isAlive()) {
            return true;
        }
        h.destroy();
        try {
            h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            h.destroyForcibly();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller through isAlive
            }
            return false;
        }
    }

    /** Sends a signal by name with kill(1) (e.g. INT, which Java cannot send itself). */
    public static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resident set size in KiB from /proc/&lt;pid&gt;/status (VmRSS), or -1. */
    public static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone or not Linux
        }
        return -1;
    }

    /** RSS of the process and all its descendants, in KiB (shared pages counted once per process). */
    public static long treeRssKib(long pid) {
        long total = Math.max(0, rssKib(pid));
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            total += h.get().descendants().mapToLong(d -> Math.max(0, rssKib(d.pid()))).sum();
        }
        return total;
    }

    /**
     * Proportional set size of the process and its descendants in KiB (/proc/&lt;pid&gt;/smaps_rollup):
     * shared memory (PostgreSQL's shared buffers) divided among the processes that map it, so the
     * sum is the real footprint. Falls back to RSS where Pss is not readable.
     */
    public static long treePssKib(long pid) {
        long total = Math.max(0, pssKib(pid));
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            total += h.get().descendants().mapToLong(d -> Math.max(0, pssKib(d.pid()))).sum();
        }
        return total;
    }

    static long pssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not readable: fall back
        }
        return rssKib(pid);
    }

    /** The last {@code lines} lines of a text file ("" if it does not exist). */
    public static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            long start = Math.max(0, len - 64 * 1024);
            f.seek(start);
            byte[] buf = new byte[(int) (len - start)];
            f.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8);
            Deque<String> last = new ArrayDeque<>();
            for (String l : text.split("\n", -1)) {
                last.addLast(l);
                if (last.size() > lines + 1) {
                    last.removeFirst();
                }
            }
            return String.join("\n", last).stripTrailing();
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** The text appended to {@code file} after byte {@code offset}. */
    public static String readFrom(Path file, long offset) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            if (len <= offset) {
                return "";
            }
            f.seek(offset);
            byte[] buf = new byte[(int) Math.min(len - offset, 4 * 1024 * 1024)];
            f.readFully(buf);
            return new String(buf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
