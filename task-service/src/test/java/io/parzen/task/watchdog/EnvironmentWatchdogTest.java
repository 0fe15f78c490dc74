package io.parzen.task.watchdog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionHeartbeat;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.TaskCreated;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.OperatorFlowTest;
import io.parzen.task.support.Simulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A task's environment and image (REST), and the watchdog against a real broker and
 * database: environment {@code watchdog-test} has a 3 s start timeout and a 4 s heartbeat timeout
 * (test profile); the executor is played by a plain Kafka producer.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class EnvironmentWatchdogTest extends OperatorFlowTest {

    private static String body(String extra) {
        return """
                {"name": "env", "type": "random_search", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "maxExecutions": 3, "batchSize": 3, "target": {"metric": "acc", "value": 1.0} %s}
                """.formatted(extra);
    }

    private static String create(String extra) {
        return given().contentType(ContentType.JSON).body(body(extra)).post("/api/v1/tasks").then().statusCode(201)
                .extract().path("id");
    }

    private static TaskCreated created(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.records(Events.TOPIC_TASK_CREATED, id).isEmpty());
        return KafkaSupport.read(kafka.records(Events.TOPIC_TASK_CREATED, id).get(0).value(), TaskCreated.class);
    }

    private static SuggestionRequested in(String environment, SuggestionRequested r) {
        return new SuggestionRequested(r.eventId(), r.schemaVersion(), r.taskId(), r.occurredAt(), r.executionId(),
                r.seq(), r.batch(), r.parameters(), r.source(), r.command(), r.workingDirectory(), r.passAs(),
                r.timeLimitSeconds(), r.environmentVariables(), r.commands(), r.inputs(), r.project(), r.multiple(),
                r.multipleSeparator(), environment, null, null);
    }

    private static SuggestionRequested publishedAt(java.time.Instant occurredAt, SuggestionRequested r) {
        return new SuggestionRequested(r.eventId(), r.schemaVersion(), r.taskId(), occurredAt, r.executionId(),
                r.seq(), r.batch(), r.parameters(), r.source(), r.command(), r.workingDirectory(), r.passAs(),
                r.timeLimitSeconds(), r.environmentVariables(), r.commands(), r.inputs(), r.project(), r.multiple(),
                r.multipleSeparator(), r.environment(), null, null);
    }

    private static List<ExecutionFinished> finished(String executionId) {
        return kafka.events(ExecutionFinished.class, f -> f.executionId().equals(executionId));
    }

    private static Map<String, Object> execution(String taskId, String executionId) {
        List<Map<String, Object>> all = given().get("/api/v1/tasks/" + taskId + "/executions").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(e -> executionId.equals(e.get("id")))
                .findFirst().orElse(Map.of());
    }

    @Test
    void environmentAndImageAreTakenShownAndCarried() {
        String id = create(", \"environment\": \"gpu-pool\", \"image\": \"python:3.12\"");
        given().get("/api/v1/tasks/" + id).then().statusCode(200).body("spec.environment", equalTo("gpu-pool"))
                .body("spec.image", equalTo("python:3.12"));
        TaskCreated c = created(id);
        assertThat(c.task().environment()).isEqualTo("gpu-pool");
        assertThat(c.task().image()).isEqualTo("python:3.12");
        assertThat(created(create("")).task().environmentOrDefault()).isEqualTo("local");
    }

    @Test
    void aBadEnvironmentNameIsNamedWithWhatIsAllowed() {
        given().contentType(ContentType.JSON).body(body(", \"environment\": \"GPU pool\"")).post("/api/v1/tasks")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("environment"))
                .body("errors[0].value", equalTo("GPU pool"))
                .body("errors[0].message", containsString("[a-z0-9][a-z0-9._-]{0,62}"));
    }

    @Test
    void anExecutionNobodyTakesCrashesNotStartedAndALaterFinishIsIgnored() {
        String id = create(", \"environment\": \"watchdog-test\", \"maxRetries\": 0"); // the first crash is final
        Simulator sim = new Simulator(id);
        SuggestionRequested request = in("watchdog-test", sim.suggestion(1, 1, Map.of("x", 0.1)));
        kafka.send(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> !finished(request.executionId()).isEmpty());
        ExecutionFinished crash = finished(request.executionId()).get(0);
        assertThat(crash.status()).isEqualTo("crashed");
        assertThat(crash.statusReason()).isEqualTo("not-started");
        assertThat(crash.reason()).contains("watchdog-test").contains("PT3S");
        await().atMost(Duration.ofSeconds(30)).until(() -> "crashed".equals(execution(id, request.executionId()).get("status")));

        // an executor that turns up late: its finish is a twin, the first one counted
        kafka.send(sim.finished(1, "complete", Map.of("acc", 0.9)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> "crashed".equals(execution(id, request.executionId()).get("status")));
        // declared once
        assertThat(finished(request.executionId()).stream().filter(f -> "crashed".equals(f.status()))).hasSize(1);
    }

    @Test
    void aCrashTheWatchdogDeclaresIsRetriedAndTheNewAttemptHasItsOwnStartTimeout() {
        String id = create(", \"environment\": \"watchdog-test\", \"maxRetries\": 1");
        Simulator sim = new Simulator(id);
        SuggestionRequested request = in("watchdog-test", sim.suggestion(1, 1, Map.of("x", 0.1)));
        kafka.send(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> !finished(request.executionId()).isEmpty());
        assertThat(finished(request.executionId()).get(0).attemptOrFirst()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(2).equals(
                execution(id, request.executionId()).get("attempt")));
        assertThat(execution(id, request.executionId()).get("status")).isEqualTo("queued");

        // the optimizer's suggestion of attempt 2; nobody takes it either: crashed again, now as attempt 2 (final)
        kafka.send(request.withAttempt(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> finished(request.executionId()).size() == 2);
        ExecutionFinished second = finished(request.executionId()).get(1);
        assertThat(second.attemptOrFirst()).isEqualTo(2);
        assertThat(second.statusReason()).isEqualTo("not-started");
        await().atMost(Duration.ofSeconds(30)).until(() -> "crashed".equals(execution(id, request.executionId())
                .get("status")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) execution(id, request.executionId())
                .get("attempts");
        assertThat(attempts).extracting(a -> a.get("attempt")).containsExactly(1, 2);
        assertThat(attempts).extracting(a -> a.get("statusReason")).containsExactly("not-started", "not-started");
    }

    @Test
    void aSuggestionReadLateIsTimedFromWhenItWasReadNotFromWhenItWasPublished() {
        // as task-service sees a suggestion under an hour of consumer lag: its start is in the same lag
        String id = create(", \"environment\": \"watchdog-test\", \"maxRetries\": 0");
        Simulator sim = new Simulator(id);
        SuggestionRequested request = publishedAt(java.time.Instant.now().minus(Duration.ofHours(1)),
                in("watchdog-test", sim.suggestion(1, 1, Map.of("x", 0.1))));
        kafka.send(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> "queued".equals(execution(id, request.executionId())
                .get("status")));
        kafka.send(sim.started(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> "started".equals(execution(id, request.executionId())
                .get("status")));
        // the watchdog sweeps every second with a 3 s start timeout: a verdict from occurredAt would have come
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(finished(request.executionId())).isEmpty();
    }

    @Test
    void heartbeatsKeepAnExecutionAliveAndSilenceLosesIt() {
        String id = create(", \"environment\": \"watchdog-test\"");
        Simulator sim = new Simulator(id);
        SuggestionRequested kept = in("watchdog-test", sim.suggestion(1, 1, Map.of("x", 0.1)));
        SuggestionRequested lost = in("watchdog-test", sim.suggestion(2, 1, Map.of("x", 0.2)));
        kafka.send(kept);
        kafka.send(lost);
        kafka.send(sim.started(2));
        // kept: queued and heartbeated every 500 ms for 8 s (past both timeouts)
        long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < until) {
            kafka.send(ExecutionHeartbeat.of(id, "outside@test", "watchdog-test",
                    List.of(new ExecutionHeartbeat.Held(kept.executionId(), 1, ExecutionHeartbeat.QUEUED))));
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        }
        assertThat(finished(kept.executionId())).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> !finished(lost.executionId()).isEmpty());
        ExecutionFinished crash = finished(lost.executionId()).get(0);
        assertThat(crash.status()).isEqualTo("crashed");
        assertThat(crash.statusReason()).isEqualTo("heartbeat-lost");
        assertThat(crash.reason()).contains("PT4S");
        // once the heartbeats stop, the kept one is lost too
        await().atMost(Duration.ofSeconds(30)).until(() -> !finished(kept.executionId()).isEmpty());
        assertThat(finished(kept.executionId()).get(0).statusReason()).isEqualTo("heartbeat-lost");
    }
}
