package io.parzen.task.tasks;

import io.parzen.auth.testing.AsOperator;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The REST API: creation, validation errors that name their field, reading, paging, 404s. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@ExtendWith(AsOperator.class)
class TaskApiTest {


    static final String EXAMPLE = """
            {"name": "mlp-search", "type": "random_search", "engine": "optuna", "command": "python3 train.py {parameters}",
             "workingDirectory": "examples/mlp",
             "parameters": [
               {"name": "learning_rate", "distribution": "loguniform", "min": -5, "max": -1},
               {"name": "batch_size", "distribution": "integer", "min": 16, "max": 128, "qStep": 16},
               {"name": "num_layers", "distribution": "integer", "min": 2, "max": 10},
               {"name": "dropout", "distribution": "uniform", "min": 0, "max": 0.5, "qStep": 0.05},
               {"name": "activation", "distribution": "categorical", "values": ["relu", "tanh", "sigmoid"]}],
             "maxExecutions": 50, "batchSize": 5, "randomStartup": 20,
             "target": {"metric": "val_accuracy", "value": 1.0}, "earlyStopping": "val_accuracy > 0.95", "seed": 7}
            """;

    @Test
    void aCommandListAndInputsAreAcceptedAndBadSchemesAreRefused() {
        String list = EXAMPLE.replace("\"command\": \"python3 train.py {parameters}\"",
                "\"command\": [\"pip install -r requirements.txt\", \"python3 train.py {parameters}\"],"
                        + " \"inputs\": {\"dataset\": \"https://example.com/mnist.npz\","
                        + " \"labels\": [\"file:///data/a.csv\", \"data/b.csv\"]}");
        given().contentType(ContentType.JSON).body(list).when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("spec.command", nullValue())
                .body("spec.commands", equalTo(java.util.List.of("pip install -r requirements.txt",
                        "python3 train.py {parameters}")))
                .body("spec.inputs.dataset", equalTo(java.util.List.of("https://example.com/mnist.npz")))
                .body("spec.inputs.labels", equalTo(java.util.List.of("file:///data/a.csv", "data/b.csv")));
        String one = EXAMPLE.replace("\"command\": \"python3 train.py {parameters}\"",
                "\"command\": [\"python3 train.py {parameters}\"]");
        given().contentType(ContentType.JSON).body(one).when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("spec.command", equalTo("python3 train.py {parameters}"))
                .body("spec.commands", nullValue());
        String s3 = EXAMPLE.replace("\"workingDirectory\"", "\"inputs\": {\"dataset\": [\"s3://b/k\"]},"
                + " \"workingDirectory\"");
        given().contentType(ContentType.JSON).body(s3).when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", hasItem("inputs.dataset[0]"))
                .body("errors.message", hasItem("scheme 's3:' is not supported; supported: [a local path, file://,"
                        + " http://, https://]"));
        String number = EXAMPLE.replace("\"command\": \"python3 train.py {parameters}\"", "\"command\": 5");
        given().contentType(ContentType.JSON).body(number).when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.message", hasItem("must be a string or an array of strings"));
    }

