package io.parzen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parzen.deploy.launcher.Component;
import io.parzen.deploy.launcher.Http;
import io.parzen.deploy.token.Role;
import io.parzen.deploy.token.TokenRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Valohai's own files and training code, run unchanged (issue 13): a valohai.yaml whose step has a
 * command list, a step input with a {@code file://} default, a {@code multiple: separate} and a
 * {@code multiple: repeat} parameter, created with {@code POST /tasks/from-blueprint}. The training code
 * ({@code e2e/valohai-files/train.py}) reads {@code $VH_CONFIG_DIR/parameters.json} and
 * {@code $VH_INPUTS_DIR/dataset/}, writes to {@code $VH_OUTPUTS_DIR} and prints JSON metadata. The test
 * checks that every execution completes, its metrics are stored, its outputs are listed, and that the
 * list values arrived as Valohai renders them (valohai-yaml's {@code format_cli}).
 */
@ExtendWith(SharedSystem.class)
class ValohaiFilesIT {

    static final Duration TIMEOUT = Duration.ofSeconds(150);

    static E2eSystem e2e;

    @RegisterExtension
    static final E2eSystem.LogsOnFailure logs = new E2eSystem.LogsOnFailure(() -> e2e);

    @BeforeAll
    static void start(E2eSystem shared) throws Exception {
        e2e = shared;
    }


    static String blueprint() {
        String data = E2eSystem.scriptDir().resolve("valohai-files/data.csv").toUri().toString();
        return """
                - step:
                    name: train
                    image: python:3.12
                    command:
                      - echo start
                      - python3 deploy/e2e/src/test/resources/e2e/valohai-files/train.py {parameters}
                    inputs:
                      - name: dataset
                        default: %s
                    parameters:
                      - name: layers
                        type: integer
                        multiple: separate
                        multiple-separator: '-'
                        default: [64, 32]
                      - name: tag
                        multiple: repeat
                        default: ["a b", "$(touch pwned)"]
                      - name: lr
                        type: float
                        default: 0.5
                - task:
                    step: train
                    name: e2e-valohai-files
                    type: grid_search
                    execution-batch-size: 2
                    parameters:
                      - name: layers
                        style: multiple
                        rules:
                          items: [[64, 32], [128]]
                """.formatted(data);
    }

    @Test
    void aValohaiStepWithListValuesAndAnInputRunsToCompletion() throws Exception {
        String id = e2e.createFromBlueprint(blueprint(), "e2e-valohai-files");
        JsonNode task = e2e.awaitFinal(id, TIMEOUT);
        assertEquals("complete", task.path("status").asText(), "task: " + task);
        List<JsonNode> executions = e2e.awaitExecutionsFinal(id, 2, Duration.ofSeconds(60));
        assertEquals(2, executions.size(), "one execution per grid value: " + executions);
        for (JsonNode e : executions) {
            assertEquals("complete", e.path("status").asText(), "execution " + e);
        }
        Set<String> ids = executions.stream().map(e -> e.path("id").asText()).collect(Collectors.toSet());
        e2e.awaitMetrics(id, ids, Duration.ofSeconds(60));
        // metrics-service stores the points as it consumes them: wait for both lines of each execution
        Map<String, List<JsonNode>> points = e2e.metricPoints(id);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ids.stream().anyMatch(eid -> points.getOrDefault(eid, List.of()).size() < 4)
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
            points.clear();
            points.putAll(e2e.metricPoints(id));
        }

        String executor = e2e.system.serviceUrl(Component.EXECUTOR) + "/api/v1/executions/";
        Map<String, List<String>> argvByLayers = new HashMap<>();
        for (JsonNode e : executions) {
            String eid = e.path("id").asText();
            JsonNode layers = e.path("parameters").path("layers");
            assertTrue(layers.isArray(), "layers is a list in the execution's parameters: " + e);
            assertEquals(4, points.get(eid).size(), "two lines of step and loss of " + eid + ": " + points.get(eid));

            Http.Response listing = e2e.http.get(executor + eid + "/outputs");
            assertEquals(200, listing.status(), "outputs of " + eid + ": " + listing.body());
            List<String> paths = new ArrayList<>();
            listing.json().forEach(o -> paths.add(o.path("path").asText()));
            assertEquals(List.of("run.json"), paths, "outputs of " + eid);
            HttpResponse<String> file = download(executor + eid + "/outputs/run.json");
            assertEquals(200, file.statusCode(), "run.json of " + eid + ": " + file.body());
            JsonNode run = Http.JSON.readTree(file.body());
            e2e.log(eid + " ran with " + run);

            // parameters.json holds the lists as JSON arrays
            assertEquals(layers, run.path("parameters").path("layers"), "parameters.json layers of " + eid);
            assertEquals(Http.JSON.readTree("[\"a b\", \"$(touch pwned)\"]"), run.path("parameters").path("tag"),
                    "parameters.json tag of " + eid);
            assertEquals(0.5, run.path("parameters").path("lr").asDouble(), "parameters.json lr of " + eid);
            // the input was fetched into $VH_INPUTS_DIR/dataset/
            assertEquals(Http.JSON.readTree("[\"data.csv\"]"), run.path("files"), "input files of " + eid);
            assertEquals(3, run.path("rows").asInt(), "input rows read by " + eid);
            // the metric the script derived from both
            double loss = (sum(layers) / 1000.0 + 21 / 100.0) * 2;
            assertEquals(loss, e.path("metrics").path("loss").asDouble(Double.NaN), 1e-6, "last loss of " + eid);

            List<String> argv = new ArrayList<>();
            run.path("argv").forEach(a -> argv.add(a.asText()));
            argvByLayers.put(layers.toString(), argv);
        }
        // valohai-yaml: separate joins with the separator, repeat passes --tag once per item
        assertEquals(Map.of(
                "[64,32]", List.of("--layers=64-32", "--tag=a b", "--tag=$(touch pwned)", "--lr=0.5"),
                "[128]", List.of("--layers=128", "--tag=a b", "--tag=$(touch pwned)", "--lr=0.5")), argvByLayers);
        Path root = E2eSystem.repoRoot();
        assertFalse(Files.exists(root.resolve("pwned")), "a value never runs as a command");
    }

    /** GET of a file download (any content type), with an operator token. */
    private static HttpResponse<String> download(String url) throws Exception {
        String token = e2e.system.token(TokenRequest.of(Role.OPERATOR));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double sum(JsonNode list) {
        double s = 0;
        for (JsonNode v : list) {
            s += v.asDouble();
        }
        return s;
    }
}
