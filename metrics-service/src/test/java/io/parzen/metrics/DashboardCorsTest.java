package io.parzen.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The dashboard (served by task-service, by default on port 8081) calls metrics-service from the
 * browser: its origin is allowed by CORS, every other origin is not, and a token is still needed.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class DashboardCorsTest {

    @Test
    void theDashboardsOriginMayCallWithAToken() {
        for (String origin : new String[] {"http://127.0.0.1:8081", "http://localhost:8081"}) {
            given().header("Origin", origin).header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization")
                    .options("/api/v1/tasks/t1/metrics")
                    .then().statusCode(200)
                    .header("Access-Control-Allow-Origin", equalTo(origin))
                    .header("Access-Control-Allow-Headers", containsString("Authorization"));
        }
    }

    @Test
    void anyOtherOriginIsRefused() {
        given().header("Origin", "http://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/tasks/t1/metrics")
                .then().header("Access-Control-Allow-Origin", not(equalTo("http://evil.example")));
        given().header("Origin", "http://127.0.0.1:9999").auth().oauth2(TestTokens.viewer("default"))
                .get("/api/v1/tasks/t1/metrics")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theOriginDoesNotReplaceTheToken() {
        given().header("Origin", "http://127.0.0.1:8081").get("/api/v1/tasks/t1/metrics").then().statusCode(401);
    }
}
