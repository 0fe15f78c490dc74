package io.parzen.optimizer.service.support;

import io.parzen.auth.testing.DefaultToken;
import io.parzen.auth.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every flow test of optimizer-service starts from: a client of the test broker ({@link #kafka}, open for the
 * whole class) and an admin token for its REST calls (for each test). A subclass is a {@code @QuarkusTest} with the
 * Kafka and PostgreSQL test resources.
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
}
