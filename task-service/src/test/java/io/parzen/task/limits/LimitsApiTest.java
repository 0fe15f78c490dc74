package io.parzen.task.limits;

import io.parzen.auth.testing.AsOperator;
import org.junit.jupiter.api.extension.ExtendWith;


import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Non-finite numbers and every limit over REST: each a 400 that names the field and the limit. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@ExtendWith(AsOperator.class)
class LimitsApiTest {


    static final String TASK = """
            {"name": "limits", "type": "bayesian_tpe", "command": "python3 train.py {parameters}",
             "workingDirectory": "examples/mlp",
             "parameters": [
               {"name": "lr", "distribution": "uniform", "min": 0, "max": 1, "qStep": 0.1},
               {"name": "act", "distribution": "categorical", "values": ["relu", 1, true]}],
             "maxExecutions": 10, "batchSize": 2,
             "target": {"metric": "loss", "value": 0.5}, "earlyStopping": "loss < 0.1", "seed": 7}
            """;

    static final String BLUEPRINT = """
            - step:
                name: train
                image: python:3.12
                command: python3 train.py {parameters}
                parameters:
                  - {name: lr, type: float, default: 0.1}
            - task:
                step: train
                name: sweep
                type: random-search
                execution-count: 4
                parameters:
                  - {name: lr, style: random, rules: {min: 0, max: 1, count: 4}}
            """;

