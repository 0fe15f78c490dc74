package io.parzen.executor.kubernetes;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution environment of kind {@code kubernetes}: where its Jobs go and what they get.
 *
 * @param name the environment's name (as in {@code SuggestionRequested.environment})
 * @param namespace the namespace of its Jobs, Pods and ConfigMaps
 * @param image the image of a step that names none (null: such a step is refused)
 * @param cpu the CPU request and limit of each pod (Kubernetes quantity, e.g. {@code 1}, {@code 500m}); null = none
 * @param memory the memory request and limit (e.g. {@code 2Gi}); null = none
 * @param gpu how many {@code nvidia.com/gpu} each pod gets; 0 = none
 * @param serviceAccount the pods' service account; null = the namespace's default
 * @param imagePullSecret the pods' image pull secret; null = none
 * @param imagePullGrace how long a pod may wait for its image before the execution is {@code crashed}
 *                       ({@code image-pull-failed})
 */
public record KubernetesEnvironment(String name, String namespace, String image, String cpu, String memory, int gpu,
        String serviceAccount, String imagePullSecret, Duration imagePullGrace) {

    /** The default grace for an image pull that fails ({@code ErrImagePull}, {@code ImagePullBackOff}). */
    public static final Duration DEFAULT_IMAGE_PULL_GRACE = Duration.ofMinutes(2);

    public KubernetesEnvironment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        if (gpu < 0) {
            throw new IllegalArgumentException("parzen.executor.kubernetes.\"" + name + "\".gpu is " + gpu
                    + ": it must be 0 or more");
        }
        imagePullGrace = imagePullGrace == null ? DEFAULT_IMAGE_PULL_GRACE : imagePullGrace;
    }

    /** The image of a step: its own, else this environment's default. */
    public String imageFor(String stepImage) {
        String chosen = stepImage != null && !stepImage.isBlank() ? stepImage : image;
        if (chosen == null || chosen.isBlank()) {
            throw new IllegalArgumentException("the step has no image and environment '" + name
                    + "' has no default (parzen.executor.kubernetes.\"" + name + "\".image)");
        }
        return chosen;
    }

    /** From the configuration of one environment. */
    static KubernetesEnvironment of(String name, KubernetesConfig.Environment c) {
        return new KubernetesEnvironment(name, c.namespace(), c.image().orElse(null), c.cpu().orElse(null),
                c.memory().orElse(null), c.gpu(), c.serviceAccount().orElse(null), c.imagePullSecret().orElse(null),
                c.imagePullGrace());
    }

    static String orNull(Optional<String> o) {
        return o.orElse(null);
    }
}
