package io.parzen.executor.confinement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanEnvironmentTest {

    private static Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", "/home/parzen");
        env.put("LANG", "C.UTF-8");
        env.put("LC_ALL", "C.UTF-8");
        env.put("TZ", "UTC");
        env.put("TMPDIR", "/tmp");
        env.put("PARZEN_DB_PASSWORD", "secret");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "secret");
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        env.put("PARZEN_EXECUTOR_DATA_DIR", "/var/parzen");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("JAVA_HOME", "/opt/java");
        return env;
    }

    @Test
    void onlyTheAllowListIsTakenFromTheService() {
        Map<String, String> env = CleanEnvironment.build(serviceEnvironment(), null, Map.of("PARZEN_EXECUTION_ID", "t-1"));
        assertThat(env).containsOnlyKeys("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "PARZEN_EXECUTION_ID");
        assertThat(env).containsEntry("PATH", "/usr/bin:/bin").containsEntry("PARZEN_EXECUTION_ID", "t-1");
        assertThat(env.values()).doesNotContain("secret");
    }

    @Test
    void declaredVariablesAreAddedAndParzenVariablesWin() {
        Map<String, String> declared = new LinkedHashMap<>();
        declared.put("OMP_NUM_THREADS", "1");
        declared.put("LANG", "de_DE.UTF-8");
        declared.put("PARZEN_EXECUTION_ID", "forged");
        Map<String, String> env = CleanEnvironment.build(serviceEnvironment(), declared,
                Map.of("PARZEN_EXECUTION_ID", "t-1"));
        assertThat(env).containsEntry("OMP_NUM_THREADS", "1").containsEntry("LANG", "de_DE.UTF-8")
                .containsEntry("PARZEN_EXECUTION_ID", "t-1").doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void inheritedNames() {
        assertThat(CleanEnvironment.isInherited("LC_CTYPE")).isTrue();
        assertThat(CleanEnvironment.isInherited("PATH")).isTrue();
        assertThat(CleanEnvironment.isInherited("PATHEXT")).isFalse();
        assertThat(CleanEnvironment.isInherited("LD_PRELOAD")).isFalse();
        assertThat(CleanEnvironment.isInherited("PARZEN_DB_PASSWORD")).isFalse();
    }
}