    @Test
    void createsTheExampleAndShowsItAsGetDoes() {
        String id = given().contentType(ContentType.JSON).body(EXAMPLE)
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/tasks/"))
                .body("id", notNullValue())
                .body("name", equalTo("mlp-search"))
                .body("type", equalTo("random_search"))
                .body("engine", equalTo("optuna"))
                .body("status", equalTo("created"))
                .body("statusReason", nullValue())
                .body("maxExecutions", equalTo(50))
                .body("batchSize", equalTo(5))
                .body("statusSummary.keySet()", hasItems("created", "queued", "started", "stopping", "stopped",
                        "complete", "error", "crashed"))
                .body("statusSummary.queued", equalTo(0))
                .body("best", nullValue())
                .body("spec.onChildError", equalTo("continue-and-error"))
                .body("spec.batching", equalTo("synchronous"))
                .body("spec.parameters[1].qStep", equalTo(16.0f))
                .body("spec.target.metric", equalTo("val_accuracy"))
                .body("searchMode", equalTo("random"))
                .body("searchModeReason", containsString("random_search"))
                .body("sourceSummary.random", equalTo(0))
                .body("sourceSummary.model", equalTo(0))
                .body("sourceSummary.grid", equalTo(0))
                .body("sourceSummary.manual", equalTo(0))
                .extract().path("id");
        given().when().get("/api/v1/tasks/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("created"))
                .body("spec.earlyStopping", equalTo("val_accuracy > 0.95"))
                .body("spec.seed", equalTo(7))
                .body("searchMode", equalTo("random"))
                .body("sourceSummary.keySet()", hasItems("random", "model", "grid", "manual"));
        given().when().get("/api/v1/tasks/" + id + "/executions")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void namesEveryWrongField() {
        String body = """
                {"name": " ", "type": "genetic", "engine": "skopt",
                 "parameters": [
                   {"name": "lr", "distribution": "uniform", "min": 1, "max": 1},
                   {"name": "bs", "distribution": "integer", "min": 16, "max": 128, "qStep": -1},
                   {"name": "act", "distribution": "categorical", "values": ["relu", "relu"]},
                   {"name": "lr", "distribution": "gaussian", "min": 0, "max": 1},
                   {"name": "wide", "distribution": "uniform", "min": 0, "max": 1, "qStep": 2},
                   {"distribution": "categorical", "values": []}],
                 "maxExecutions": -3, "batchSize": -1,
                 "target": {"value": 1.0, "direction": "up"},
                 "onChildError": "explode", "batching": "sometimes"}
                """;
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", hasItems("name", "type", "engine", "command", "maxExecutions", "batchSize",
                        "parameters[0].max", "parameters[1].qStep", "parameters[2].values[1]", "parameters[3].name",
                        "parameters[3].distribution", "parameters[4].qStep", "parameters[5].name",
                        "parameters[5].values", "target.metric", "target", "target.direction", "onChildError",
                        "batching"))
                .body("errors.find { it.field == 'parameters[0].max' }.message", containsString("greater than min"))
                .body("errors.find { it.field == 'type' }.value", equalTo("genetic"))
                .body("errors.find { it.field == 'type' }.message", containsString("grid_search"))
                .body("errors.find { it.field == 'parameters[1].qStep' }.value", equalTo(-1.0f))
                .body("errors.find { it.field == 'maxExecutions' }.value", equalTo(-3));
    }

