package io.parzen.deploy.chaos;

import io.parzen.deploy.launcher.Http;
import io.parzen.deploy.launcher.LauncherOptions;
import io.parzen.deploy.launcher.ParzenCommand;
import io.parzen.deploy.launcher.ParzenSystem;
import io.parzen.deploy.token.Role;
import io.parzen.deploy.token.TokenRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./parzen chaos}: random faults among the services, the broker and PostgreSQL while tasks run (ADR 0026). */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Start Parzen (as up does, or use the one running in the state folder), keep --tasks tasks of "
                + "the example MLP running, and inject --rounds random faults: kill (SIGKILL of a service, the broker "
                + "or PostgreSQL, then a restart), stop-db and stop-broker (stopped for --outage, then started on "
                + "the same port and data folder). Then wait for every task to end, write the figures as JSON to "
                + "--out and a summary to stdout. Exit 1 when a target is missed (anything lost or duplicated, a "
                + "task failed by the faults, a task not finished), 2 for a usage error.",
                "It hits the system it runs against: do not point it at one you care about."})
public class ChaosCommand implements Callable<Integer> {

    @Mixin
    LauncherOptions options;

    @Option(names = "--rounds", required = true, paramLabel = "N", description = "Faults to inject.")
    int rounds;

    @Option(names = "--tasks", defaultValue = "3", paramLabel = "M",
            description = "Tasks running at any time during the rounds (default: ${DEFAULT-VALUE}); a new one is "
                    + "created when one ends.")
    int tasks;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the fault plan (kinds, targets, pauses) and of the tasks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--faults", defaultValue = "kill,stop-db,stop-broker", paramLabel = "KINDS",
            description = "Allowed fault kinds, comma-separated (default: ${DEFAULT-VALUE}).")
    String faults;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the JSON report.")
    Path outFile;

    @Option(names = "--outage", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "How long stop-db and stop-broker keep it down, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration outage;

    @Option(names = "--min-pause", defaultValue = "PT5S", paramLabel = "DURATION",
            description = "Shortest wait between rounds (default: ${DEFAULT-VALUE}).")
    Duration minPause;

    @Option(names = "--max-pause", defaultValue = "PT20S", paramLabel = "DURATION",
            description = "Longest wait between rounds (default: ${DEFAULT-VALUE}).")
    Duration maxPause;

    @Option(names = "--executions", defaultValue = "10", paramLabel = "N",
            description = "maxExecutions of each task (default: ${DEFAULT-VALUE}).")
    int executions;

    @Option(names = "--batch", defaultValue = "3", paramLabel = "N",
            description = "batchSize of each task (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "30", paramLabel = "N",
            description = "Epochs of each training (default: ${DEFAULT-VALUE}: a few seconds).")
    int epochs;

    @Option(names = "--task-timeout", defaultValue = "PT15M", paramLabel = "DURATION",
            description = "After the last round, how long to wait for the tasks to end (default: ${DEFAULT-VALUE}).")
    Duration taskTimeout;

    @Option(names = "--on-child-error", paramLabel = "POLICY",
            description = "onChildError of the tasks (default: the task-service default, so that an execution the "
                    + "faults crash shows as a failed task).")
    String onChildError;

    @Option(names = "--keep-running", description = "Leave Parzen running at the end even if chaos started it.")
    boolean keepRunning;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        ChaosRunner.Settings settings;
        try {
            if (rounds < 0 || tasks < 1 || executions < 1 || batch < 1 || epochs < 1) {
                throw new IllegalArgumentException("--rounds must be 0 or more and --tasks, --executions, --batch, "
                        + "--epochs 1 or more; got " + rounds + ", " + tasks + ", " + executions + ", " + batch + ", "
                        + epochs);
            }
            settings = new ChaosRunner.Settings(rounds, tasks, seed, FaultKind.parseList(faults), outage, minPause,
                    maxPause, executions, batch, epochs, taskTimeout, onChildError);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Path target = LauncherOptions.callerDir().resolve(outFile);
        boolean wasRunning = ParzenCommand.system(options, out).anyRunning();
        if (!ParzenCommand.up(options, out)) {
            return 1;
        }
        ParzenSystem sys = ParzenCommand.system(options, out);
        try {
            // the plan is checked against this system's targets before anything is hit
            FaultPlan.plan(seed, rounds, settings.kinds(), ChaosRunner.targets(sys), minPause, maxPause, outage);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            stopIf(!wasRunning && !keepRunning, sys, out);
            return 2;
        }
        Http http = new Http().withToken(sys.token(TokenRequest.of(Role.OPERATOR)));
        ChaosReport report;
        try {
            report = new ChaosRunner(sys, http, settings, out).run();
        } finally {
            stopIf(!wasRunning && !keepRunning, sys, out);
        }
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Http.JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), report.toJson());
        out.println();
        out.println(report.summary());
        out.println("report: " + target);
        return report.targetsMet() ? 0 : 1;
    }

    private static void stopIf(boolean stop, ParzenSystem sys, PrintStream out) {
        if (stop) {
            out.println("Stopping Parzen (chaos started it; --keep-running keeps it).");
            sys.down();
        }
    }
}
