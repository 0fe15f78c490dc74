package io.parzen.task.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.TaskCreated;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.OperatorFlowTest;
import io.parzen.task.support.Simulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A multi-objective task through the REST API, a real broker and a real database: {@code targets} go
 * out in {@code TaskCreated}, and the task view shows the Pareto front and its hypervolume as the
 * executions' results arrive.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class MultiObjectiveTaskTest extends OperatorFlowTest {

    static String create(String referencePoint) {
        String body = """
                {"name": "mo", "type": "random_search", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "targets": [{"metric": "acc", "direction": "maximize"}, {"metric": "latency", "direction": "minimize"}]
                 %s, "maxExecutions": 4, "batchSize": 4}
                """.formatted(referencePoint);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/tasks")
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath task(String id) {
        return given().get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
    }

    static void run(Simulator sim, int seq, String status, double acc, double latency) {
        kafka.send(sim.suggestion(seq, 1, Map.of("x", seq / 10.0)));
        kafka.send(sim.started(seq));
        kafka.send(sim.finished(seq, status, Map.of("acc", acc, "latency", latency)));
    }

    @Test
    void theViewShowsTheFrontAndItsHypervolume() {
        String id = create(", \"referencePoint\": [0.5, 300]");
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.records(Events.TOPIC_TASK_CREATED, id).isEmpty());
        TaskCreated created = KafkaSupport.read(kafka.records(Events.TOPIC_TASK_CREATED, id).get(0).value(), TaskCreated.class);
        assertThat(created.task().target()).isNull();
        assertThat(created.task().targets()).extracting(t -> t.metric()).containsExactly("acc", "latency");
        assertThat(created.task().referencePoint()).containsExactly(0.5, 300.0);

        Simulator sim = new Simulator(id);
        run(sim, 1, "complete", 0.9, 100);
        run(sim, 2, "complete", 0.8, 50);
        run(sim, 3, "complete", 0.7, 120);   // dominated by #1
        run(sim, 4, "error", 0.99, 1);       // not complete: never on the front
        JsonPath[] view = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            view[0] = task(id);
            return view[0].getInt("statusSummary.complete") == 3 && view[0].getInt("statusSummary.error") == 1;
        });
        JsonPath v = view[0];
        List<String> front = v.getList("paretoFront.executionId");
        assertThat(front).containsExactly(Events.executionId(id, 1), Events.executionId(id, 2));
        assertThat(v.getDouble("paretoFront[0].values.acc")).isEqualTo(0.9);
        assertThat(v.getDouble("paretoFront[1].values.latency")).isEqualTo(50.0);
        // slices along latency: [50,100)·(0.8−0.5) + [100,300)·(0.9−0.5) = 15 + 80
        assertThat(v.getDouble("hypervolume")).isCloseTo(95.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(v.getList("referencePoint", Float.class)).containsExactly(0.5f, 300f);
        assertThat(v.getString("referencePointSource")).isEqualTo("task");
        assertThat(v.getString("best")).isNull();
    }

    @Test
    void aTaskWithBothTargetAndTargetsIsRefusedNamingTheField() {
        String body = """
                {"name": "mo", "type": "bayesian_tpe", "engine": "gp", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "target": {"metric": "acc", "direction": "maximize"},
                 "targets": [{"metric": "acc", "direction": "maximize"}, {"metric": "latency", "direction": "sideways"}],
                 "maxExecutions": 4}
                """;
        JsonPath errors = given().contentType(ContentType.JSON).body(body).post("/api/v1/tasks")
                .then().statusCode(400).extract().jsonPath();
        String all = errors.prettify();
        assertThat(all).contains("\"targets\"").contains("targets[1].direction").contains("sideways").contains("engine");
    }
}
