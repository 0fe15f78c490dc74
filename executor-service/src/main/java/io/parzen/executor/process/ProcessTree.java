package io.parzen.executor.process;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Ends a process together with its descendants: SIGTERM, then SIGKILL after a grace period. */
public final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Sends SIGTERM ({@link ProcessHandle#destroy()}) to the process and every descendant it has
     * now, and SIGKILL to those still alive after {@code grace}. The descendants are listed before
     * anything is signalled, because they are no longer descendants once their parent is gone.
     */
    public static void terminate(ProcessHandle root, Duration grace, ScheduledExecutorService timers) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        try {
            root.descendants().forEach(tree::add);
        } catch (RuntimeException e) {
            Log.debugf("cannot list the descendants of %d: %s", root.pid(), e.toString());
        }
        tree.forEach(ProcessHandle::destroy);
        timers.schedule(() -> kill(tree), Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL to the process and its descendants at once. */
    public static void kill(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        try {
            root.descendants().forEach(tree::add);
        } catch (RuntimeException e) {
            // listing failed; kill the root at least
        }
        kill(tree);
    }

    private static void kill(List<ProcessHandle> tree) {
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                Log.debugf("killing process %d", h.pid());
                h.destroyForcibly();
            }
        }
    }

    /**
     * The process with this pid if it is still the one that started at {@code startedAt} (a pid
     * can be reused), else empty.
     */
    public static Optional<ProcessHandle> find(Long pid, Instant startedAt) {
        if (pid == null || startedAt == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
                .map(s -> Math.abs(Duration.between(s, startedAt).toMillis()) < 1000)
                .orElse(false));
    }
}
