package io.parzen.deploy.loadbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code POST /tasks} with a long timeout: under load task-service may answer slowly, and a client that
 * gives up early (the launcher's {@code Http} waits 10 s) leaves a task behind that the benchmark
 * would not know of, yet still runs.
 */
final class TaskPoster {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String url;
    private final String token;
    private final Duration timeout;

    TaskPoster(String url, String token, Duration timeout) {
        this.url = url;
        this.token = token;
        this.timeout = timeout;
    }

    /** The created task's id, or an exception naming the status and body. */
    String create(String body) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body());
        } catch (IOException e) {
            // not JSON
        }
        if (r.statusCode() != 201 || json == null || !json.hasNonNull("id")) {
            String b = r.body() == null ? "" : r.body();
            throw new IOException("HTTP " + r.statusCode() + ": " + (b.length() > 300 ? b.substring(0, 300) + "…" : b));
        }
        return json.get("id").asText();
    }
}
