package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.Http;
import io.parzen.deploy.tasks.TasksCommand;
import io.parzen.deploy.token.Role;
import io.parzen.deploy.token.TokenRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code ./parzen tasks …} against the whole running system: a task created from a JSON file is
 * watched to its end (exit 0), its executions come as CSV with a row each, an execution's log is
 * printed, a second task is stopped (and watch then exits with the stopped code); the plot data
 * endpoints answer for the finished task.
 */
@ExtendWith(SharedSystem.class)
class TasksCliIT {

    static E2eSystem e2e;
    static String token;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure logs = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void startSystem(E2eSystem shared) throws Exception {
        e2e = shared;
        token = e2e.system.token(TokenRequest.of(Role.OPERATOR));
    }

    record Run(int exit, String out, String err) {
    }

    /** Runs {@code ./parzen tasks ARGS} in this JVM against the test system. */
    static Run tasks(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", e2e.system.serviceUrl(Component.TASK), "--executor-url",
                e2e.system.serviceUrl(Component.EXECUTOR), "--token", token));
        int exit = new CommandLine(new TasksCommand(o, e)).execute(all.toArray(String[]::new));
        Run r = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        e2e.log("tasks " + String.join(" ", args) + " -> " + exit + (r.err().isBlank() ? "" : " (" + r.err().strip()
                + ")"));
        return r;
    }

    static ObjectNode task(String name, String scriptArgs, int max, int batch) {
        ObjectNode t = Http.JSON.createObjectNode();
        t.put("name", name);
        t.put("type", "random_search");
        t.put("command", "python3 smooth.py " + scriptArgs + "{parameters}");
        t.put("workingDirectory", E2eSystem.scriptDir().toString());
        ArrayNode p = t.putArray("parameters");
        p.addObject().put("name", "x").put("distribution", "uniform").put("min", -1).put("max", 1);
        p.addObject().put("name", "opt").put("distribution", "categorical").putArray("values").add("a").add("b");
        t.put("maxExecutions", max);
        t.put("batchSize", batch);
        t.putObject("target").put("metric", "loss").put("direction", "minimize");
        t.put("seed", 5);
        return t;
    }

    @Test
    void createWatchExecutionsLogsAndStop() throws Exception {
        Path file = Files.createTempFile(e2e.system.config().stateDir(), "task-", ".json");
        Files.writeString(file, task("e2e-cli", "", 6, 3).toString());
        Run created = tasks("create", "-f", file.toString());
        assertEquals(0, created.exit(), created.err());
        String id = created.out().strip();
        assertTrue(id.matches("[0-9a-f-]{36}"), "create prints the id only: " + created.out());

        Run watch = tasks("watch", id, "--interval", "1s");
        assertEquals(0, watch.exit(), watch.out() + watch.err());
        assertTrue(watch.out().contains("complete"), watch.out());
        assertTrue(watch.out().contains("6/6 executions finished"), watch.out());
        assertTrue(watch.out().contains("best loss="), watch.out());

        Run csv = tasks("executions", id, "--csv");
        assertEquals(0, csv.exit(), csv.err());
        List<String> lines = csv.out().lines().toList();
        assertEquals(7, lines.size(), csv.out());
        assertTrue(lines.get(0).startsWith("seq,id,batch,source,status"), lines.get(0));
        assertTrue(lines.get(0).contains("param:x") && lines.get(0).contains("metric:loss"), lines.get(0));
        for (int seq = 1; seq <= 6; seq++) {
            assertTrue(lines.get(seq).startsWith(seq + "," + id + "-" + seq + ","), lines.get(seq));
            assertTrue(lines.get(seq).contains(",complete,"), lines.get(seq));
        }

        Run log = tasks("logs", id + "-1");
        assertEquals(0, log.exit(), log.err());
        assertTrue(log.out().contains("\"loss\""), log.out());
        Run followed = tasks("logs", id + "-2", "--follow");
        assertEquals(0, followed.exit(), followed.err());
        assertTrue(followed.out().contains("\"loss\""), followed.out());

        Run list = tasks("list", "--status", "complete");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains(id) && list.out().contains("6/6"), list.out());

        // the plot data of the finished task
        JsonNode history = e2e.http.get(e2e.taskApi() + "/tasks/" + id + "/history").json();
        assertEquals(6, history.path("points").size(), history.toString());
        JsonNode importance = e2e.http.get(e2e.taskApi() + "/tasks/" + id + "/importance").json();
        assertEquals("PED-ANOVA", importance.path("method").asText());
        assertEquals(6, importance.path("observations").asInt(), importance.toString());
        assertEquals(2, importance.path("parameters").size(), importance.toString());

        // a second task, stopped while its executions sleep
        Files.writeString(file, task("e2e-cli-stop", "--sleep=30 ", 6, 2).toString());
        String second = tasks("create", "-f", file.toString()).out().strip();
        e2e.awaitTask(second, "an execution started", t -> t.path("statusSummary").path("started").asInt() > 0,
                Duration.ofMinutes(2));
        Run stop = tasks("stop", second);
        assertEquals(0, stop.exit(), stop.err());
        assertTrue(stop.out().startsWith(second + " stopping") || stop.out().startsWith(second + " stopped"),
                stop.out());
        Run watchStopped = tasks("watch", second, "--interval", "1s");
        assertEquals(TasksCommand.TASK_STOPPED, watchStopped.exit(), watchStopped.out() + watchStopped.err());
        assertTrue(watchStopped.out().contains("stopped (user-stopped)"), watchStopped.out());
        Run again = tasks("stop", second);
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("already ended"), again.err());
    }
}
