package io.parzen.auth.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(AsOperator.class)}: every RestAssured request of each test sends an operator
 * token of the {@code default} project ({@link TestTokens#operator()}) unless it sets its own; the
 * token is forgotten after the test.
 */
public final class AsOperator implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        DefaultToken.use(TestTokens.operator());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        DefaultToken.clear();
    }
}
