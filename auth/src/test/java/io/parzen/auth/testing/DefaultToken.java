package io.parzen.auth.testing;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;

/**
 * Sets the token every RestAssured request of a test sends unless it says otherwise, so that tests
 * written before authentication keep their requests unchanged. Call {@link #clear()} after each test.
 */
public final class DefaultToken {

    private DefaultToken() {
    }

    public static void use(String token) {
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + token)
                .build();
    }

    public static void clear() {
        RestAssured.requestSpecification = null;
    }
}
