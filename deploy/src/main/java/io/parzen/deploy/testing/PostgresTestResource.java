package io.parzen.deploy.testing;

import io.parzen.deploy.postgres.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real PostgreSQL (zonky embedded) on a free port for a module's {@code @QuarkusTest}s and
 * points the reactive datasource at it. With {@code -Dparzen.test.postgres=postgresql://host:port/db}
 * (and {@code parzen.test.postgres.user}/{@code .password}) an external server is used instead.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgresServer server;

    @Override
    public synchronized Map<String, String> start() {
        String external = System.getProperty("parzen.test.postgres");
        if (external != null && !external.isBlank()) {
            return Map.of(
                    "quarkus.datasource.reactive.url", external,
                    "quarkus.datasource.username", System.getProperty("parzen.test.postgres.user", "postgres"),
                    "quarkus.datasource.password", System.getProperty("parzen.test.postgres.password", "postgres"));
        }
        try {
            if (server == null) {
                server = EmbeddedPostgresServer.start(0, null);
            }
            return Map.of(
                    "quarkus.datasource.reactive.url", server.reactiveUrl("postgres"),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres");
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                // the JVM is ending; the temporary data folder is removed by zonky
            }
            server = null;
        }
    }
}