    @Test
    void anExplicitZeroIsReportedOncePerField() {
        given().contentType(ContentType.JSON)
                .body(EXAMPLE.replace("\"maxExecutions\": 50", "\"maxExecutions\": 0"))
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("maxExecutions")))
                .body("errors[0].value", equalTo(0));
    }

    @Test
    void reportsTheStopConditionPosition() {
        String body = EXAMPLE.replace("\"val_accuracy > 0.95\"", "\"val_accuracy > > 0.95\"");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("earlyStopping")))
                .body("errors[0].value", equalTo("val_accuracy > > 0.95"))
                .body("errors[0].message", containsString("position"));
    }

    @Test
    void namesUnknownProperties() {
        String body = EXAMPLE.replace("\"seed\": 7", "\"seed\": 7, \"colour\": \"blue\"")
                .replace("\"qStep\": 16}", "\"qStep\": 16, \"stepp\": 2}")
                .replace("\"value\": 1.0}", "\"value\": 1.0, \"goal\": \"max\"}");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", hasItems("colour", "parameters[1].stepp", "target.goal"))
                .body("errors.find { it.field == 'colour' }.value", equalTo("blue"));
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        given().contentType(ContentType.JSON).body(EXAMPLE.replace("\"maxExecutions\": 50", "\"maxExecutions\": \"many\""))
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("maxExecutions"))
                .body("errors[0].message", containsString("number"));
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors[0].message", notNullValue());
    }

    @Test
    void listValuesNeedMultipleAndKeepItThroughTheSpec() {
        given().contentType(ContentType.JSON).body("""
                {"name": "lists", "type": "grid_search", "command": "python3 train.py {parameters}",
                 "parameters": [
                   {"name": "layers", "style": "multiple", "rules": {"items": [[64, 32], [128]]},
                    "multiple": "SEPARATE", "multipleSeparator": "-"},
                   {"name": "tag", "style": "single", "rules": {"value": ["a", "b"]}, "multiple": "repeat"}]}
                """).when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("maxExecutions", equalTo(2))
                .body("spec.parameters[0].multiple", equalTo("separate"))
                .body("spec.parameters[0].multipleSeparator", equalTo("-"))
                .body("spec.parameters[0].rules.items", equalTo(List.of(List.of(64, 32), List.of(128))))
                .body("spec.parameters[1].rules.value", equalTo(List.of("a", "b")));
        given().contentType(ContentType.JSON).body("""
                {"name": "lists", "type": "random_search", "command": "python3 train.py {parameters}",
                 "maxExecutions": 2,
                 "parameters": [
                   {"name": "layers", "distribution": "categorical", "values": [[64, 32], [64.0, 32]]},
                   {"name": "tag", "distribution": "categorical", "values": [["a", {"x": 1}]], "multiple": "repeat"},
                   {"name": "ids", "distribution": "categorical", "values": [[1]], "multiple": "sometimes"}]}
                """).when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", hasItems("parameters[0].values[0]", "parameters[0].values[1]",
                        "parameters[1].values[0]", "parameters[2].multiple"))
                .body("errors.message", hasItem("is a list, but parameter \"layers\" does not set multiple (repeat"
                        + " or separate); without it a value is a string, a number or a boolean"));
        given().contentType(ContentType.JSON).body("""
                {"name": "sets", "type": "manual_search", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "tag", "multiple": "repeat"}],
                 "parameterSets": [{"tag": ["a", "b"]}, {"tag": "c", "n": [1, 2]}]}
                """).when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("parameterSets[1].n")));
    }

    @Test
    void normalizesAsValohaiDoesAndCapsTheBatch() {
        String body = """
                {"name": "grid", "type": "GRID-SEARCH", "command": "python3 train.py {parameters}",
                 "onChildError": "STOP_ALL-and_error", "stopCondition": "loss < 0.1", "batchSize": 99,
                 "parameters": [
                   {"name": "epochs", "style": "multiple", "rules": {"items": [5, 10, 15]}},
                   {"name": "lr", "style": "logspace", "rules": {"min": -5, "max": -1, "count": 5}}]}
                """;
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("type", equalTo("grid_search"))
                .body("maxExecutions", equalTo(15))
                .body("batchSize", equalTo(15))
                .body("spec.onChildError", equalTo("stop-all-and-error"))
                .body("spec.earlyStopping", equalTo("loss < 0.1"));
    }

    @Test
    void gridNeedsStylesAndManualNeedsSets() {
        given().contentType(ContentType.JSON).body("""
                {"name": "g", "type": "grid_search", "command": "run", "maxExecutions": 4,
                 "parameters": [{"name": "a", "distribution": "uniform", "min": 0, "max": 1},
                                {"name": "b", "style": "linear", "rules": {"start": 1, "end": 0, "step": 0}}]}
                """)
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", hasItems("parameters[0].style", "parameters[1].rules.step",
                        "parameters[1].rules.end"));
        given().contentType(ContentType.JSON).body("""
                {"name": "m", "type": "manual_search", "command": "run"}
                """)
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", hasItems("parameterSets", "maxExecutions"));
        given().contentType(ContentType.JSON).body("""
                {"name": "m", "type": "manual-search", "command": "run",
                 "parameterSets": [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}, {}]}
                """)
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("maxExecutions", equalTo(2))
                .body("spec.parameterSets.size()", equalTo(2));
    }

    @Test
    void directionTargetsAndBayesianDefaults() {
        given().contentType(ContentType.JSON).body("""
                {"name": "b", "type": "bayesian_tpe", "command": "run", "maxExecutions": 30,
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "target": {"metric": "loss", "direction": "MINIMIZE"}}
                """)
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("engine", equalTo("optuna"))
                .body("batchSize", equalTo(5))
                .body("spec.target.direction", equalTo("minimize"));
        given().contentType(ContentType.JSON).body("""
                {"name": "b", "type": "bayesian_tpe", "command": "run", "maxExecutions": 30,
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}]}
                """)
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("target")));
    }

    @Test
    void listsNewestFirstWithTotal() {
        String first = given().contentType(ContentType.JSON).body(EXAMPLE.replace("mlp-search", "page-a"))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        String second = given().contentType(ContentType.JSON).body(EXAMPLE.replace("mlp-search", "page-b"))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        int total = given().get("/api/v1/tasks?page=0&size=2").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[0].id", equalTo(second))
                .body("items[1].id", equalTo(first))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .extract().path("total");
        org.assertj.core.api.Assertions.assertThat(total).isGreaterThanOrEqualTo(2);
        given().get("/api/v1/tasks?page=-1&size=0").then().statusCode(400)
                .body("errors.field", hasItems("page", "size"));
    }

    @Test
    void unknownTaskIs404WithAMessage() {
        given().get("/api/v1/tasks/nope").then().statusCode(404)
                .body("message", containsString("nope"));
        given().get("/api/v1/tasks/nope/executions").then().statusCode(404);
        given().post("/api/v1/tasks/nope/stop").then().statusCode(404);
    }

    @Test
    void openApiDocumentsTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItem("/api/v1/tasks/{id}/stop"))
                .body("components.schemas.TaskView.properties.keySet()",
                        hasItems("searchMode", "searchModeReason", "sourceSummary", "finishedAt"))
                .body("components.schemas.TaskView.properties.searchMode.enum",
                        hasItems("bayesian", "random", "grid", "manual"))
                .body("paths.'/api/v1/tasks/{id}'.get.responses.'200'.content.'application/json'.examples.keySet()",
                        hasItem("stopping"))
                .body("paths.'/api/v1/tasks/{id}/stop'.post.description", containsString("stopping"));
        given().get("/q/health/ready").then().statusCode(200);
    }


    static String bayesian(int maxExecutions, String extra) {
        return """
                {"name": "b", "type": "bayesian_tpe", "command": "run", "maxExecutions": %d,
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "target": {"metric": "acc", "value": 1.0} %s}
                """.formatted(maxExecutions, extra);
    }

    @Test
    void aBayesianTaskBelowTheRandomStartupSaysItIsRandomSearch() {
        String id = given().contentType(ContentType.JSON).body(bayesian(12, ""))
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("type", equalTo("bayesian_tpe"))
                .body("searchMode", equalTo("random"))
                .body("searchModeReason", equalTo("maxExecutions 12 \u2264 randomStartup 20: Valohai runs random search"
                        + " for fewer executions than the random startup"))
                .extract().path("id");
        given().get("/api/v1/tasks/" + id).then().statusCode(200)
                .body("searchMode", equalTo("random"))
                .body("searchModeReason", containsString("maxExecutions 12"));
        given().contentType(ContentType.JSON).body(bayesian(30, ""))
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("searchMode", equalTo("bayesian"))
                .body("searchModeReason", containsString("first 20 executions are random"));
        given().contentType(ContentType.JSON).body(bayesian(12, ", \"randomStartup\": 4"))
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("searchMode", equalTo("bayesian"))
                .body("searchModeReason", containsString("randomStartup 4"));
        given().contentType(ContentType.JSON).body("""
                {"name": "g", "type": "grid-search", "command": "run",
                 "parameters": [{"name": "a", "style": "multiple", "rules": {"items": [1, 2]}}]}
                """)
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("type", equalTo("grid_search"))
                .body("searchMode", equalTo("grid"));
    }

    @Test
    void typeNamesAndOnChildErrorAreNormalized() {
        String body = EXAMPLE.replace("\"random_search\"", "\"RANDOM-SEARCH\"")
                .replace("\"seed\": 7", "\"seed\": 7, \"onChildError\": \"Continue_And_Complete\"");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("type", equalTo("random_search"))
                .body("spec.type", equalTo("random_search"))
                .body("spec.onChildError", equalTo("continue-and-complete"));
        given().contentType(ContentType.JSON).body(bayesian(30, ", \"onChildError\": \"stop_all_and_error\""))
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("spec.onChildError", equalTo("stop-all-and-error"));
        given().contentType(ContentType.JSON).body(bayesian(30, ", \"onChildError\": \"continue\""))
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("onChildError")))
                .body("errors[0].message", containsString("continue-and-complete"));
    }

    @Test
    void stopConditionIsAnotherNameForEarlyStopping() {
        given().contentType(ContentType.JSON).body(bayesian(30, ", \"stopCondition\": \"acc > 0.9\""))
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("spec.earlyStopping", equalTo("acc > 0.9"));
        given().contentType(ContentType.JSON)
                .body(bayesian(30, ", \"stopCondition\": \"acc > 0.9\", \"earlyStopping\": \"acc > 0.9\""))
                .when().post("/api/v1/tasks")
                .then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(bayesian(30, ", \"stopCondition\": \"acc > 0.9\", \"earlyStopping\": \"acc > 0.8\""))
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("stopCondition")));
        given().contentType(ContentType.JSON).body(bayesian(30, ", \"stopCondition\": \"acc >\""))
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("stopCondition")))
                .body("errors[0].value", equalTo("acc >"))
                .body("errors[0].message", containsString("position"));
    }

    @Test
    void queueCapTimeLimitAndBatchingAreValidated() {
        given().contentType(ContentType.JSON).body(bayesian(30,
                        ", \"maximumQueuedExecutions\": 3, \"timeLimitSeconds\": 600, \"batching\": \"ASYNCHRONOUS\""))
                .when().post("/api/v1/tasks")
                .then().statusCode(201)
                .body("spec.maximumQueuedExecutions", equalTo(3))
                .body("spec.timeLimitSeconds", equalTo(600))
                .body("spec.batching", equalTo("asynchronous"));
        given().contentType(ContentType.JSON).body(bayesian(30,
                        ", \"maximumQueuedExecutions\": 0, \"timeLimitSeconds\": 0, \"batching\": \"eventually\""))
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors.field", hasItems("maximumQueuedExecutions", "timeLimitSeconds", "batching"))
                .body("errors.find { it.field == 'batching' }.message", containsString("synchronous"))
                .body("errors.find { it.field == 'timeLimitSeconds' }.value", equalTo(0));
        given().contentType(ContentType.JSON).body(bayesian(30, ", \"maximumQueuedExecutions\": \"many\""))
                .when().post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("maximumQueuedExecutions"));
    }
}
