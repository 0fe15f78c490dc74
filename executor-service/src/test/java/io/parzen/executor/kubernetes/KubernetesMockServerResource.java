package io.parzen.executor.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock API server in CRUD mode (with expectations for what CRUD cannot answer: pod logs) for a Quarkus
 * test: the service's Kubernetes client talks to it; the test plays the kubelet through {@link #server()}.
 */
public class KubernetesMockServerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KubernetesMockServer server;

    /** The running mock server. */
    public static KubernetesMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        String url = server.url("/");
        return Map.of(
                "quarkus.kubernetes-client.api-server-url", url,
                "quarkus.kubernetes-client.trust-certs", "true",
                "quarkus.kubernetes-client.namespace", "parzen-runs",
                // no retries with back-off against the mock: a refused request fails at once
                "quarkus.kubernetes-client.request-retry-backoff-limit", "0");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }
}
