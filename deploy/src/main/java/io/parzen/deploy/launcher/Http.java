package io.parzen.deploy.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small JSON-over-HTTP client (java.net.http + Jackson). With a token ({@link #withToken(String)})
 * every request carries {@code Authorization: Bearer <token>}.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final String token;
    private final Duration timeout;

    public Http() {
        this(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build(), null, DEFAULT_TIMEOUT);
    }

    private Http(HttpClient client, String token, Duration timeout) {
        this.client = client;
        this.token = token;
        this.timeout = timeout;
    }

    /** A client that sends {@code Authorization: Bearer <token>} on every request (null: no header). */
    public Http withToken(String token) {
        return new Http(client, token == null || token.isBlank() ? null : token.trim(), timeout);
    }

    /** A client whose requests wait up to {@code timeout} for an answer (default 10 s). */
    public Http withTimeout(Duration timeout) {
        return new Http(client, token, timeout);
    }

    /** A response: status code and body parsed as JSON (null if the body is not JSON). */
    public record Response(int status, String body, JsonNode json) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Response get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** GET of a plain-text resource (e.g. an execution's log): {@code Accept: text/plain}. */
    public Response getText(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), "text/plain");
    }

    public Response postJson(String url, String json) throws IOException, InterruptedException {
        return post(url, "application/json", json);
    }

    /** POST of a body of the given content type (e.g. {@code application/yaml}). */
    public Response post(String url, String contentType, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return send(b, "application/json");
    }

    private Response send(HttpRequest.Builder b, String accept) throws IOException, InterruptedException {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = client.send(b.header("Accept", accept).timeout(timeout)
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            if (r.body() != null && !r.body().isBlank()) {
                json = JSON.readTree(r.body());
            }
        } catch (IOException e) {
            // not JSON
        }
        return new Response(r.statusCode(), r.body(), json);
    }

    /** Whether {@code /q/health/ready} of the service on this port of 127.0.0.1 answers 200 with status UP. */
    public boolean isReady(int port) {
        return isReady("127.0.0.1", port);
    }

    /** Whether {@code /q/health/ready} of the service at host:port answers 200 with status UP. */
    public boolean isReady(String host, int port) {
        try {
            String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            Response r = get("http://" + h + ":" + port + "/q/health/ready");
            return r.status() == 200 && r.json() != null && "UP".equals(r.json().path("status").asText());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether a GET of the URL answers 2xx. */
    public boolean exists(String url) {
        try {
            return get(url).ok();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
