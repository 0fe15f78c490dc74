package io.parzen.executor.execution;

import io.parzen.executor.Fixtures;
import io.parzen.auth.testing.AsOperator;
import org.junit.jupiter.api.extension.ExtendWith;


import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.inputs.TestHttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Valohai's conventions through the whole executor: a command list through /bin/sh, the VH_*
 * variables and config files, inputs fetched from a local HTTP server and from files, output files in REST.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@ExtendWith(AsOperator.class)
class ValohaiFlowTest {


    private static TestHttpServer http;
    /** Makes this run's URLs unique, so the cache of an earlier run (target/) does not count. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startHttp() throws Exception {
        http = new TestHttpServer();
    }

    @AfterAll
    static void stopHttp() {
        http.close();
    }

    private static SuggestionRequested request(String taskId, int seq, Map<String, Object> parameters,
            List<String> commands, Map<String, List<String>> inputs) {
        return new SuggestionRequested(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(),
                Events.executionId(taskId, seq), seq, 1, parameters, "random", null, "scripts", null, 60L, null, commands,
                inputs);
    }

    @Test
    void aValohaiStyleScriptRunsWithACommandListInputsAndOutputs() throws Exception {
        String taskId = newTaskId();
        Path local = Files.createTempFile("parzen-input", ".csv");
        Files.writeString(local, "x\ny\n");
        String httpPath = "/data/" + RUN + "/train.csv";
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lr", 0.01);
        params.put("name", "$(touch pwned) `touch pwned` ; touch pwned && touch pwned ' \" \n *");
        List<String> commands = List.of("test -f vh_train.py", "echo prepared > \"$VH_OUTPUTS_DIR/prepared.txt\"",
                "python3 vh_train.py {parameters}");
        Map<String, List<String>> inputs = Map.of("dataset", List.of(http.url(httpPath), local.toUri().toString()));
        SuggestionRequested first = request(taskId, 1, params, commands, inputs);
        Fixtures.kafka().send(first);

        ExecutionFinished done = awaitFinished(first.executionId());
        assertThat(done.status()).as(done.reason()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(done.metrics()).containsEntry("rows", 5).containsEntry("lr", 0.01)
                .containsEntry("name", params.get("name")).containsEntry("repository_is_cwd", true)
                .containsEntry("job_id", first.executionId()).containsEntry("prepared", true)
                .containsEntry("files", local.getFileName() + ",train.csv");
        assertThat((String) done.metrics().get("argv")).isEqualTo("--lr=0.01 --name=" + params.get("name"));
        assertThat(Path.of("target/test-classes/scripts/pwned")).doesNotExist();

        JsonPath view = given().get("/api/v1/executions/{id}", first.executionId()).then().statusCode(200)
                .extract().jsonPath();
        assertThat(view.getList("commands", String.class)).isEqualTo(commands);
        assertThat(view.getList("argv", String.class)).startsWith("/bin/sh", "-c");
        Path config = Path.of(view.getString("executionDirectory")).resolve("config");
        JsonPath inputsJson = JsonPath.from(config.resolve("inputs.json").toFile());
        assertThat(inputsJson.getString("dataset.files[0].name")).isEqualTo("train.csv");
        assertThat(inputsJson.getString("dataset.files[0].uri")).isEqualTo(http.url(httpPath));
        assertThat(inputsJson.getInt("dataset.files[0].size")).isEqualTo(TestHttpServer.CSV.length());
        assertThat(inputsJson.getString("dataset.files[0].checksums.sha256")).hasSize(64);
        assertThat(inputsJson.getString("dataset.files[1].path")).endsWith("/inputs/dataset/" + local.getFileName());

        given().get("/api/v1/executions/{id}/outputs", first.executionId()).then().statusCode(200)
                .body("path", equalTo(List.of("model.txt", "plots/loss.csv", "prepared.txt")))
                .body("[0].size", equalTo(15));
        given().get("/api/v1/executions/{id}/outputs/model.txt", first.executionId()).then().statusCode(200)
                .body(equalTo("lr=0.01 rows=5\n"));
        given().get("/api/v1/executions/{id}/outputs/plots/loss.csv", first.executionId()).then().statusCode(200)
                .body(equalTo("1,0.5\n"));
        given().urlEncodingEnabled(false).get("/api/v1/executions/{id}/outputs/..%2Fconfig%2Fparameters.json",
                first.executionId()).then().statusCode(404);
        given().urlEncodingEnabled(false).get("/api/v1/executions/{id}/outputs/plots/%2E%2E/%2E%2E/log.txt",
                first.executionId()).then().statusCode(404);
        given().get("/api/v1/executions/{id}/outputs/nothing.txt", first.executionId()).then().statusCode(404);

        // the same URL again comes from the cache
        SuggestionRequested second = request(taskId, 2, params, commands, inputs);
        Fixtures.kafka().send(second);
        assertThat(awaitFinished(second.executionId()).status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(http.hits(httpPath)).isEqualTo(1);
    }

    @Test
    void aCachedFileWithAnETagIsRevalidated() {
        String taskId = newTaskId();
        String path = "/etag/" + RUN + "/train.csv";
        List<String> commands = List.of("python3 vh_train.py {parameters}");
        Map<String, List<String>> inputs = Map.of("dataset", List.of(http.url(path)));
        SuggestionRequested first = request(taskId, 1, Map.of("lr", 0.1), commands, inputs);
        Fixtures.kafka().send(first);
        assertThat(awaitFinished(first.executionId()).metrics()).containsEntry("rows", 3);
        SuggestionRequested second = request(taskId, 2, Map.of("lr", 0.1), commands, inputs);
        Fixtures.kafka().send(second);
        assertThat(awaitFinished(second.executionId()).metrics()).containsEntry("rows", 3);
        assertThat(http.hits(path)).isEqualTo(2);
        assertThat(http.notModified(path)).isEqualTo(1);
    }

    @Test
    void aFailedFetchEndsTheExecutionAsAnErrorWithTheReason() {
        String taskId = newTaskId();
        List<String> commands = List.of("touch should-not-run", "python3 vh_train.py");
        SuggestionRequested missing = request(taskId, 1, Map.of(),
                commands, Map.of("dataset", List.of(http.url("/nope/" + RUN + ".csv"))));
        SuggestionRequested tooBig = request(taskId, 2, Map.of(),
                commands, Map.of("dataset", List.of(http.url("/big/" + RUN + ".bin"))));
        SuggestionRequested tooBigChunked = request(taskId, 3, Map.of(),
                commands, Map.of("dataset", List.of(http.url("/big/chunked/" + RUN + ".bin"))));
        SuggestionRequested s3 = request(taskId, 4, Map.of(), commands, Map.of("dataset", List.of("s3://b/k")));
        SuggestionRequested noFile = request(taskId, 5, Map.of(), commands, Map.of("dataset", List.of("no/such.csv")));
        for (SuggestionRequested r : List.of(missing, tooBig, tooBigChunked, s3, noFile)) {
            Fixtures.kafka().send(r);
        }
        assertThat(awaitFinished(missing.executionId()).reason()).startsWith("input 'dataset': cannot fetch")
                .contains("HTTP 404");
        assertThat(awaitFinished(tooBig.executionId()).reason()).contains("max-size");
        assertThat(awaitFinished(tooBigChunked.executionId()).reason()).contains("max-size").contains("cut off");
        assertThat(awaitFinished(s3.executionId()).reason()).contains("'s3:' is not supported").contains("https://");
        ExecutionFinished none = awaitFinished(noFile.executionId());
        assertThat(none.status()).isEqualTo(ExecutionFinished.ERROR);
        assertThat(none.reason()).contains("no/such.csv does not exist");
        assertThat(Path.of("target/test-classes/scripts/should-not-run")).doesNotExist();
        given().get("/api/v1/executions/{id}/log", none.executionId()).then().statusCode(200)
                .body(containsString("does not exist"));
    }

    @Test
    void aFailingCommandStopsTheList() {
        String taskId = newTaskId();
        SuggestionRequested r = request(taskId, 1, Map.of("code", 4), List.of("echo '{\"step\": 1}'",
                "exit {parameter-value:code}", "echo '{\"step\": 2}'"), null);
        Fixtures.kafka().send(r);
        ExecutionFinished done = awaitFinished(r.executionId());
        assertThat(done.status()).isEqualTo(ExecutionFinished.ERROR);
        assertThat(done.exitCode()).isEqualTo(4);
        assertThat(done.metrics()).containsEntry("step", 1);
    }

    @Test
    void aPlainCommandGetsTheVariablesToo() {
        String taskId = newTaskId();
        SuggestionRequested r = new SuggestionRequested(Events.newEventId(), Events.SCHEMA_VERSION, taskId,
                Instant.now(), Events.executionId(taskId, 1), 1, 1, Map.of("lr", 0.5), "random",
                "python3 vh_train.py {parameters}", "scripts", null, 60L, null, null, Map.of("dataset", List.of()));
        Fixtures.kafka().send(r);
        ExecutionFinished done = awaitFinished(r.executionId());
        assertThat(done.status()).as(done.reason()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(done.metrics()).containsEntry("rows", 0).containsEntry("job_id", r.executionId());
        given().get("/api/v1/executions/{id}", r.executionId()).then().statusCode(200)
                .body("argv", equalTo(List.of("python3", "vh_train.py", "--lr=0.5")));
    }
}
