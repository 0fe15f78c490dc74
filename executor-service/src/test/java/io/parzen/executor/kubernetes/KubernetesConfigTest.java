package io.parzen.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environments' settings from environment variables, as deploy/kubernetes sets them. */
class KubernetesConfigTest {

    @Test
    void anEnvironmentIsConfiguredThroughEnvironmentVariables() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KubernetesConfig.class)
                // Quarkus' converter for "2m" and the like
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new EnvConfigSource(Map.of(
                        "PARZEN_EXECUTOR_KUBERNETES_CLUSTER_NAMESPACE", "parzen",
                        "PARZEN_EXECUTOR_KUBERNETES_CLUSTER_IMAGE", "python:3.12-slim",
                        "PARZEN_EXECUTOR_KUBERNETES_CLUSTER_GPU", "2",
                        "PARZEN_EXECUTOR_KUBERNETES_CLUSTER_SERVICE_ACCOUNT", "parzen-step"), 300))
                .build();
        KubernetesConfig mapped = config.getConfigMapping(KubernetesConfig.class);
        assertThat(mapped.environments()).containsOnlyKeys("cluster");
        KubernetesEnvironment env = KubernetesEnvironment.of("cluster", mapped.environments().get("cluster"));
        assertThat(env.namespace()).isEqualTo("parzen");
        assertThat(env.image()).isEqualTo("python:3.12-slim");
        assertThat(env.gpu()).isEqualTo(2);
        assertThat(env.serviceAccount()).isEqualTo("parzen-step");
        assertThat(env.cpu()).isNull();
        assertThat(env.imagePullGrace()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void noEnvironmentByDefault() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(KubernetesConfig.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter()).build();
        assertThat(config.getConfigMapping(KubernetesConfig.class).environments()).isEmpty();
    }
}
