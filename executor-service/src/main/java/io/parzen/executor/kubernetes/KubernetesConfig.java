package io.parzen.executor.kubernetes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The environments of kind {@code kubernetes}: {@code parzen.executor.kubernetes."NAME".namespace|image|cpu|memory|gpu|
 * service-account|image-pull-secret|image-pull-grace}. An environment named here runs its executions as Kubernetes
 * Jobs; the cluster is the one of {@code quarkus.kubernetes-client.*} (in a pod: its service account).
 */
@ConfigMapping(prefix = "parzen.executor.kubernetes")
public interface KubernetesConfig {

    /** The environments by name. */
    @WithParentName
    Map<String, Environment> environments();

    /** One environment. */
    interface Environment {

        /** The namespace of its Jobs, Pods and ConfigMaps. */
        String namespace();

        /** The image of a step that names none. */
        Optional<String> image();

        /** CPU request and limit of each pod (e.g. {@code 1}, {@code 500m}). */
        Optional<String> cpu();

        /** Memory request and limit of each pod (e.g. {@code 2Gi}). */
        Optional<String> memory();

        /** {@code nvidia.com/gpu} of each pod. */
        @WithDefault("0")
        int gpu();

        /** The pods' service account. */
        Optional<String> serviceAccount();

        /** The pods' image pull secret. */
        Optional<String> imagePullSecret();

        /** How long a pod may fail to pull its image before its execution is crashed ({@code image-pull-failed}). */
        @WithDefault("2m")
        Duration imagePullGrace();
    }
}
