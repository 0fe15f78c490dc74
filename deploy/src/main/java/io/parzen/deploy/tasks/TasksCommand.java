package io.parzen.deploy.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.parzen.deploy.launcher.LauncherOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./parzen tasks …}: create, list, show, watch and stop tasks, list their executions and print
 * execution logs, through the REST API (docs/rest-api.md). Results go to stdout, messages to stderr.
 */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = {"Create, follow and stop tasks through the REST API (see docs/rest-api.md).",
                "Token: --token or $PARZEN_TOKEN; with neither, one is issued with the local system's key pair "
                        + "(as ./parzen token does). Service URLs: --url / $PARZEN_TASK_URL and --executor-url / "
                        + "$PARZEN_EXECUTOR_URL, else the local system's ports."},
        subcommands = {TasksCommand.Create.class, TasksCommand.ListTasks.class, TasksCommand.Show.class,
                TasksCommand.Watch.class, TasksCommand.Stop.class, TasksCommand.Executions.class,
                TasksCommand.Logs.class},
        footer = {"", "Examples:", "  ID=$(./parzen tasks create -f examples/mlp/task.json)",
                "  ./parzen tasks create -f valohai.yaml --task sweep", "  ./parzen tasks watch $ID",
                "  ./parzen tasks executions $ID --csv > executions.csv", "  ./parzen tasks logs $ID-1 --follow"})
public class TasksCommand implements Runnable {

    /** Exit code of {@code watch} when the task ends in error. */
    public static final int TASK_ERROR = 3;
    /** Exit code of {@code watch} when the task was stopped (by a user, early stopping, a timeout). */
    public static final int TASK_STOPPED = 4;

    static final List<String> FINAL_TASK = List.of("complete", "error", "stopped");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintStream out = System.out;
    PrintStream err = System.err;

    public TasksCommand() {
    }

