package io.parzen.executor.confinement;

import io.parzen.executor.Fixtures;
import io.parzen.auth.testing.AsOperator;
import org.junit.jupiter.api.extension.ExtendWith;


import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.started;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.SuggestionRequested;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Executions get a clean environment and run only inside the allowed roots (in tests
 * {@code target/test-classes}, the base dir), never through a shell.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@ExtendWith(AsOperator.class)
class ConfinementFlowTest {


    private static final Set<String> PARZEN_SET = Set.of("PARZEN_EXECUTION_ID", "PARZEN_TASK_ID", "PARZEN_ATTEMPT",
            "PARZEN_EXECUTION_DIR", "PARZEN_CONFIG_DIR", "PARZEN_OUTPUTS_DIR", "PYTHONUNBUFFERED",
            // Valohai's conventions (ValohaiEnvironment), set by Parzen for every execution
            "VH_CONFIG_DIR", "VH_INPUTS_DIR", "VH_OUTPUTS_DIR", "VH_REPOSITORY_DIR", "VH_JOB_ID");

    private static SuggestionRequested request(String taskId, String command, String workingDirectory,
            Map<String, String> env) {
        return new SuggestionRequested(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(),
                Events.executionId(taskId, 1), 1, 1, Map.of(), "random", command, workingDirectory, null, null, env);
    }

    /** The path of the python3 interpreter (behind any launcher script on the PATH). */
    private static String realPython() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        String path = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).isZero();
        return path;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dump(String executionId) throws Exception {
        JsonPath view = given().get("/api/v1/executions/{id}", executionId).then().statusCode(200).extract().jsonPath();
        Path file = Path.of(view.getString("outputsPath")).resolve("env.json");
        return Events.mapper().readValue(file.toFile(), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExecutionSeesTheAllowListItsOwnVariablesAndWhatTheTaskDeclaresNothingElse() throws Exception {
        // the test JVM (the service) has secrets in its environment, set by the pom
        assertThat(System.getenv("PARZEN_DB_PASSWORD")).isEqualTo("env-test-db-password");
        assertThat(System.getenv("AWS_SECRET_ACCESS_KEY")).isNotBlank();
        String taskId = newTaskId();
        // the interpreter itself, not a launcher script (pyenv's shim is a shell script that adds variables)
        SuggestionRequested r = request(taskId, realPython() + " env_dump.py", "scripts",
                Map.of("OMP_NUM_THREADS", "1", "MY_SETTING", "a value with spaces $HOME"));
        Fixtures.kafka().send(r);
        assertThat(awaitFinished(r.executionId()).status()).isEqualTo(ExecutionFinished.COMPLETE);

        Map<String, String> env = (Map<String, String>) dump(r.executionId()).get("env");
        assertThat(env).containsEntry("OMP_NUM_THREADS", "1").containsEntry("MY_SETTING", "a value with spaces $HOME")
                .containsEntry("PARZEN_EXECUTION_ID", r.executionId()).containsEntry("PARZEN_TASK_ID", taskId)
                .containsEntry("PYTHONUNBUFFERED", "1");
        assertThat(env).doesNotContainKeys("PARZEN_DB_PASSWORD", "QUARKUS_DATASOURCE_PASSWORD",
                "AWS_SECRET_ACCESS_KEY", "PARZEN_ENV_TEST_TOKEN", "KAFKA_BOOTSTRAP_SERVERS", "JAVA_HOME", "CLASSPATH");
        assertThat(env.values()).noneMatch(v -> v.contains("env-test-"));
        if (System.getenv("PATH") != null) {
            assertThat(env).containsEntry("PATH", System.getenv("PATH"));
        }
        // every variable is accounted for: the allow-list, Parzen's own, the declared ones
        Set<String> unexplained = new HashSet<>(env.keySet());
        unexplained.removeIf(name -> CleanEnvironment.isInherited(name) || PARZEN_SET.contains(name)
                || name.equals("OMP_NUM_THREADS") || name.equals("MY_SETTING"));
        assertThat(unexplained).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void nothingGoesThroughAShell() throws Exception {
        String taskId = newTaskId();
        SuggestionRequested r = request(taskId, "python3 env_dump.py ; touch pwned && echo $(id) `id` > x", "scripts",
                null);
        Fixtures.kafka().send(r);
        assertThat(awaitFinished(r.executionId()).status()).isEqualTo(ExecutionFinished.COMPLETE);
        List<String> argv = (List<String>) dump(r.executionId()).get("argv");
        assertThat(argv).containsExactly(";", "touch", "pwned", "&&", "echo", "$(id)", "`id`", ">", "x");
        Path scripts = Path.of("target/test-classes/scripts");
        assertThat(scripts.resolve("pwned")).doesNotExist();
        assertThat(scripts.resolve("x")).doesNotExist();
    }

    @Test
    void dotDotOutOfTheAllowedRootsEndsInErrorWithTheReason() {
        String taskId = newTaskId();
        SuggestionRequested r = request(taskId, "python3 env_dump.py", "scripts/../..", null);
        Fixtures.kafka().send(r);
        ExecutionFinished done = awaitFinished(r.executionId());
        assertThat(done.status()).isEqualTo(ExecutionFinished.ERROR);
        assertThat(done.reason()).contains("outside the allowed roots").contains("parzen.executor.allowed-roots");
        assertThat(started(r.executionId())).isEmpty();
    }

    @Test
    void aSymlinkOutOfTheAllowedRootsEndsInErrorWithItsRealPath() throws Exception {
        Path outside = Files.createDirectories(Path.of("target/outside-the-roots")).toRealPath();
        Path link = Path.of("target/test-classes/link-out-" + System.nanoTime());
        Files.createSymbolicLink(link, outside);
        try {
            String taskId = newTaskId();
            SuggestionRequested r = request(taskId, "python3 env_dump.py", link.getFileName().toString(), null);
            Fixtures.kafka().send(r);
            ExecutionFinished done = awaitFinished(r.executionId());
            assertThat(done.status()).isEqualTo(ExecutionFinished.ERROR);
            assertThat(done.reason()).contains("real path " + outside).contains("outside the allowed roots");
            assertThat(started(r.executionId())).isEmpty();
        } finally {
            Files.deleteIfExists(link);
        }
    }
}
