package io.parzen.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.parzen.deploy.kafka.security.TopicAccess;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses every manifest of {@code deploy/kubernetes/} and holds it against the services' configuration: ports and
 * probe paths, environment variable names (each one a property the service reads), Secret references, the Kafka
 * topics and users against {@link TopicAccess}, and the executor's RBAC.
 */
class KubernetesManifestsTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path DIR = REPO.resolve("deploy/kubernetes");
    private static final List<String> SERVICES = List.of("task-service", "optimizer-service", "executor-service",
            "metrics-service");
    /** The Kafka client properties the manifests may set as {@code KAFKA_*} variables (ADR 0007). */
    private static final Set<String> KAFKA_CLIENT = Set.of("bootstrap.servers", "security.protocol", "sasl.mechanism",
            "sasl.jaas.config", "ssl.truststore.location", "ssl.truststore.type", "ssl.truststore.password");
    private static final Pattern DEFAULT_PORT = Pattern.compile("\\$\\{([A-Z_]+):(\\d+)}");

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final List<JsonNode> DOCS = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        for (Path file : kustomizationResources()) {
            try (var parser = new YAMLFactory().createParser(file.toFile())) {
                for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext();) {
                    JsonNode doc = it.next();
                    if (doc != null && !doc.isEmpty()) {
                        DOCS.add(doc);
                    }
                }
            }
        }
    }

    private static List<Path> kustomizationResources() throws IOException {
        JsonNode k = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        List<Path> files = new ArrayList<>();
        k.get("resources").forEach(r -> files.add(DIR.resolve(r.asText())));
        return files;
    }

    @Test
    void everyManifestIsInTheKustomizationAndEveryDocumentIsAnObject() throws IOException {
        Set<String> listed = kustomizationResources().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(DIR)) {
            Set<String> yaml = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml") && !n.contains(".example."))
                    .collect(Collectors.toSet());
            assertThat(listed).isEqualTo(yaml);
        }
        // the example Secrets parse too
        try (var parser = new YAMLFactory().createParser(DIR.resolve("secrets.example.yaml").toFile())) {
            assertThat(YAML.readValues(parser, JsonNode.class).readAll()).hasSize(2);
        }
        for (JsonNode d : DOCS) {
            assertThat(d.path("apiVersion").asText()).as(d.toString()).isNotEmpty();
            assertThat(d.path("kind").asText()).as(d.toString()).isNotEmpty();
            assertThat(d.path("metadata").path("name").asText()).as(d.toString()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        }
    }

    @Test
    void eachServiceListensOnItsPortWithProbesOnQuarkusHealth() throws IOException {
        for (String service : SERVICES) {
            String portLine = properties(service).getProperty("quarkus.http.port");
            Matcher m = DEFAULT_PORT.matcher(portLine);
            assertThat(m.matches()).as(service + " quarkus.http.port " + portLine).isTrue();
            String portVariable = m.group(1);
            int port = Integer.parseInt(m.group(2));

            JsonNode container = container(service);
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).as(service).isEqualTo(port);
            assertThat(env(container)).as(service).containsEntry(portVariable, Integer.toString(port))
                    .containsEntry("PARZEN_HTTP_HOST", "0.0.0.0");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
            assertThat(container.path("readinessProbe").path("httpGet").path("port").asInt()).isEqualTo(port);
            assertThat(container.path("livenessProbe").path("httpGet").path("port").asInt()).isEqualTo(port);

            JsonNode svc = object("Service", service);
            assertThat(svc.path("spec").path("ports").get(0).path("targetPort").asInt()).isEqualTo(port);
            assertThat(svc.path("spec").path("selector"))
                    .isEqualTo(workload(service).path("spec").path("selector").path("matchLabels"));
        }
    }

    @Test
    void everyEnvironmentVariableIsAPropertyTheServiceReads() throws IOException {
        for (String service : SERVICES) {
            String text = Files.readString(propertiesFile(service));
            Set<String> known = new HashSet<>();
            Matcher refs = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)").matcher(text);
            while (refs.find()) {
                known.add(refs.group(1));
            }
            for (String key : properties(service).stringPropertyNames()) {
                known.add(envName(key));
            }
            KAFKA_CLIENT.forEach(k -> known.add(envName("kafka." + k)));
            Set<String> kubernetesKeys = service.equals("executor-service") ? kubernetesConfigKeys() : Set.of();
            for (JsonNode e : container(service).path("env")) {
                String name = e.path("name").asText();
                boolean kubernetes = kubernetesKeys.stream()
                        .anyMatch(k -> name.matches("PARZEN_EXECUTOR_KUBERNETES_[A-Z0-9]+_" + envName(k)));
                assertThat(known.contains(name) || kubernetes)
                        .as(service + ": environment variable " + name + " is no property it reads").isTrue();
            }
        }
    }

    @Test
    void secretReferencesNameSecretsThatExistOrThatAnOperatorWrites() throws IOException {
        Set<String> secrets = new TreeSet<>();
        try (var parser = new YAMLFactory().createParser(DIR.resolve("secrets.example.yaml").toFile())) {
            YAML.readValues(parser, JsonNode.class).readAll()
                    .forEach(d -> secrets.add(d.path("metadata").path("name").asText()));
        }
        for (JsonNode d : DOCS) {
            String kind = d.path("kind").asText();
            String name = d.path("metadata").path("name").asText();
            if (kind.equals("Secret")) {
                secrets.add(name);
            } else if (kind.equals("KafkaUser")) {
                secrets.add(name); // Strimzi's User Operator writes the user's Secret under its name
            } else if (kind.equals("Kafka")) {
                secrets.add(name + "-cluster-ca-cert");
            }
        }
        for (String service : SERVICES) {
            JsonNode deployment = workload(service);
            for (JsonNode e : container(service).path("env")) {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    assertThat(secrets).as(service + " " + e.path("name").asText()).contains(ref.path("name").asText());
                }
            }
            for (JsonNode v : deployment.path("spec").path("template").path("spec").path("volumes")) {
                if (v.has("secret")) {
                    assertThat(secrets).as(service + " volume").contains(v.path("secret").path("secretName").asText());
                }
            }
            // each service authenticates to Kafka as its own user
            JsonNode jaas = envEntry(container(service), "KAFKA_SASL_JAAS_CONFIG");
            assertThat(jaas.path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo(service);
        }
    }

    @Test
    void theTopicsAndKafkaUsersAreTheTableOfTopicAccess() {
        Set<String> topics = DOCS.stream().filter(d -> d.path("kind").asText().equals("KafkaTopic"))
                .map(d -> d.path("spec").path("topicName").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(topics).isEqualTo(TopicAccess.topics());
        // several instances of a service split a topic's partitions (ADR 0027): as many as the local broker's
        DOCS.stream().filter(d -> d.path("kind").asText().equals("KafkaTopic")).forEach(d -> assertThat(
                d.path("spec").path("partitions").asInt()).as(d.path("spec").path("topicName").asText() + " partitions")
                .isEqualTo(io.parzen.deploy.kafka.EmbeddedKafka.PARTITIONS));
        for (String service : SERVICES) {
            TopicAccess.Access access = TopicAccess.of(service).orElseThrow();
            JsonNode user = object("KafkaUser", service);
            assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            Set<String> writes = new TreeSet<>();
            Set<String> reads = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                String type = acl.path("resource").path("type").asText();
                String name = acl.path("resource").path("name").asText();
                assertThat(acl.path("resource").path("patternType").asText()).isEqualTo("literal");
                Set<String> ops = new HashSet<>();
                acl.path("operations").forEach(o -> ops.add(o.asText()));
                if (type.equals("group")) {
                    assertThat(ops).containsExactly("Read");
                    groups.add(name);
                } else if (ops.contains("Write")) {
                    assertThat(ops).containsExactlyInAnyOrder("Write", "Describe");
                    writes.add(name);
                } else {
                    assertThat(ops).containsExactlyInAnyOrder("Read", "Describe");
                    reads.add(name);
                }
            }
            assertThat(writes).as(service + " writes").isEqualTo(new TreeSet<>(access.writes()));
            assertThat(reads).as(service + " reads").isEqualTo(new TreeSet<>(access.reads()));
            assertThat(groups).as(service + " groups").isEqualTo(access.groups());
        }
        JsonNode kafka = DOCS.stream().filter(d -> d.path("kind").asText().equals("Kafka")).findFirst().orElseThrow();
        JsonNode listener = kafka.path("spec").path("kafka").path("listeners").get(0);
        assertThat(listener.path("tls").asBoolean()).isTrue();
        assertThat(listener.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        assertThat(kafka.path("spec").path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(env(container("task-service")).get("KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(kafka.path("metadata").path("name").asText() + "-kafka-bootstrap:" + listener.path("port").asInt());
    }

    @Test
    void eachServiceHasItsOwnDatabaseOnTheCluster() {
        JsonNode cluster = DOCS.stream().filter(d -> d.path("kind").asText().equals("Cluster")).findFirst().orElseThrow();
        String clusterName = cluster.path("metadata").path("name").asText();
        Set<String> databases = new TreeSet<>();
        databases.add(cluster.path("spec").path("bootstrap").path("initdb").path("database").asText());
        DOCS.stream().filter(d -> d.path("kind").asText().equals("Database"))
                .forEach(d -> databases.add(d.path("spec").path("name").asText()));
        for (String service : SERVICES) {
            String url = env(container(service)).get("PARZEN_DB_URL");
            assertThat(url).startsWith("postgresql://" + clusterName + "-rw:5432/");
            assertThat(databases).contains(url.substring(url.lastIndexOf('/') + 1));
        }
    }

    @Test
    void theExecutorsRoleIsLimitedToJobsPodsLogsAndConfigMapsInItsNamespace() {
        assertThat(DOCS).noneMatch(d -> d.path("kind").asText().startsWith("Cluster")
                && d.path("apiVersion").asText().startsWith("rbac"));
        JsonNode role = object("Role", "parzen-executor");
        assertThat(role.path("metadata").has("namespace")).as("namespaced by kustomize").isFalse();
        Set<String> resources = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            rule.path("resources").forEach(r -> resources.add(r.asText()));
            rule.path("verbs").forEach(v -> assertThat(v.asText()).isNotEqualTo("*"));
            rule.path("apiGroups").forEach(g -> assertThat(g.asText()).isIn("", "batch"));
            assertThat(rule.has("resourceNames") || rule.path("resources").toString().contains("*")).isFalse();
        }
        assertThat(resources).containsExactlyInAnyOrder("jobs", "pods", "pods/log", "configmaps");
        JsonNode binding = object("RoleBinding", "parzen-executor");
        assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo("Role");
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("parzen-executor");
        JsonNode podSpec = workload("executor-service").path("spec").path("template").path("spec");
        assertThat(podSpec.path("serviceAccountName").asText()).isEqualTo("parzen-executor");
        // the executions' Jobs run in the executor's own namespace, where the Role holds
        assertThat(envEntry(container("executor-service"), "PARZEN_EXECUTOR_KUBERNETES_CLUSTER_NAMESPACE")
                .path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("metadata.namespace");
        // the other services need no Kubernetes API
        for (String service : List.of("task-service", "optimizer-service", "metrics-service")) {
            assertThat(workload(service).path("spec").path("template").path("spec")
                    .path("serviceAccountName").isMissingNode()).isTrue();
        }
    }

    @Test
    void theExecutorIsAStatefulSetWhoseReplicasHaveAStableInstanceNameAndServeTheClusterEnvironment() {
        JsonNode executor = object("StatefulSet", "executor-service");
        // its governing Service exists and is headless
        JsonNode headless = object("Service", executor.path("spec").path("serviceName").asText());
        assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(headless.path("spec").path("selector"))
                .isEqualTo(executor.path("spec").path("selector").path("matchLabels"));
        // PARZEN_EXECUTOR_INSTANCE is the pod's name (executor-service-0, -1 ...): stable across restarts, unique
        assertThat(envEntry(container("executor-service"), "PARZEN_EXECUTOR_INSTANCE").path("valueFrom")
                .path("fieldRef").path("fieldPath").asText()).isEqualTo("metadata.name");
        // it serves the environment of kind kubernetes that it configures
        assertThat(env(container("executor-service")).get("PARZEN_EXECUTOR_ENVIRONMENTS").split(","))
                .contains("cluster");
        // the logs of the attempts outlive a restart: the data dir is a volume claim of the StatefulSet
        String dataDir = env(container("executor-service")).get("PARZEN_EXECUTOR_DATA_DIR");
        JsonNode mount = null;
        for (JsonNode m : container("executor-service").path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(dataDir)) {
                mount = m;
            }
        }
        assertThat(mount).as("a volume at " + dataDir).isNotNull();
        String claim = mount.path("name").asText();
        assertThat(executor.path("spec").path("volumeClaimTemplates").findValuesAsText("name")).contains(claim);
    }

    // --- helpers ---

    private static JsonNode object(String kind, String name) {
        return DOCS.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The Deployment of a service, or its StatefulSet (executor-service). */
    private static JsonNode workload(String service) {
        return DOCS.stream().filter(d -> (d.path("kind").asText().equals("Deployment")
                        || d.path("kind").asText().equals("StatefulSet"))
                && d.path("metadata").path("name").asText().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment or StatefulSet " + service));
    }

    private static JsonNode container(String service) {
        return workload(service).path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("value") ? e.path("value").asText() : null));
        return env;
    }

    private static JsonNode envEntry(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no environment variable " + name);
    }

    private static Path propertiesFile(String service) {
        return REPO.resolve(service).resolve("src/main/resources/application.properties");
    }

    private static Properties properties(String service) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(propertiesFile(service))) {
            p.load(r);
        }
        return p;
    }

    /** Quarkus' environment variable of a property: every character outside [A-Za-z0-9] becomes _, upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The property names of one Kubernetes environment, from the executor's {@code KubernetesConfig}. */
    private static Set<String> kubernetesConfigKeys() throws IOException {
        String source = Files.readString(REPO.resolve(
                "executor-service/src/main/java/io/parzen/executor/kubernetes/KubernetesConfig.java"));
        String environment = source.substring(source.indexOf("interface Environment"));
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("\\s(\\w+)\\(\\);").matcher(environment);
        while (m.find()) {
            keys.add(m.group(1).replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
        }
        assertThat(keys).contains("namespace", "image", "service-account");
        return keys;
    }
}
