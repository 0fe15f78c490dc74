package io.parzen.deploy.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The REST calls of {@code ./parzen tasks}: task-service for tasks, executor-service for logs. Every
 * failure becomes a {@link CliException} that says what to do (no token, a refused token, a service
 * that does not answer, an unknown id).
 */
public final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String taskUrl;
    private final String executorUrl;
    private final String token;

    /**
     * @param taskUrl task-service's base URL, e.g. {@code http://127.0.0.1:8081}
     * @param executorUrl executor-service's base URL
     */
    public ApiClient(String taskUrl, String executorUrl, String token) {
        this.taskUrl = trimSlash(taskUrl);
        this.executorUrl = trimSlash(executorUrl);
        this.token = token;
    }

    public JsonNode createTask(String json, String project) throws CliException {
        return json(send(taskUrl, "/api/v1/tasks" + query("project", project), "POST", "application/json", json,
                "application/json"));
    }

    public JsonNode createFromBlueprint(String yaml, String task, String project) throws CliException {
        String q = query("task", task);
        String p = query("project", project);
        String both = q.isEmpty() ? p : p.isEmpty() ? q : q + "&" + p.substring(1);
        return json(send(taskUrl, "/api/v1/tasks/from-blueprint" + both, "POST", "application/yaml", yaml,
                "application/json"));
    }

    public JsonNode listTasks(String status, String project, int page, int size) throws CliException {
        StringBuilder q = new StringBuilder("?page=" + page + "&size=" + size);
        if (status != null) {
            q.append("&status=").append(encode(status));
        }
        if (project != null) {
            q.append("&project=").append(encode(project));
        }
        return json(send(taskUrl, "/api/v1/tasks" + q, "GET", null, null, "application/json"));
    }

    public JsonNode task(String id) throws CliException {
        return json(send(taskUrl, "/api/v1/tasks/" + encode(id), "GET", null, null, "application/json"));
    }

    public JsonNode executions(String id) throws CliException {
        return json(send(taskUrl, "/api/v1/tasks/" + encode(id) + "/executions", "GET", null, null,
                "application/json"));
    }

    /** {@code GET /api/v1/tasks/{id}/changes[?since=cursor]}. */
    public JsonNode changes(String id, String cursor) throws CliException {
        return json(send(taskUrl, "/api/v1/tasks/" + encode(id) + "/changes" + query("since", cursor), "GET", null,
                null, "application/json"));
    }

    public JsonNode stop(String id) throws CliException {
        return json(send(taskUrl, "/api/v1/tasks/" + encode(id) + "/stop", "POST", "application/json", "",
                "application/json"));
    }

    /** The executor's view of one execution (its status). */
    public JsonNode execution(String executionId) throws CliException {
        return json(send(executorUrl, "/api/v1/executions/" + encode(executionId), "GET", null, null,
                "application/json"));
    }

    /** A piece of an execution's log from {@code offset} and the offset to ask for next. */
    public record LogChunk(byte[] bytes, long nextOffset) {
    }

    public LogChunk log(String executionId, long offset) throws CliException {
        HttpResponse<byte[]> r = sendBytes(executorUrl, "/api/v1/executions/" + encode(executionId) + "/log?offset="
                + offset, "text/plain");
        String next = r.headers().firstValue("X-Log-Next-Offset").orElse(null);
        long nextOffset;
        try {
            nextOffset = next == null ? offset + r.body().length : Long.parseLong(next.trim());
        } catch (NumberFormatException e) {
            nextOffset = offset + r.body().length;
        }
        return new LogChunk(r.body(), nextOffset);
    }

    private HttpResponse<String> send(String base, String path, String method, String contentType, String body,
            String accept) throws CliException {
        HttpRequest.Builder b = request(base, path, accept);
        if ("POST".equals(method)) {
            b.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.GET();
        }
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", CliException.FAILED);
        }
        check(base, path, r.statusCode(), r.body());
        return r;
    }

    private HttpResponse<byte[]> sendBytes(String base, String path, String accept) throws CliException {
        HttpResponse<byte[]> r;
        try {
            r = client.send(request(base, path, accept).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unreachable(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", CliException.FAILED);
        }
        check(base, path, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return r;
    }

    private HttpRequest.Builder request(String base, String path, String accept) throws CliException {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new CliException("not a URL: " + base + " (give --url like http://127.0.0.1:8081)", CliException.USAGE);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", accept);
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token.trim());
        }
        return b;
    }

    private static CliException unreachable(String base, IOException e) {
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e.getCause() instanceof ConnectException) {
            return new CliException("cannot connect to " + base + ": is Parzen running? Start it with ./parzen up"
                    + " (or give the service's address with --url / PARZEN_TASK_URL, --executor-url / "
                    + "PARZEN_EXECUTOR_URL)", CliException.FAILED);
        }
        if (e instanceof HttpTimeoutException) {
            return new CliException(base + " did not answer in time; ./parzen status shows whether it is ready",
                    CliException.FAILED);
        }
        return new CliException("cannot talk to " + base + ": " + e, CliException.FAILED);
    }

    private void check(String base, String path, int status, String body) throws CliException {
        if (status >= 200 && status < 300) {
            return;
        }
        String why = message(body);
        switch (status) {
            case 401 -> throw new CliException("the service refused the token (401" + (why.isEmpty() ? "" : ": " + why)
                    + "). " + (token == null || token.isBlank() ? "No token was sent. " : "")
                    + "Pass one with --token or the environment variable PARZEN_TOKEN; TOKEN=$(./parzen token) issues "
                    + "one for the local system (it is issued for you when neither is set and a local system's key "
                    + "pair is in the state folder).", CliException.FAILED);
            case 403 -> throw new CliException("the token's role may not do this (403" + (why.isEmpty() ? "" : ": " + why)
                    + "); reading needs viewer, creating and stopping operator: ./parzen token --role operator",
                    CliException.FAILED);
            case 404 -> throw new CliException(why.isEmpty() ? "not found: " + base + path
                    : why + " (or it belongs to a project your token may not see)", CliException.FAILED);
            case 409 -> throw new CliException(why.isEmpty() ? "conflict (409) at " + base + path : why,
                    CliException.FAILED);
            default -> throw new CliException("HTTP " + status + " from " + base + path
                    + (why.isEmpty() ? "" : ":\n" + why), CliException.FAILED);
        }
    }

    /** The body's message, or its errors one per line, or the body itself (shortened). */
    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n.hasNonNull("message")) {
                return n.get("message").asText();
            }
            if (n.path("errors").isArray()) {
                StringBuilder b = new StringBuilder();
                for (JsonNode e : n.get("errors")) {
                    if (b.length() > 0) {
                        b.append('\n');
                    }
                    if (e.hasNonNull("line")) {
                        b.append("line ").append(e.get("line").asInt()).append(", column ")
                                .append(e.path("column").asInt()).append(": ");
                    }
                    if (e.hasNonNull("field") && !e.get("field").asText().isEmpty()) {
                        b.append(e.get("field").asText()).append(": ");
                    } else if (e.hasNonNull("path")) {
                        b.append(e.get("path").asText()).append(": ");
                    }
                    if (e.has("value") && !e.get("value").isNull()) {
                        b.append(e.get("value")).append(' ');
                    }
                    b.append(e.path("message").asText());
                }
                return b.toString();
            }
        } catch (IOException e) {
            // not JSON
        }
        String text = body.strip();
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    private static JsonNode json(HttpResponse<String> r) throws CliException {
        try {
            return JSON.readTree(r.body() == null || r.body().isBlank() ? "null" : r.body());
        } catch (IOException e) {
            throw new CliException("the answer of " + r.uri() + " is not JSON: " + e.getMessage(), CliException.FAILED);
        }
    }

    private static String query(String name, String value) {
        return value == null || value.isBlank() ? "" : "?" + name + "=" + encode(value);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