    /** Results to {@code out}, messages to {@code err} (for Java callers and tests). */
    public TasksCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }
    /** How watch and logs --follow wait between requests; replaced in tests. */
    Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    /** Runs one subcommand's body: a {@link CliException} is printed to stderr and gives the exit code. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        TasksCommand parent;

        @Mixin
        Connection connection;

        @Override
        public Integer call() {
            try {
                return run(connection.client());
            } catch (CliException e) {
                parent.err.println(e.getMessage());
                return e.exitCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        }

        abstract int run(ApiClient api) throws CliException, InterruptedException;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a task from a task JSON file, or from a valohai.yaml (.yaml/.yml) and the name of "
                    + "its task; prints the new task's id on stdout."})
    static class Create extends Sub {
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
                description = "A task JSON (as POST /api/v1/tasks takes it) or a valohai.yaml.")
        Path file;

        @Option(names = "--task", paramLabel = "NAME",
                description = "The task of the valohai.yaml to create (optional when it has only one).")
        String task;

        @Option(names = "--project", paramLabel = "NAME",
                description = "The project of the task (optional when the token has one project).")
        String project;

        @Override
        int run(ApiClient api) throws CliException {
            Path f = LauncherOptions.callerDir().resolve(file);
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("cannot read " + f + ": " + e.getMessage(), CliException.USAGE);
            }
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
            JsonNode created;
            if (yaml) {
                created = api.createFromBlueprint(text, task, project);
            } else {
                if (task != null) {
                    throw new CliException("--task names a task of a valohai.yaml; " + f + " is read as a task JSON "
                            + "(name it .yaml or .yml for a blueprint)", CliException.USAGE);
                }
                try {
                    ApiClient.JSON.readTree(text);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new CliException(f + " is not JSON (" + e.getOriginalMessage() + "); a valohai.yaml must "
                            + "end in .yaml or .yml", CliException.USAGE);
                }
                created = api.createTask(text, project);
            }
            String id = created.path("id").asText();
            parent.out.println(id);
            parent.err.println("created task " + id + " (" + created.path("name").asText() + ", "
                    + created.path("type").asText() + ", " + created.path("maxExecutions").asInt()
                    + " executions); follow it with ./parzen tasks watch " + id);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks, newest first.")
    static class ListTasks extends Sub {
        @Option(names = "--status", paramLabel = "STATUS",
                description = "Only tasks in this status: created, started, stopping, stopped, complete, error.")
        String status;

        @Option(names = "--project", paramLabel = "NAME", description = "Only this project's tasks.")
        String project;

        @Option(names = "--page", defaultValue = "0", description = "Page number, from 0 (default: ${DEFAULT-VALUE}).")
        int page;

        @Option(names = "--size", defaultValue = "20", description = "Tasks per page (default: ${DEFAULT-VALUE}).")
        int size;

        @Override
        int run(ApiClient api) throws CliException {
            JsonNode page = api.listTasks(status, project, this.page, size);
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode t : page.path("items")) {
                rows.add(List.of(t.path("id").asText(), t.path("name").asText(), t.path("status").asText(),
                        Format.progress(t), Format.best(t), t.path("engine").asText(""), t.path("project").asText(""),
                        t.path("createdAt").asText("")));
            }
            parent.out.print(Format.table(List.of("ID", "NAME", "STATUS", "DONE", "BEST", "ENGINE", "PROJECT",
                    "CREATED"), rows));
            long total = page.path("total").asLong();
            if (total > (long) (this.page + 1) * size) {
                parent.err.println("page " + this.page + " of " + ((total + size - 1) / size) + " (" + total
                        + " tasks); next: --page " + (this.page + 1));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a task: status, progress, best "
            + "execution, search mode, spec.")
    static class Show extends Sub {
        @Parameters(paramLabel = "ID", description = "The task's id.")
        String id;

        @Override
        int run(ApiClient api) throws CliException {
            JsonNode t = api.task(id);
            PrintStream o = parent.out;
            o.println("id:           " + t.path("id").asText());
            o.println("name:         " + t.path("name").asText());
            o.println("project:      " + t.path("project").asText(""));
            o.println("type:         " + t.path("type").asText() + (t.hasNonNull("engine") ? " (engine "
                    + t.get("engine").asText() + ")" : ""));
            o.println("search mode:  " + t.path("searchMode").asText() + " — " + t.path("searchModeReason").asText());
            o.println("status:       " + t.path("status").asText() + (t.hasNonNull("statusReason")
                    ? " (" + t.get("statusReason").asText() + ")" : ""));
            o.println("progress:     " + Format.progress(t) + " executions finished, " + Format.count(t,
                    Format.RUNNING_EXECUTION) + " running");
            o.println("executions:   " + Format.pairs(t.path("statusSummary")));
            o.println("sources:      " + Format.pairs(t.path("sourceSummary")));
            JsonNode best = t.path("best");
            if (best.isObject() && best.hasNonNull("value")) {
                o.println("best:         " + Format.metric(t) + "=" + Format.number(best.get("value")) + " ("
                        + best.path("executionId").asText() + ") " + Format.pairs(best.path("parameters")));
            } else {
                o.println("best:         -");
            }
            o.println("created:      " + t.path("createdAt").asText("") + (t.hasNonNull("createdBy") ? " by "
                    + t.get("createdBy").asText() : ""));
            if (t.hasNonNull("finishedAt")) {
                o.println("finished:     " + t.get("finishedAt").asText());
            }
            o.println("spec:         " + t.path("spec"));
            return 0;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Print a task's progress and best value whenever they change, until it ends.",
                    "Exit code: 0 when the task completes, " + TASK_ERROR + " when it ends in error, " + TASK_STOPPED
                            + " when it is stopped (by a user, early stopping or a timeout), "
                            + CliException.FAILED + " when the service cannot be reached or refuses."})
    static class Watch extends Sub {
        @Parameters(paramLabel = "ID", description = "The task's id.")
        String id;

        @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s",
                converter = IntervalConverter.class,
                description = "Time between two requests: 500ms, 2s, 1m (default: ${DEFAULT-VALUE}).")
        Duration interval;

        @Override
        int run(ApiClient api) throws CliException, InterruptedException {
            String cursor = null;
            String last = null;
            DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss");
            while (true) {
                JsonNode changes = api.changes(id, cursor);
                cursor = changes.path("cursor").asText(null);
                JsonNode task = changes.path("task");
                String line = Format.watchLine(task);
                if (!line.equals(last)) {
                    parent.out.println(LocalTime.now().format(clock) + "  " + line);
                    last = line;
                }
                String status = task.path("status").asText();
                if (FINAL_TASK.contains(status)) {
                    return switch (status) {
                        case "complete" -> 0;
                        case "error" -> TASK_ERROR;
                        default -> TASK_STOPPED;
                    };
                }
                parent.sleeper.sleep(interval);
            }
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop a task: it is stopping until its running executions have ended.")
    static class Stop extends Sub {
        @Parameters(paramLabel = "ID", description = "The task's id.")
        String id;

        @Override
        int run(ApiClient api) throws CliException {
            JsonNode t = api.stop(id);
            parent.out.println(t.path("id").asText() + " " + t.path("status").asText() + (t.hasNonNull("statusReason")
                    ? " (" + t.get("statusReason").asText() + ")" : ""));
            return 0;
        }
    }

    @Command(name = "executions", mixinStandardHelpOptions = true,
            description = "List a task's executions in sequence order: a table, or CSV (one row per execution, a "
                    + "column per parameter and per metric).")
    static class Executions extends Sub {
        @Parameters(paramLabel = "ID", description = "The task's id.")
        String id;

        @Option(names = "--csv", description = "CSV (RFC 4180) instead of a table.")
        boolean csv;

        @Override
        int run(ApiClient api) throws CliException {
            JsonNode executions = api.executions(id);
            if (csv) {
                parent.out.print(Format.csv(executions));
                return 0;
            }
            String metric = null;
            try {
                metric = Format.metric(api.task(id));
            } catch (CliException e) {
                // the table without the value column
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode e : executions) {
                List<String> row = new ArrayList<>(List.of(e.path("seq").asText(), e.path("id").asText(),
                        e.path("status").asText(), e.path("source").asText("")));
                row.add(metric == null || metric.isEmpty() ? "" : Format.number(e.path("metrics").get(metric)));
                row.add(Format.pairs(e.path("parameters")));
                rows.add(row);
            }
            parent.out.print(Format.table(List.of("SEQ", "ID", "STATUS", "SOURCE",
                    metric == null || metric.isEmpty() ? "VALUE" : metric.toUpperCase(Locale.ROOT), "PARAMETERS"),
                    rows));
            return 0;
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true,
            description = "Print an execution's log (stdout and stderr); with --follow keep printing what it writes "
                    + "until it has ended.")
    static class Logs extends Sub {
        @Parameters(paramLabel = "EXECUTION_ID", description = "The execution's id (TASK_ID-SEQ).")
        String executionId;

        @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the execution has ended.")
        boolean follow;

        @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = IntervalConverter.class,
                description = "With --follow: time between two requests (default: ${DEFAULT-VALUE}).")
        Duration interval;

        static final List<String> FINAL = List.of("complete", "error", "crashed", "stopped");

        @Override
        int run(ApiClient api) throws CliException, InterruptedException {
            long offset = 0;
            while (true) {
                ApiClient.LogChunk chunk = api.log(executionId, offset);
                if (chunk.bytes().length > 0) {
                    parent.out.write(chunk.bytes(), 0, chunk.bytes().length);
                    parent.out.flush();
                    offset = chunk.nextOffset();
                    continue; // more may be waiting (answers are at most 1 MiB)
                }
                if (!follow) {
                    return 0;
                }
                String status = api.execution(executionId).path("status").asText();
                if (FINAL.contains(status)) {
                    // what it wrote between the last read and its end
                    ApiClient.LogChunk rest = api.log(executionId, offset);
                    if (rest.bytes().length > 0) {
                        parent.out.write(rest.bytes(), 0, rest.bytes().length);
                        offset = rest.nextOffset();
                        continue;
                    }
                    parent.out.flush();
                    return 0;
                }
                parent.sleeper.sleep(interval);
            }
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, or a number of seconds. */
    static final class IntervalConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                Duration d;
                if (v.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                } else if (v.endsWith("s")) {
                    d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
                } else if (v.endsWith("m")) {
                    d = Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60));
                } else {
                    d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
                }
                if (d.isNegative()) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: use 500ms, 2s or 1m");
            }
        }
    }
}
