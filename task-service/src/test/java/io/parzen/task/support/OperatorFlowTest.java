package io.parzen.task.support;

import io.parzen.auth.testing.DefaultToken;
import io.parzen.auth.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What task-service's flow tests that act as an operator start from: a client of the test broker ({@link #kafka},
 * open for the whole class) and an operator token for their REST calls (for each test). A subclass is a
 * {@code @QuarkusTest} with the Kafka and PostgreSQL test resources.
 */
public abstract class OperatorFlowTest {

    protected static KafkaSupport kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaSupport();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void actAsAnOperator() {
        DefaultToken.use(TestTokens.operator());
    }

    @AfterEach
    void forgetTheToken() {
        DefaultToken.clear();
    }
}
