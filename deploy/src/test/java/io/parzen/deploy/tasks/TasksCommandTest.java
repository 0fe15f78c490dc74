package io.parzen.deploy.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./parzen tasks …} against a small local HTTP server that plays task-service and executor-service. */
class TasksCommandTest {

    /** One request the fake service received. */
    record Seen(String method, String pathAndQuery, String contentType, String authorization, String body) {
    }

    /** An answer: status, body, headers. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(String body) {
            return new Answer(200, body, Map.of("Content-Type", "application/json"));
        }
    }

    HttpServer server;
    String url;
    final List<Seen> seen = new ArrayList<>();
    /** Answers per "METHOD path" (without query), served in order; the last one repeats. */
    final Map<String, Deque<Answer>> answers = new HashMap<>();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String pathAndQuery = x.getRequestURI().getRawPath()
                + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery());
        seen.add(new Seen(x.getRequestMethod(), pathAndQuery, x.getRequestHeaders().getFirst("Content-Type"),
                x.getRequestHeaders().getFirst("Authorization"), body));
        Deque<Answer> queue = answers.get(x.getRequestMethod() + " " + x.getRequestURI().getRawPath());
        Answer a = queue == null ? new Answer(404, "{\"message\": \"no route\"}", Map.of())
                : queue.size() > 1 ? queue.poll() : queue.peek();
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        a.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
        x.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    void answer(String route, Answer... in) {
        answers.put(route, new ArrayDeque<>(List.of(in)));
    }

    record Run(int exit, String out, String err) {
    }

    Run run(String... args) {
        return run(Map.of(), args);
    }

    Run run(Map<String, String> env, String... args) {
        TasksCommand command = new TasksCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        command.sleeper = d -> { };
        CommandLine cli = new CommandLine(command);
        cli.setErr(new java.io.PrintWriter(command.err, true));
        cli.setOut(new java.io.PrintWriter(command.out, true));
        // the environment of the subcommand's connection
        cli.setExecutionStrategy(parse -> {
            CommandLine last = parse.asCommandLineList().get(parse.asCommandLineList().size() - 1);
            if (last.getCommand() instanceof TasksCommand.Sub s) {
                s.connection.env = env;
            }
            return new CommandLine.RunLast().execute(parse);
        });
        int exit = cli.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final String TASK = """
            {"id": "t1", "name": "quick", "type": "random_search", "engine": "optuna", "project": "default",
             "status": "%s", "statusReason": %s,
             "statusSummary": {"created": 0, "queued": %d, "started": 0, "stopping": 0, "stopped": 0,
                               "complete": %d, "error": %d, "crashed": 0},
             "sourceSummary": {"random": 3, "model": 0, "grid": 0, "manual": 0},
             "best": %s, "maxExecutions": 3, "batchSize": 3, "createdAt": "2026-12-01T23:00:00Z",
             "spec": {"target": {"metric": "acc", "direction": "maximize"}}}
            """;

    static String task(String status, String reason, int queued, int complete, int error, String best) {
        return TASK.formatted(status, reason == null ? "null" : "\"" + reason + "\"", queued, complete, error,
                best == null ? "null" : best);
    }

    @Test
    void createFromAJsonFilePrintsTheNewIdOnStdout() throws IOException {
        Path file = dir.resolve("task.json");
        Files.writeString(file, "{\"name\": \"quick\"}");
        answer("POST /api/v1/tasks", new Answer(201, task("created", null, 0, 0, 0, null), Map.of()));
        Run r = run("create", "-f", file.toString(), "--url", url, "--token", "tok");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("t1\n");
        assertThat(r.err()).contains("created task t1").contains("./parzen tasks watch t1");
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.pathAndQuery()).isEqualTo("/api/v1/tasks");
            assertThat(s.contentType()).isEqualTo("application/json");
            assertThat(s.authorization()).isEqualTo("Bearer tok");
            assertThat(s.body()).isEqualTo("{\"name\": \"quick\"}");
        });
    }

    @Test
    void createFromAValohaiYamlSendsTheBlueprintAndTheTaskName() throws IOException {
        Path file = dir.resolve("valohai.yaml");
        Files.writeString(file, "- step: {name: train}\n");
        answer("POST /api/v1/tasks/from-blueprint", new Answer(201, task("created", null, 0, 0, 0, null), Map.of()));
        Run r = run("create", "-f", file.toString(), "--task", "my sweep", "--url", url, "--token", "tok");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("t1\n");
        assertThat(seen.get(0).pathAndQuery()).isEqualTo("/api/v1/tasks/from-blueprint?task=my%20sweep");
        assertThat(seen.get(0).contentType()).isEqualTo("application/yaml");
        assertThat(seen.get(0).body()).isEqualTo("- step: {name: train}\n");
    }

    @Test
    void createNamesWhatIsWrong() throws IOException {
        Path notJson = dir.resolve("task.json");
        Files.writeString(notJson, "name: x");
        Run r = run("create", "-f", notJson.toString(), "--url", url, "--token", "tok");
        assertThat(r.exit()).isEqualTo(CliException.USAGE);
        assertThat(r.err()).contains("is not JSON").contains(".yaml");
        assertThat(run("create", "-f", notJson.toString(), "--task", "x", "--url", url).err())
                .contains("--task names a task of a valohai.yaml");
        assertThat(run("create", "-f", dir.resolve("none.json").toString(), "--url", url).err())
                .contains("cannot read");
        Files.writeString(notJson, "{}");
        answer("POST /api/v1/tasks", new Answer(400, """
                {"errors": [{"field": "parameters[1].max", "value": 10.0, "message": "must be greater than min (16.0)"}]}
                """, Map.of()));
        Run bad = run("create", "-f", notJson.toString(), "--url", url, "--token", "tok");
        assertThat(bad.exit()).isEqualTo(CliException.FAILED);
        assertThat(bad.err()).contains("HTTP 400").contains("parameters[1].max: 10.0 must be greater than min (16.0)");
        assertThat(bad.out()).isEmpty();
    }

    @Test
    void listPrintsATableAndPassesTheFilters() {
        answer("GET /api/v1/tasks", Answer.json("{\"items\": [" + task("started", null, 1, 2, 0,
                "{\"executionId\": \"t1-2\", \"value\": 0.93, \"parameters\": {}}") + "], \"page\": 0, \"size\": 20, "
                + "\"total\": 1}"));
        Run r = run("list", "--status", "started", "--project", "vision", "--url", url, "--token", "tok");
        assertThat(r.exit()).isZero();
        assertThat(seen.get(0).pathAndQuery()).isEqualTo("/api/v1/tasks?page=0&size=20&status=started&project=vision");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("ID").contains("NAME", "STATUS", "DONE", "BEST", "ENGINE", "PROJECT");
        assertThat(lines.get(1)).startsWith("t1").contains("quick", "started", "2/3", "0.93", "optuna", "default");
    }

    @Test
    void watchPrintsEachChangeAndExitsZeroWhenTheTaskCompletes() {
        answer("GET /api/v1/tasks/t1/changes",
                Answer.json("{\"cursor\": \"1\", \"task\": " + task("started", null, 3, 0, 0, null) + "}"),
                Answer.json("{\"cursor\": \"1\", \"task\": " + task("started", null, 3, 0, 0, null) + "}"),
                Answer.json("{\"cursor\": \"4\", \"task\": " + task("started", null, 1, 2, 0,
                        "{\"executionId\": \"t1-2\", \"value\": 0.5}") + "}"),
                Answer.json("{\"cursor\": \"7\", \"task\": " + task("complete", "max-executions-reached", 0, 3, 0,
                        "{\"executionId\": \"t1-3\", \"value\": 0.9}") + "}"));
        Run r = run("watch", "t1", "--url", url, "--token", "tok");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3); // the unchanged second answer prints nothing
        assertThat(lines.get(0)).contains("started  0/3 executions finished, 3 running  no best yet");
        assertThat(lines.get(1)).contains("2/3 executions finished, 1 running  best acc=0.5 (t1-2)");
        assertThat(lines.get(2)).contains("complete (max-executions-reached)  3/3").contains("best acc=0.9 (t1-3)");
        assertThat(seen).extracting(Seen::pathAndQuery).containsExactly("/api/v1/tasks/t1/changes",
                "/api/v1/tasks/t1/changes?since=1", "/api/v1/tasks/t1/changes?since=1",
                "/api/v1/tasks/t1/changes?since=4");
    }

    @Test
    void watchExitsNonZeroWhenTheTaskEndsInErrorOrIsStopped() {
        answer("GET /api/v1/tasks/t1/changes",
                Answer.json("{\"cursor\": \"2\", \"task\": " + task("error", "child-error", 0, 1, 1, null) + "}"));
        Run error = run("watch", "t1", "--url", url, "--token", "tok");
        assertThat(error.exit()).isEqualTo(TasksCommand.TASK_ERROR);
        assertThat(error.out()).contains("error (child-error)").contains("1 failed");
        answer("GET /api/v1/tasks/t1/changes",
                Answer.json("{\"cursor\": \"2\", \"task\": " + task("stopped", "user-stopped", 0, 1, 0, null) + "}"));
        assertThat(run("watch", "t1", "--url", url, "--token", "tok").exit()).isEqualTo(TasksCommand.TASK_STOPPED);
        assertThat(run("watch", "--help").out().replaceAll("\\s+", " ")).contains("0 when the task completes", "3 when it ends in error",
                "4 when it is stopped");
    }

    @Test
    void executionsAsCsvHaveARowPerExecutionAndAColumnPerParameterAndMetric() {
        answer("GET /api/v1/tasks/t1/executions", Answer.json("""
                [{"id": "t1-1", "seq": 1, "batch": 1, "source": "random", "parameters": {"lr": 0.01, "act": "relu"},
                  "status": "complete", "metrics": {"acc": 0.5, "epoch": 2}, "exitCode": 0, "statusReason": null,
                  "startedAt": "2026-12-01T23:00:01Z", "finishedAt": "2026-12-01T23:00:05Z"},
                 {"id": "t1-2", "seq": 2, "batch": 1, "source": "random", "parameters": {"lr": 0.1, "act": "tanh"},
                  "status": "error", "metrics": {}, "exitCode": 1, "statusReason": "exit code 1, \\"oops\\"",
                  "startedAt": null, "finishedAt": null}]
                """));
        Run r = run("executions", "t1", "--csv", "--url", url, "--token", "tok");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("seq,id,batch,source,status,exitCode,statusReason,startedAt,finishedAt,"
                + "param:act,param:lr,metric:acc,metric:epoch");
        assertThat(lines.get(1)).isEqualTo("1,t1-1,1,random,complete,0,,2026-12-01T23:00:01Z,2026-12-01T23:00:05Z,"
                + "relu,0.01,0.5,2");
        assertThat(lines.get(2)).isEqualTo("2,t1-2,1,random,error,1,\"exit code 1, \"\"oops\"\"\",,,tanh,0.1,,");
        assertThat(r.out()).contains("\r\n");
    }

    @Test
    void executionsAsATableShowTheTargetMetric() {
        answer("GET /api/v1/tasks/t1/executions", Answer.json("""
                [{"id": "t1-1", "seq": 1, "source": "model", "parameters": {"lr": 0.01}, "status": "complete",
                  "metrics": {"acc": 0.5}}]
                """));
        answer("GET /api/v1/tasks/t1", Answer.json(task("started", null, 0, 1, 0, null)));
        Run r = run("executions", "t1", "--url", url, "--token", "tok");
        assertThat(r.out().lines().toList().get(0)).contains("SEQ", "ID", "STATUS", "SOURCE", "ACC", "PARAMETERS");
        assertThat(r.out().lines().toList().get(1)).contains("t1-1", "complete", "model", "0.5", "lr=0.01");
    }

    @Test
    void logsFollowPrintsWhatTheExecutionWritesUntilItHasEnded() {
        answer("GET /api/v1/executions/t1-1/log",
                new Answer(200, "epoch 1\n", Map.of("X-Log-Next-Offset", "8")),
                new Answer(200, "", Map.of("X-Log-Next-Offset", "8")),
                new Answer(200, "epoch 2\n", Map.of("X-Log-Next-Offset", "16")),
                new Answer(200, "", Map.of("X-Log-Next-Offset", "16")),
                new Answer(200, "", Map.of("X-Log-Next-Offset", "16")));
        answer("GET /api/v1/executions/t1-1", Answer.json("{\"status\": \"started\"}"),
                Answer.json("{\"status\": \"complete\"}"));
        Run r = run("logs", "t1-1", "--follow", "--executor-url", url, "--url", url, "--token", "tok");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("epoch 1\nepoch 2\n");
        assertThat(seen).extracting(Seen::pathAndQuery).containsSubsequence("/api/v1/executions/t1-1/log?offset=0",
                "/api/v1/executions/t1-1/log?offset=8", "/api/v1/executions/t1-1",
                "/api/v1/executions/t1-1/log?offset=8", "/api/v1/executions/t1-1/log?offset=16");
    }

    @Test
    void logsWithoutFollowPrintTheLogOnce() {
        answer("GET /api/v1/executions/t1-1/log", new Answer(200, "all\n", Map.of("X-Log-Next-Offset", "4")),
                new Answer(200, "", Map.of("X-Log-Next-Offset", "4")));
        Run r = run("logs", "t1-1", "--executor-url", url, "--url", url, "--token", "tok");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("all\n");
    }

    @Test
    void stopPrintsTheStatusAndAnEndedTaskSaysSo() {
        answer("POST /api/v1/tasks/t1/stop", new Answer(202, task("stopping", "user-stopped", 1, 0, 0, null), Map.of()));
        Run r = run("stop", "t1", "--url", url, "--token", "tok");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("t1 stopping (user-stopped)\n");
        answer("POST /api/v1/tasks/t1/stop", new Answer(409,
                "{\"message\": \"task t1 has already ended (complete, max-executions-reached); only a running task can "
                        + "be stopped\"}", Map.of()));
        Run ended = run("stop", "t1", "--url", url, "--token", "tok");
        assertThat(ended.exit()).isEqualTo(CliException.FAILED);
        assertThat(ended.err()).startsWith("task t1 has already ended");
    }

    @Test
    void aRefusedTokenSaysHowToGetOne() {
        answer("GET /api/v1/tasks/t1", new Answer(401, "{\"message\": \"the token has expired\"}", Map.of()));
        Run r = run("show", "t1", "--url", url, "--token", "old");
        assertThat(r.exit()).isEqualTo(CliException.FAILED);
        assertThat(r.err()).contains("401: the token has expired").contains("--token").contains("PARZEN_TOKEN")
                .contains("./parzen token");
    }

    @Test
    void anUnknownTaskSaysItMayBeAnotherProjects() {
        answer("GET /api/v1/tasks/t9", new Answer(404, "{\"message\": \"task t9 does not exist\"}", Map.of()));
        assertThat(run("show", "t9", "--url", url, "--token", "tok").err())
                .contains("task t9 does not exist (or it belongs to a project your token may not see)");
    }

    @Test
    void aServiceThatDoesNotAnswerSaysToStartParzen() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = run("list", "--url", "http://127.0.0.1:" + port, "--token", "tok");
        assertThat(r.exit()).isEqualTo(CliException.FAILED);
        assertThat(r.err()).contains("cannot connect to http://127.0.0.1:" + port).contains("./parzen up");
    }

    @Test
    void theTokenAndUrlComeFromTheOptionsElseTheEnvironment() {
        answer("GET /api/v1/tasks/t1", Answer.json(task("started", null, 0, 0, 0, null)));
        Run fromEnv = run(Map.of(Connection.TOKEN_ENV, "env-token", Connection.TASK_URL_ENV, url), "show", "t1");
        assertThat(fromEnv.exit()).isZero();
        assertThat(fromEnv.out()).contains("id:           t1").contains("status:       started");
        assertThat(seen.get(0).authorization()).isEqualTo("Bearer env-token");
        run(Map.of(Connection.TOKEN_ENV, "env-token", Connection.TASK_URL_ENV, "http://127.0.0.1:1"), "show", "t1",
                "--token", "flag-token", "--url", url);
        assertThat(seen.get(1).authorization()).isEqualTo("Bearer flag-token");
    }

    @Test
    void withoutTokenOrEnvironmentTheLocalKeyPairIssuesOne() throws Exception {
        io.parzen.deploy.token.JwtKeys keys = io.parzen.deploy.token.JwtKeys.ensure(
                io.parzen.deploy.token.JwtKeys.dirOf(dir));
        answer("GET /api/v1/tasks/t1", Answer.json(task("started", null, 0, 0, 0, null)));
        Run r = run(Map.of(), "show", "t1", "--url", url, "--state-dir", dir.toString());
        assertThat(r.exit()).isZero();
        String bearer = seen.get(0).authorization();
        assertThat(bearer).startsWith("Bearer ");
        org.jose4j.jwt.JwtClaims claims = new org.jose4j.jwt.consumer.JwtConsumerBuilder()
                .setVerificationKey(keys.publicKey()).setExpectedIssuer("parzen-local").build()
                .processToClaims(bearer.substring("Bearer ".length()));
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("operator");
        assertThat(claims.getStringListClaimValue("projects")).containsExactly("default");
        // no key pair, no token: the service's 401 says how to get one
        answer("GET /api/v1/tasks/t2", new Answer(401, "{\"message\": \"no token\"}", Map.of()));
        Run none = run(Map.of(), "show", "t2", "--url", url, "--state-dir", dir.resolve("empty").toString());
        assertThat(seen.get(1).authorization()).isNull();
        assertThat(none.err()).contains("No token was sent").contains("PARZEN_TOKEN");
    }

    @Test
    void theTasksHelpListsEveryCommand() {
        Run r = run("--help");
        assertThat(r.out()).contains("create", "list", "show", "watch", "stop", "executions", "logs", "PARZEN_TOKEN");
    }
}
