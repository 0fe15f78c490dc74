package io.parzen.deploy.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code ./parzen}: run the whole Parzen system locally. */
@Command(name = "parzen", mixinStandardHelpOptions = true, version = "parzen 0.1.0-SNAPSHOT",
        description = "Runs Parzen locally: an embedded Kafka broker, an embedded PostgreSQL and the four services "
                + "as background processes.",
        subcommands = {ParzenCommand.Up.class, ParzenCommand.Down.class, ParzenCommand.Status.class,
                DemoCommand.class, io.parzen.deploy.token.TokenCommand.class,
                io.parzen.deploy.tasks.TasksCommand.class, ParzenCommand.Bench.class,
                io.parzen.deploy.conformance.ConformanceCommand.class,
                io.parzen.deploy.chaos.ChaosCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  ./parzen up            start everything, wait until ready, print the URLs",
                "  ./parzen demo          run the example MLP task end to end",
                "  ./parzen status        what runs, ports, readiness, memory",
                "  TOKEN=$(./parzen token)   a token for the REST API (curl -H \"Authorization: Bearer $TOKEN\" ...)",
                "  ./parzen tasks watch ID   follow a task (./parzen tasks --help: create, list, show, stop, ...)",
                "  ./parzen conformance --bootstrap localhost:9092 --environment NAME   check an executor over Kafka",
                "  ./parzen chaos --rounds 20 --out chaos.json   random faults while tasks run (docs/chaos.md)",
                "  ./parzen down          stop everything",
                "Build first if needed (./parzen does it for you unless --no-build)."})