    static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/tasks").then().log().ifValidationFails();
    }

    static ValidatableResponse postYaml(String path, String yaml) {
        return given().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .when().post(path).then().log().ifValidationFails();
    }

    @Test
    void theBaseTaskIsValid() {
        post(TASK).statusCode(201);
        postYaml("/api/v1/tasks/from-blueprint", BLUEPRINT).statusCode(201);
    }

    @Test
    void overflowingJsonNumbersAreA400NamingTheField() {
        post(TASK.replace("\"max\": 1", "\"max\": 1e400")).statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("parameters[0].max")))
                .body("errors[0].value", equalTo("Infinity"))
                .body("errors[0].message", containsString("must be a finite number"));
        post(TASK.replace("\"min\": 0", "\"min\": -1e400")).statusCode(400)
                .body("errors[0].field", equalTo("parameters[0].min"))
                .body("errors[0].value", equalTo("-Infinity"));
        post(TASK.replace("\"qStep\": 0.1", "\"qStep\": 1e400")).statusCode(400)
                .body("errors.field", hasItem("parameters[0].qStep"));
        post(TASK.replace("\"value\": 0.5", "\"value\": -1e400")).statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("target.value")));
        post(TASK.replace("[\"relu\", 1, true]", "[\"relu\", 1e400, true]")).statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("parameters[1].values[1]")));
        post(TASK.replace("[\"relu\", 1, true]", "[\"relu\", 1" + "0".repeat(400) + ", true]")).statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("parameters[1].values[1]")))
                .body("errors[0].value", containsString("(401 characters)"));
    }

    @Test
    void nonFiniteNumbersAsJsonTokensOrStringsAreA400() {
        // NaN and Infinity are not JSON: a parse error naming where
        post(TASK.replace("\"max\": 1", "\"max\": NaN")).statusCode(400)
                .body("errors[0].message", containsString("line"));
        post(TASK.replace("\"max\": 1", "\"max\": Infinity")).statusCode(400);
        // as strings Jackson reads them into the number: still named
        post(TASK.replace("\"max\": 1", "\"max\": \"NaN\"")).statusCode(400)
                .body("errors.field", hasItem("parameters[0].max"))
                .body("errors.find { it.field == 'parameters[0].max' }.value", equalTo("NaN"));
        post(TASK.replace("\"value\": 0.5", "\"value\": \"-Infinity\"")).statusCode(400)
                .body("errors.field", hasItem("target.value"));
        // integers that overflow their field
        post(TASK.replace("\"seed\": 7", "\"seed\": 1" + "0".repeat(30))).statusCode(400)
                .body("errors[0].field", equalTo("seed"));
        post(TASK.replace("\"maxExecutions\": 10", "\"maxExecutions\": 1e400")).statusCode(400)
                .body("errors[0].field", equalTo("maxExecutions"));
    }

    @Test
    void manualSearchValuesMustBeFinite() {
        String manual = """
                {"name": "m", "type": "manual_search", "command": "c",
                 "parameters": [{"name": "lr"}], "parameterSets": [{"lr": 0.1}, {"lr": 1e400}]}
                """;
        post(manual).statusCode(400).body("errors.field", equalTo(java.util.List.of("parameterSets[1].lr")));
        String grid = """
                {"name": "g", "type": "grid_search", "command": "c",
                 "parameters": [{"name": "lr", "style": "linear", "rules": {"start": 0, "end": 1e400, "step": 0.5}}]}
                """;
        post(grid).statusCode(400).body("errors.field", hasItem("parameters[0].rules.end"));
    }

    @Test
    void everyLimitIsA400NamingIt() {
        post(TASK.replace("\"name\": \"limits\"", "\"name\": \"" + "n".repeat(201) + "\"")).statusCode(400)
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", containsString("parzen.task.limits.name-length"));
        post(TASK.replace("python3 train.py {parameters}", "x".repeat(4097))).statusCode(400)
                .body("errors[0].field", equalTo("command"))
                .body("errors[0].message", containsString("parzen.task.limits.command-length"));
        post(TASK.replace("examples/mlp", "d".repeat(1025))).statusCode(400)
                .body("errors[0].field", equalTo("workingDirectory"))
                .body("errors[0].message", containsString("parzen.task.limits.working-directory-length"));
        String params = IntStream.range(0, 101)
                .mapToObj(i -> "{\"name\": \"p" + i + "\", \"distribution\": \"uniform\", \"min\": 0, \"max\": 1}")
                .collect(Collectors.joining(","));
        post(TASK.replaceFirst("\"parameters\": \\[", "\"parameters\": [" + params + ",")).statusCode(400)
                .body("errors[0].field", equalTo("parameters"))
                .body("errors[0].message", containsString("parzen.task.limits.parameters"));
        String values = IntStream.range(0, 1001).mapToObj(i -> "\"v" + i + "\"").collect(Collectors.joining(","));
        post(TASK.replace("[\"relu\", 1, true]", "[" + values + "]")).statusCode(400)
                .body("errors[0].field", equalTo("parameters[1].values"))
                .body("errors[0].message", containsString("parzen.task.limits.values"));
        post(TASK.replace("[\"relu\", 1, true]", "[\"" + "v".repeat(1025) + "\"]")).statusCode(400)
                .body("errors[0].field", equalTo("parameters[1].values[0]"))
                .body("errors[0].message", containsString("parzen.task.limits.value-length"));
        post(TASK.replace("\"maxExecutions\": 10", "\"maxExecutions\": 100001")).statusCode(400)
                .body("errors[0].field", equalTo("maxExecutions"))
                .body("errors[0].message", containsString("parzen.task.limits.max-executions"));
        post(TASK.replace("\"maxExecutions\": 10, \"batchSize\": 2", "\"maxExecutions\": 5000, \"batchSize\": 1001"))
                .statusCode(400)
                .body("errors[0].field", equalTo("batchSize"))
                .body("errors[0].message", containsString("parzen.task.limits.batch-size"));
        post(TASK.replace("loss < 0.1", "loss < " + "1".repeat(1000))).statusCode(400)
                .body("errors[0].field", equalTo("earlyStopping"))
                .body("errors[0].message", containsString("parzen.task.limits.expression-length"));
        post(TASK.replace("loss < 0.1", "(".repeat(65) + "loss" + ")".repeat(65) + " < 1")).statusCode(400)
                .body("errors[0].field", equalTo("earlyStopping"))
                .body("errors[0].message", containsString("parzen.task.limits.expression-depth"));
        post(TASK.replace("loss < 0.1", "not ".repeat(240) + "loss")).statusCode(400)
                .body("errors[0].message", containsString("nested too deeply"));
        String sets = IntStream.range(0, 10_001).mapToObj(i -> "{\"lr\": " + i + "}").collect(Collectors.joining(","));
        post("{\"name\": \"m\", \"type\": \"manual_search\", \"command\": \"c\", \"parameters\": [{\"name\": \"lr\"}],"
                + " \"parameterSets\": [" + sets + "]}").statusCode(400)
                .body("errors.field", hasItem("parameterSets"))
                .body("errors.find { it.field == 'parameterSets' }.message",
                        containsString("parzen.task.limits.parameter-sets"));
    }

    @Test
    void aBodyOverTheSizeLimitIsA400NamingIt() {
        String big = TASK.replace("\"name\": \"limits\"", "\"name\": \"limits\", \"pad\": \"" + "x".repeat(1_100_000)
                + "\"");
        post(big).statusCode(400)
                .body("errors[0].message", containsString("parzen.task.limits.body-size"))
                .body("errors[0].message", containsString("1048576"));
        postYaml("/api/v1/blueprints/lint", "#" + "x".repeat(1_100_000)).statusCode(400)
                .body("errors[0].message", containsString("parzen.task.limits.body-size"));
    }

    @Test
    void blueprintNumbersMustBeFinite() {
        for (String bad : new String[] {".inf", "-.inf", ".nan", "1e400", "1" + "0".repeat(400)}) {
            postYaml("/api/v1/tasks/from-blueprint", BLUEPRINT.replace("max: 1,", "max: " + bad + ","))
                    .statusCode(400)
                    .body("errors.message", hasItem(containsString("is not finite")))
                    .body("errors.line", hasItem(13));
        }
        postYaml("/api/v1/tasks/from-blueprint", BLUEPRINT.replace("default: 0.1", "default: .nan")).statusCode(400)
                .body("errors.line", hasItem(6));
        postYaml("/api/v1/blueprints/lint", BLUEPRINT.replace("max: 1,", "max: .inf,")).statusCode(200)
                .body("valid", equalTo(false))
                .body("errors.message", hasItem(containsString("is not finite")));
    }

    @Test
    void aBillionLaughsBlueprintIsRejected() {
        StringBuilder yaml = new StringBuilder("- step:\n    name: train\n    command: c\n    description: &a0 [x, x]\n");
        for (int i = 1; i <= 30; i++) {
            yaml.append("    l").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        postYaml("/api/v1/blueprints/lint", yaml.toString()).statusCode(200)
                .body("valid", equalTo(false))
                .body("errors.message", hasItems(containsString("parzen.task.limits.yaml")));
        postYaml("/api/v1/tasks/from-blueprint", yaml.toString()).statusCode(400);
    }
}
