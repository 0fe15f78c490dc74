package io.parzen.optimizer.service.support;

import static io.restassured.RestAssured.given;

import io.parzen.auth.testing.DefaultToken;
import io.parzen.auth.testing.TestTokens;
import io.parzen.events.Events;
import io.parzen.events.SuggestionRequested;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every flow test of optimizer-service starts from: a client of the test broker ({@link #kafka}, open for the
 * whole class) and an admin token for its REST calls (for each test), and what they read back: the suggestions of
 * records and a study through the REST API. A subclass is a {@code @QuarkusTest} with the Kafka and PostgreSQL test
 * resources.
 */
public abstract class FlowTest {

    protected static KafkaTestClient kafka;

    @BeforeAll
    static void connect() throws Exception {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() throws Exception {
        kafka.close();
    }

    @BeforeEach
    void actAsAnAdmin() {
        DefaultToken.use(TestTokens.admin());
    }

    @AfterEach
    void forgetTheToken() {
        DefaultToken.clear();
    }

    /** The {@code SuggestionRequested} each record carries; fails the test on a record that is not one. */
    protected static List<SuggestionRequested> suggestions(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> {
            try {
                return Events.mapper().readValue(r.value(), SuggestionRequested.class);
            } catch (Exception e) {
                throw new AssertionError("not a SuggestionRequested: " + r.value(), e);
            }
        }).toList();
    }

    /** {@code GET /api/v1/studies/{id}}, which must answer 200. */
    protected static JsonPath study(String taskId) {
        return given().get("/api/v1/studies/{id}", taskId).then().statusCode(200).extract().jsonPath();
    }
}
