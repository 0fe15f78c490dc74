package io.parzen.task.tasks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closed by default: with no public key configured the service starts, and every protected endpoint answers 401. */
@QuarkusTest
@TestProfile(NoKeyConfiguredTest.NoKey.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class NoKeyConfiguredTest {

    /** The test profile without the test key (as if PARZEN_JWT_PUBLIC_KEY were unset). */
    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.mp.jwt.verify.publickey.location", "NONE", "mp.jwt.verify.publickey.location", "NONE");
        }
    }

    @Test
    void aValidTokenIsRefusedBecauseNothingCanVerifyIt() {
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/tasks")
                .then().statusCode(401).body("reason", equalTo("invalid"));
        given().get("/api/v1/tasks").then().statusCode(401).body("reason", equalTo("missing"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
