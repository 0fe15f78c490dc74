package io.parzen.task.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import io.parzen.auth.testing.TestTokens;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * task-service serves the dashboard: its static files without a token, its page paths as the app's
 * index.html, ECharts from the webjar, and its settings only with a token.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class DashboardTest {

    @Test
    void theAppIsServedWithoutAToken() {
        String index = given().get("/dashboard/").then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(index.contains("/dashboard/js/main.js"), index);
        given().get("/dashboard/js/main.js").then().statusCode(200).body(containsString("takeTokenFromFragment"));
        given().get("/dashboard/css/dashboard.css").then().statusCode(200);
    }

    @Test
    void everyPagePathIsTheApp() {
        for (String path : new String[] {"/dashboard/tasks/3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11",
                "/dashboard/tasks/abc/", "/dashboard/executions/3f0c6a52-8d7e-4d7a-9a51-0b3f4f1d2c11-7",
                "/dashboard/blueprints"}) {
            given().get(path).then().statusCode(200).contentType(startsWith("text/html"))
                    .body(containsString("/dashboard/js/main.js"));
        }
    }

    @Test
    void aMissingFileIsStillA404() {
        given().get("/dashboard/js/nothing-here.js").then().statusCode(404);
        given().get("/dashboard/elsewhere").then().statusCode(404);
    }

    @Test
    void echartsComesFromTheWebjar() {
        byte[] js = given().get("/webjars/echarts/5.3.1/dist/echarts.esm.min.js").then().statusCode(200)
                .extract().asByteArray();
        org.hamcrest.MatcherAssert.assertThat(js.length, greaterThan(100_000));
    }

    @Test
    void theSettingsNeedAToken() {
        given().get("/dashboard/config.json").then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer("default")).get("/dashboard/config.json").then().statusCode(200)
                .body("metricsUrl", equalTo("http://{host}:8084"))
                .body("executorUrl", equalTo("http://{host}:8083"))
                .body("pollMillis", equalTo(2000));
    }
}
