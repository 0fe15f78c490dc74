package io.parzen.deploy.chaos;

import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.ParzenSystem;
import io.parzen.deploy.launcher.Processes;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stopping and killing one component of a {@link ParzenSystem} the way the chaos harness does; start it again
 * with {@link ParzenSystem#start(Component)} (same ports, same data folder).
 */
public final class Outages {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private Outages() {
    }

    /**
     * A clean stop: SIGTERM to the component's process (for PostgreSQL the launcher JVM, which shuts its
     * server down), SIGKILL after 30 s; then whatever is left of a PostgreSQL server gets a fast shutdown.
     */
    public static void stop(ParzenSystem sys, Component c, PrintStream out) throws InterruptedException {
        Optional<ProcessHandle> h = sys.process(c);
        if (h.isPresent()) {
            boolean clean = Processes.stop(h.get(), STOP_GRACE);
            out.printf("  %-18s %s (pid %d)%n", c.id(), clean ? "STOPPED" : "KILLED after " + STOP_GRACE.toSeconds()
                    + " s", h.get().pid());
        }
        Processes.deletePid(sys.config().runDir(), c.id());
        if (c == Component.POSTGRES) {
            Optional<ProcessHandle> pm = sys.postmaster();
            if (pm.isPresent()) {
                Processes.signal(pm.get().pid(), "INT");
                try {
                    pm.get().onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    pm.get().destroyForcibly();
                }
            }
        }
    }

    /**
     * SIGKILL, as a crash or the OOM killer would do it. For PostgreSQL: its launcher JVM, its server and every
     * server process (a SIGKILL of the launcher alone would leave the database serving).
     */
    public static void kill(ParzenSystem sys, Component c, PrintStream out) throws InterruptedException {
        if (c != Component.POSTGRES) {
            sys.kill(c);
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        sys.postmaster().ifPresent(p -> {
            tree.add(p);
            p.descendants().forEach(tree::add);
        });
        sys.kill(Component.POSTGRES);
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the restart reports it if it matters
            }
        }
        out.printf("  %-18s KILLED the server too (%d processes)%n", "postgres", tree.size());
    }
}
