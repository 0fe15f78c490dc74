package io.parzen.executor.inputs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server (the JDK's) for input tests: {@code /data/<anything>} serves a small CSV,
 * {@code /etag/<anything>} the same with an ETag (answering 304 to a matching If-None-Match),
 * {@code /big/<anything>} more than a mebibyte, anything else 404. It counts requests per path.
 */
public final class TestHttpServer implements AutoCloseable {

    public static final String CSV = "a,b\n1,2\n3,4\n";

    private final HttpServer server;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();

    public TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            byte[] body;
            int status = 200;
            if (path.startsWith("/data/")) {
                body = CSV.getBytes(StandardCharsets.UTF_8);
            } else if (path.startsWith("/etag/")) {
                exchange.getResponseHeaders().add("ETag", "\"v1\"");
                if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    notModified.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                    return;
                }
                body = CSV.getBytes(StandardCharsets.UTF_8);
            } else if (path.startsWith("/big/")) {
                body = new byte[1536 * 1024];
            } else {
                body = "not found".getBytes(StandardCharsets.UTF_8);
                status = 404;
            }
            // /big/chunked/ hides its length, so the limit is enforced while streaming
            exchange.sendResponseHeaders(status, path.startsWith("/big/chunked/") ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    public int notModified(String path) {
        AtomicInteger n = notModified.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
