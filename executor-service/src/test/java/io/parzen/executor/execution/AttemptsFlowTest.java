package io.parzen.executor.execution;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.finished;
import static io.parzen.executor.Fixtures.metrics;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static io.parzen.executor.Fixtures.started;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionHeartbeat;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.MetricLogged;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.Fixtures;
import io.parzen.executor.process.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attempts (ADR 0023): a later attempt of an execution runs again in its own folder, a replayed or an earlier
 * attempt never runs, every event names its attempt, each attempt's log stays readable; a folder that cannot be
 * written ends the attempt crashed / workspace-error.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AttemptsFlowTest {

    @Inject
    Workspace workspace;

    @BeforeEach
    void actAsAnAdmin() {
        io.parzen.auth.testing.DefaultToken.use(io.parzen.auth.testing.TestTokens.admin());
    }

    @AfterEach
    void forgetTheToken() {
        io.parzen.auth.testing.DefaultToken.clear();
    }

    @Test
    void aLaterAttemptRunsAgainInItsOwnFolderAndReplaysNeverRunTwice() throws Exception {
        String taskId = newTaskId();
        SuggestionRequested first = request(taskId, 1, Map.of("steps", 2));
        String id = first.executionId();
        Fixtures.kafka().send(first);
        ExecutionFinished one = awaitFinished(id);
        assertThat(one.status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(one.attempt()).isEqualTo(1);

        SuggestionRequested second = first.withAttempt(2);
        Fixtures.kafka().send(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> finished(id).size() == 2);
        ExecutionFinished two = finished(id).get(1);
        assertThat(two.status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(two.attempt()).isEqualTo(2);
        assertThat(started(id)).extracting(ExecutionStarted::attempt).containsExactly(1, 2);
        assertThat(metrics(id)).filteredOn(m -> m.attempt() == 2).extracting(MetricLogged::sequence)
                .containsExactlyInAnyOrder(1, 2);
        assertThat(metrics(id)).filteredOn(m -> m.attempt() == 1).hasSize(2);
        assertThat(Fixtures.kafka().events(ExecutionHeartbeat.class, h -> h.taskId().equals(taskId)))
                .flatExtracting(ExecutionHeartbeat::executions).extracting(ExecutionHeartbeat.Held::attempt)
                .contains(1, 2).doesNotContainNull();

        // the same attempt replayed (a new event) and an earlier attempt: neither runs
        Fixtures.kafka().send(first.withAttempt(2));
        Fixtures.kafka().send(first.withAttempt(1));
        // a marker request of the same task sent afterwards: once it ran, the two before it were consumed
        SuggestionRequested marker = request(taskId, 2, Map.of("steps", 1));
        Fixtures.kafka().send(marker);
        awaitFinished(marker.executionId());
        assertThat(started(id)).hasSize(2);
        assertThat(finished(id)).hasSize(2);

        // the view shows the current attempt; each attempt has its own log
        given().get("/api/v1/executions/{id}", id).then().statusCode(200)
                .body("attempt", equalTo(2))
                .body("logPath", endsWith("attempt-2/" + Workspace.LOG_FILE));
        Path attempt1Log = workspace.logFile(taskId, id, 1);
        Path attempt2Log = workspace.logFile(taskId, id, 2);
        assertThat(attempt2Log.getParent().getParent()).isEqualTo(attempt1Log.getParent());
        assertThat(Files.readString(attempt1Log)).contains("attempt=1").doesNotContain("attempt=2");
        given().get("/api/v1/executions/{id}/log", id).then().statusCode(200)
                .body(containsString("attempt=2")).body(not(containsString("attempt=1")));
        given().get("/api/v1/executions/{id}/log?attempt=1", id).then().statusCode(200)
                .body(containsString("attempt=1")).body(not(containsString("attempt=2")));
        given().get("/api/v1/executions/{id}/log?attempt=1&offset=0", id).then().statusCode(200)
                .body(containsString("attempt=1"));
        given().get("/api/v1/executions/{id}/log?attempt=3", id).then().statusCode(404);
        given().get("/api/v1/executions/{id}/log?attempt=0", id).then().statusCode(400);
        given().get("/api/v1/executions/{id}/outputs?attempt=1", id).then().statusCode(200);
    }

    @Test
    void aFileWhereTheTaskFolderShouldBeEndsTheAttemptCrashedWithAWorkspaceError() throws Exception {
        String taskId = newTaskId();
        SuggestionRequested request = request(taskId, 1, Map.of("steps", 1));
        Path taskFolder = workspace.executionDirectory(taskId, request.executionId()).getParent();
        Files.createDirectories(taskFolder.getParent());
        Files.writeString(taskFolder, "not a folder");
        try {
            Fixtures.kafka().send(request);
            ExecutionFinished done = awaitFinished(request.executionId());
            assertThat(done.status()).isEqualTo(ExecutionFinished.CRASHED);
            assertThat(done.statusReason()).isEqualTo("workspace-error");
            assertThat(done.attempt()).isEqualTo(1);
            assertThat(done.reason()).startsWith("cannot write the execution folder "
                    + workspace.executionDirectory(taskId, request.executionId()));
            // a free slot records the start with the acceptance, before the folder is made (ADR 0039): then the
            // failure follows an ExecutionStarted; a queued request ends without one
            assertThat(started(request.executionId())).hasSizeLessThanOrEqualTo(1);
            given().get("/api/v1/executions/{id}", request.executionId()).then().statusCode(200)
                    .body("status", equalTo("crashed")).body("statusReason", equalTo("workspace-error"));

            // once the folder can be written, the next attempt runs
            Files.delete(taskFolder);
            Fixtures.kafka().send(request.withAttempt(2));
            await().atMost(Duration.ofSeconds(30)).until(() -> finished(request.executionId()).size() == 2);
            ExecutionFinished retried = finished(request.executionId()).get(1);
            assertThat(retried.status()).isEqualTo(ExecutionFinished.COMPLETE);
            assertThat(retried.attempt()).isEqualTo(2);
        } finally {
            if (Files.isRegularFile(taskFolder)) {
                Files.delete(taskFolder);
            }
        }
    }
}