public class ParzenCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(Bench.delegate(LauncherOptions.repoRoot(), Arrays.asList(args).subList(1, args.length)));
        }
        System.exit(new CommandLine(new ParzenCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The system of these options, or the one already running in the same state folder. */
    public static ParzenSystem system(LauncherOptions o, PrintStream out) {
        LaunchConfig cfg = o.toConfig(LauncherOptions.repoRoot());
        return new ParzenSystem(ParzenSystem.saved(cfg).orElse(cfg), out).secureKafka(ParzenSystem.savedSecureKafka(cfg))
                .instances(ParzenSystem.savedInstances(cfg));
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start Kafka, PostgreSQL and the four services (what is not running yet), wait until "
                    + "all are ready, print the URLs and return, leaving them running.")
    static class Up implements Callable<Integer> {
        @Mixin
        LauncherOptions options;

        @Override
        public Integer call() throws Exception {
            return up(options, System.out) ? 0 : 1;
        }
    }

    /** Shared by up and demo: returns false (after printing why) when startup failed. */
    public static boolean up(LauncherOptions options, PrintStream out) throws Exception {
        LaunchConfig requested = options.toConfig(LauncherOptions.repoRoot());
        if (options.instances < 1 || options.instances > ParzenSystem.MAX_INSTANCES) {
            out.println("FAILED: --instances " + options.instances + " is out of range: allowed 1.."
                    + ParzenSystem.MAX_INSTANCES + " (one instance per partition of a topic at most)");
            return false;
        }
        ParzenSystem probe = new ParzenSystem(requested, out).secureKafka(options.secureKafka)
                .instances(options.instances);
        ParzenSystem sys = probe;
        if (probe.anyRunning()) {
            sys = new ParzenSystem(ParzenSystem.saved(requested).orElse(requested), out).secureKafka(options.secureKafka)
                    .instances(options.instances);
            if (sys.allRunning()) {
                sys.secureKafka(ParzenSystem.savedSecureKafka(requested));
                out.println("Parzen is already running (state " + sys.config().stateDir() + ").");
                sys.printUrls();
                return true;
            }
            out.println("Part of Parzen is running; starting the rest with the ports it was started with.");
        }
        out.println("Starting Parzen (state " + sys.config().stateDir() + ", logs " + sys.config().logDir() + ")");
        ParzenSystem started = sys;
        Thread interrupted = new Thread(() -> System.out.println("\nInterrupted: what was started keeps running;"
                + " ./parzen status shows it, ./parzen down" + started.stateDirOption() + " stops it."));
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            sys.up();
            Runtime.getRuntime().removeShutdownHook(interrupted);
        } catch (LaunchException e) {
            Runtime.getRuntime().removeShutdownHook(interrupted);
            out.println();
            out.println("FAILED: " + e.getMessage());
            if (e.logTail() != null && !e.logTail().isBlank()) {
                out.println("---- last lines of the log ----");
                out.println(e.logTail());
                out.println("-------------------------------");
            }
            return false;
        }
        sys.printUrls();
        return true;
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop everything up started: the services, then Kafka and PostgreSQL (SIGTERM, up to 10 s "
                    + "each, then SIGKILL).")
    static class Down implements Callable<Integer> {
        @Mixin
        LauncherOptions options;

        @Override
        public Integer call() {
            ParzenSystem sys = system(options, System.out);
            if (!sys.anyRunning()) {
                System.out.println("Nothing is running (state " + sys.config().stateDir() + ").");
                sys.down(); // removes stale PID files, stops a PostgreSQL server left behind
                return 0;
            }
            long t0 = System.nanoTime();
            System.out.println("Stopping Parzen (state " + sys.config().stateDir() + ")");
            sys.down();
            System.out.printf("Stopped in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "For each component: running or stopped, PID, address, readiness, resident memory.")
    static class Status implements Callable<Integer> {
        @Mixin
        LauncherOptions options;

        @Override
        public Integer call() {
            ParzenSystem sys = system(options, System.out);
            System.out.printf("%-18s %-8s %8s  %-30s %-13s %9s%n", "COMPONENT", "STATE", "PID", "ADDRESS", "READY", "RSS");
            long total = 0;
            int running = 0;
            for (ParzenSystem.ComponentStatus s : sys.status()) {
                String state = s.readiness().equals("external") ? "external" : s.running() ? "running" : "stopped";
                String rss = s.rssKib() >= 0 ? mib(s.rssKib()) : "-";
                System.out.printf("%-18s %-8s %8s  %-30s %-13s %9s%n", s.name(), state,
                        s.pid() > 0 ? Long.toString(s.pid()) : "-", s.address(), s.readiness(), rss);
                if (s.extraRssKib() >= 0) {
                    System.out.printf("%-18s %-8s %8s  %-30s %-13s %9s%n", "  + pg server PSS", "", "", "", "",
                            mib(s.extraRssKib()));
                    total += s.extraRssKib();
                }
                if (s.rssKib() > 0) {
                    total += s.rssKib();
                    running++;
                }
            }
            System.out.printf("%d of %d processes running, total RSS %s (state %s)%n", running,
                    sys.allInstances().size(), mib(total), sys.config().stateDir());
            return 0;
        }

        private static String mib(long kib) {
            return String.format("%.0f MiB", kib / 1024.0);
        }
    }

    @Command(name = "bench", description = "Run the optimizer benchmark (module optimizer-service/bench); all "
            + "arguments are passed to it, e.g. ./parzen bench --help. ./parzen bench load ... runs the control "
            + "plane's load benchmark instead (./parzen bench load --help).")
    static class Bench implements Callable<Integer> {
        static final String MAIN = "io.parzen.bench.BenchCommand";
        /** The first argument that selects the load benchmark (io.parzen.deploy.loadbench) instead of delegating. */
        static final String LOAD = "load";

        @Parameters(arity = "0..*", paramLabel = "ARGS", description = "Arguments of the benchmark.")
        List<String> args = new ArrayList<>();

        @Unmatched
        List<String> unmatched = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> all = new ArrayList<>(unmatched);
            all.addAll(args);
            return delegate(LauncherOptions.repoRoot(), all);
        }

        /**
         * Runs the benchmark's main class in a child JVM that shares this terminal; returns its exit code.
         * {@code load ...} runs the load benchmark in this JVM instead.
         */
        static int delegate(Path root, List<String> args) {
            if (!args.isEmpty() && args.get(0).equals(LOAD)) {
                return new CommandLine(new io.parzen.deploy.loadbench.LoadBenchCommand())
                        .setCaseInsensitiveEnumValuesAllowed(true)
                        .execute(args.subList(1, args.size()).toArray(String[]::new));
            }
            Path bench = root.resolve("optimizer-service/bench/target");
            List<String> cp = new ArrayList<>();
            Path classes = bench.resolve("classes");
            Path cpFile = bench.resolve("classpath.txt");
            try {
                if (java.nio.file.Files.isDirectory(classes.resolve("io/parzen/bench"))) {
                    cp.add(classes.toString());
                }
                if (java.nio.file.Files.isRegularFile(cpFile)) {
                    cp.add(java.nio.file.Files.readString(cpFile).trim());
                } else if (!cp.isEmpty()) {
                    // no resolved classpath: the optimizer core plus this launcher's own libraries (Jackson, picocli)
                    cp.add(root.resolve("optimizer-service/core/target/classes").toString());
                    cp.add(System.getProperty("java.class.path"));
                }
            } catch (java.io.IOException e) {
                cp.clear();
            }
            if (cp.isEmpty()) {
                System.err.println("The benchmark is not built (no " + root.relativize(classes) + "/io/parzen/bench).");
                System.err.println("Build it with:  mvn -q -B -DskipTests install   (at " + root + ")");
                System.err.println("then run:       ./parzen bench " + String.join(" ", args));
                return 2;
            }
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", String.join(java.io.File.pathSeparator, cp), MAIN));
            cmd.addAll(args);
            try {
                return new ProcessBuilder(cmd).directory(root.toFile()).inheritIO().start().waitFor();
            } catch (Exception e) {
                System.err.println("could not run the benchmark: " + e);
                return 2;
            }
        }
    }
}
