package io.parzen.executor.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parzen.events.Events;
import io.parzen.executor.config.ExecutorConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor's download cache for {@code http(s)://} inputs, in its state folder
 * ({@code parzen.executor.inputs.cache-dir}): one entry per URL ({@code <sha256(url)>/data} and
 * {@code meta.json} with the URL, size, SHA-256, ETag and Last-Modified). An entry is used only while
 * its content still has the recorded SHA-256; when the server gave an ETag or Last-Modified, it is
 * revalidated with a conditional request (304: reuse). Downloads are streamed to disk, cut off beyond
 * {@code parzen.executor.inputs.max-size}, and moved into place atomically.
 */
@ApplicationScoped
public class InputCache {

    /** A cached file. */
    public record Entry(Path data, long size, String sha256) {
    }

    @Inject
    ExecutorConfig config;

    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private volatile HttpClient client;

    /**
     * The cached content of {@code url}, downloaded if missing, changed or corrupt.
     *
     * @throws InputException if the download fails, the server answers other than 200/304, or it is too large
     */
    public Entry get(String url) throws InputException {
        Path dir = config.effectiveInputCacheDir().resolve(sha256Hex(url));
        synchronized (locks.computeIfAbsent(url, k -> new Object())) {
            try {
                Files.createDirectories(dir);
                ObjectNode meta = readMeta(dir);
                Path data = dir.resolve("data");
                boolean valid = meta != null && Files.isRegularFile(data)
                        && meta.path("sha256").asText().equals(sha256Of(data));
                if (valid && !meta.hasNonNull("etag") && !meta.hasNonNull("lastModified")) {
                    return entry(data, meta);
                }
                return download(url, dir, valid ? meta : null);
            } catch (IOException e) {
                throw new InputException("cannot fetch " + url + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InputException("fetching " + url + " was interrupted", e);
            }
        }
    }

    private Entry download(String url, Path dir, ObjectNode cached) throws IOException, InterruptedException,
            InputException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.inputs().timeout()).GET();
        if (cached != null && cached.hasNonNull("etag")) {
            request.header("If-None-Match", cached.get("etag").asText());
        }
        if (cached != null && cached.hasNonNull("lastModified")) {
            request.header("If-Modified-Since", cached.get("lastModified").asText());
        }
        HttpResponse<InputStream> response = client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 304 && cached != null) {
                Log.debugf("input %s: not modified, cached copy used", url);
                return entry(dir.resolve("data"), cached);
            }
            if (response.statusCode() != 200) {
                throw new InputException("cannot fetch " + url + ": HTTP " + response.statusCode());
            }
            long max = config.inputs().maxSize().asLongValue();
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > max) {
                throw new InputException(url + " is " + declared + " bytes, more than parzen.executor.inputs.max-size ("
                        + max + " bytes)");
            }
            Path tmp = dir.resolve("download-" + UUID.randomUUID());
            MessageDigest sha = sha256();
            long size = 0;
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = body.read(buffer)) > 0) {
                        size += n;
                        if (size > max) {
                            throw new InputException(url + " is larger than parzen.executor.inputs.max-size (" + max
                                    + " bytes); download cut off");
                        }
                        sha.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                }
                Path data = dir.resolve("data");
                Files.move(tmp, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                ObjectNode meta = Events.mapper().createObjectNode();
                meta.put("url", url);
                meta.put("size", size);
                meta.put("sha256", HexFormat.of().formatHex(sha.digest()));
                response.headers().firstValue("ETag").ifPresent(v -> meta.put("etag", v));
                response.headers().firstValue("Last-Modified").ifPresent(v -> meta.put("lastModified", v));
                Path metaTmp = dir.resolve("meta-" + UUID.randomUUID());
                Files.writeString(metaTmp, meta.toString(), StandardCharsets.UTF_8);
                Files.move(metaTmp, dir.resolve("meta.json"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                Log.infof("input %s: %d bytes downloaded", url, size);
                return entry(data, meta);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(config.inputs().connectTimeout())
                            .followRedirects(HttpClient.Redirect.NORMAL).build();
                }
                c = client;
            }
        }
        return c;
    }

    private static Entry entry(Path data, JsonNode meta) {
        return new Entry(data, meta.path("size").asLong(), meta.path("sha256").asText());
    }

    private static ObjectNode readMeta(Path dir) {
        Path file = dir.resolve("meta.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode node = Events.mapper().readTree(file.toFile());
            return node instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** SHA-256 of a file, lowercase hex. */
    static String sha256Of(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
