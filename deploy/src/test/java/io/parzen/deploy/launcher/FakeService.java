package io.parzen.deploy.launcher;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for a service's fast-jar in {@link ParzenSystemTest}: serves {@code /q/health/ready} on
 * {@code QUARKUS_HTTP_HOST}:{@code QUARKUS_HTTP_PORT}, prints the environment it got, and exits with status 3 at once if the
 * file {@code <PARZEN_EXECUTOR_DATA_DIR>/../fail-<component>} exists.
 */
public final class FakeService {

    public static void main(String[] args) throws Exception {
        String name = System.getProperty("parzen.component");
        Path state = Path.of(System.getenv("PARZEN_EXECUTOR_DATA_DIR")).getParent();
        System.out.println("fake " + name + " KAFKA_BOOTSTRAP_SERVERS=" + System.getenv("KAFKA_BOOTSTRAP_SERVERS")
                + " PARZEN_DB_URL=" + System.getenv("PARZEN_DB_URL"));
        System.out.println("fake " + name + " PARZEN_HTTP_HOST=" + System.getenv("PARZEN_HTTP_HOST")
                + " PARZEN_JWT_PUBLIC_KEY=" + System.getenv("PARZEN_JWT_PUBLIC_KEY")
                + " PARZEN_JWT_ISSUER=" + System.getenv("PARZEN_JWT_ISSUER"));
        if (Files.exists(state.resolve("fail-" + name))) {
            System.out.println("fake " + name + ": failing on purpose");
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(System.getenv("QUARKUS_HTTP_HOST"), port), 10);
        server.createContext("/q/health/ready", ex -> {
            byte[] body = "{\"status\":\"UP\",\"checks\":[]}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            System.out.println("fake " + name + ": stopped");
            done.countDown();
        }));
        done.await();
    }
}
