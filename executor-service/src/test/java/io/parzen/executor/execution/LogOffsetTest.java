package io.parzen.executor.execution;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/executions/{id}/log?offset=N}: the log from a byte offset and where to go on. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class LogOffsetTest {

    @BeforeEach
    void actAsAnAdmin() {
        io.parzen.auth.testing.DefaultToken.use(io.parzen.auth.testing.TestTokens.admin());
    }

    @AfterEach
    void forgetTheToken() {
        io.parzen.auth.testing.DefaultToken.clear();
    }

    @Test
    void theLogFromAnOffsetWithTheNextOffset() {
        SuggestionRequested request = request(newTaskId(), 1, Map.of("steps", 2));
        Fixtures.kafka().send(request);
        awaitFinished(request.executionId());

        String whole = given().get("/api/v1/executions/{id}/log", request.executionId()).then().statusCode(200)
                .extract().asString();
        assertThat(whole).contains("a line on stderr");
        int size = whole.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        Response fromZero = given().get("/api/v1/executions/{id}/log?offset=0", request.executionId());
        fromZero.then().statusCode(200).contentType(containsString("text/plain"));
        assertThat(fromZero.asString()).isEqualTo(whole);
        assertThat(fromZero.header("X-Log-Next-Offset")).isEqualTo(Integer.toString(size));

        Response tail = given().get("/api/v1/executions/{id}/log?offset={o}", request.executionId(), size - 5);
        assertThat(tail.asString()).isEqualTo(whole.substring(whole.length() - 5));
        assertThat(tail.header("X-Log-Next-Offset")).isEqualTo(Integer.toString(size));

        Response end = given().get("/api/v1/executions/{id}/log?offset={o}", request.executionId(), size);
        assertThat(end.asString()).isEmpty();
        assertThat(end.header("X-Log-Next-Offset")).isEqualTo(Integer.toString(size));

        given().get("/api/v1/executions/{id}/log?offset=-1", request.executionId()).then().statusCode(400);
        given().get("/api/v1/executions/{id}/log?offset=0", "nope-1").then().statusCode(404);
        given().auth().oauth2(io.parzen.auth.testing.TestTokens.viewer("elsewhere"))
                .get("/api/v1/executions/{id}/log?offset=0", request.executionId()).then().statusCode(404);
    }
}
