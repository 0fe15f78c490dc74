package io.parzen.executor.kubernetes;

import static io.parzen.executor.Fixtures.awaitFinished;
import static io.parzen.executor.Fixtures.newTaskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionHeartbeat;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.ExecutionStopRequested;
import io.parzen.events.MetricLogged;
import io.parzen.events.SuggestionRequested;
import io.parzen.executor.Fixtures;
import io.parzen.executor.execution.Execution;
import io.parzen.executor.execution.ExecutionService;
import io.parzen.executor.process.Blocking;
import io.parzen.executor.process.StartupRecovery;
import io.parzen.executor.process.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An environment of kind kubernetes through the real consumer, database and outbox (Kafka and PostgreSQL as the
 * other flow tests), the cluster being fabric8's mock API server in CRUD mode: the test plays the kubelet (it
 * creates the Job's pod, sets its state and serves its log).
 */
@QuarkusTest
@TestProfile(KubernetesFlowTest.KubeEnvironment.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class KubernetesFlowTest {

    static final String NS = "parzen-runs";

    /** This instance serves {@code local} and {@code kube}, of kind kubernetes. */
    public static class KubeEnvironment implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "parzen.executor.environments", "local,kube",
                    "parzen.executor.kubernetes.\"kube\".namespace", NS,
                    "parzen.executor.kubernetes.\"kube\".image", "python:3.12-slim",
                    "parzen.executor.kubernetes.\"kube\".cpu", "500m",
                    "parzen.executor.kubernetes.\"kube\".memory", "1Gi",
                    "parzen.executor.kubernetes-poll-interval", "0.3s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KubernetesMockServerResource.class));
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    ExecutionService executions;

    @Inject
    KubernetesRuns runs;

    @Inject
    StartupRecovery recovery;

    @Inject
    Workspace workspace;

    private static SuggestionRequested kube(String taskId, int seq, Map<String, Object> parameters, String image) {
        return new SuggestionRequested(Events.newEventId(), Events.SCHEMA_VERSION, taskId, Instant.now(),
                Events.executionId(taskId, seq), seq, 1, parameters, "random", "python train.py {parameters}", null,
                null, 600L, Map.of("EPOCHS", "3"), null, null, null, null, null, "kube", image, null);
    }

    private static String jobName(String executionId) {
        return JobNames.jobName(executionId, 1);
    }

    private Job awaitJob(String executionId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.batch().v1().jobs().inNamespace(NS).withName(jobName(executionId)).get() != null);
        return client.batch().v1().jobs().inNamespace(NS).withName(jobName(executionId)).get();
    }

    @Test
    void aRequestRunsAsAJobItsLogBecomesMetricsAndItCompletesAndARedeliveryMakesNoSecondJob() throws Exception {
        String taskId = newTaskId();
        SuggestionRequested request = kube(taskId, 1, Map.of("lr", 0.1), "ghcr.io/acme/train:3");
        Fixtures.kafka().send(request);
        String id = request.executionId();

        Job job = awaitJob(id);
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("ghcr.io/acme/train:3");
        assertThat(container.getCommand()).containsExactly("python", "train.py", "--lr=0.1");
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("EPOCHS");
            assertThat(e.getValue()).isEqualTo("3");
        });
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getMetadata().getLabels()).containsEntry("parzen.io/task-id", taskId)
                .containsEntry("parzen.io/execution-id", id).containsEntry("parzen.io/attempt", "1")
                .containsEntry("parzen.io/executor-instance", "1");
        ConfigMap cm = client.configMaps().inNamespace(NS).withName(jobName(id)).get();
        assertThat(Events.mapper().readTree(cm.getData().get("parameters.json")).get("lr").asDouble()).isEqualTo(0.1);

        Fixtures.awaitStarted(id);
        assertThat(Fixtures.started(id)).singleElement()
                .satisfies(s -> assertThat(s.executor()).isEqualTo("kubernetes:" + jobName(id)));
        // while it runs, this executor heartbeats it as running (task-service's watchdog leaves it alone)
        await().atMost(Duration.ofSeconds(20)).until(() -> Fixtures.kafka()
                .events(ExecutionHeartbeat.class, h -> h.taskId().equals(taskId)).stream()
                .flatMap(h -> h.executions().stream())
                .anyMatch(h -> h.executionId().equals(id) && h.state().equals(ExecutionHeartbeat.RUNNING)));

        // redelivered: no second Job, no second start
        Fixtures.kafka().send(request);

        Pod pod = createPod(id, taskId, running());
        serveLog(pod, "epoch 1\n{\"loss\": 0.5, \"epoch\": 1}\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> Fixtures.metrics(id).size() == 1);
        serveLog(pod, "epoch 1\n{\"loss\": 0.5, \"epoch\": 1}\nepoch 2\n{\"loss\": 0.25, \"epoch\": 2}\n");
        setContainer(pod, terminated(0, "Completed"), "Succeeded");

        ExecutionFinished finished = awaitFinished(id);
        assertThat(finished.status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(finished.metrics()).containsEntry("loss", 0.25);
        assertThat(Fixtures.metrics(id)).extracting(MetricLogged::sequence).containsExactly(1, 2);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withLabel("parzen.io/execution-id", id).list()
                .getItems()).hasSize(1);
        assertThat(Fixtures.started(id)).hasSize(1);
        Path log = workspace.logFile(taskId, id, 1);
        assertThat(Files.readString(log)).contains("epoch 2", "{\"loss\": 0.25, \"epoch\": 2}");
        Execution row = Blocking.await(() -> executions.find(id));
        assertThat(row.metricCount).isEqualTo(2);
    }

    @Test
    void aStopDeletesTheJobWithForegroundPropagationAndTheExecutionEndsStoppedWithTheReason() {
        String taskId = newTaskId();
        SuggestionRequested request = kube(taskId, 1, Map.of("lr", 0.2), null);
        Fixtures.kafka().send(request);
        String id = request.executionId();
        Job job = awaitJob(id);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .as("the environment's default").isEqualTo("python:3.12-slim");
        Fixtures.awaitStarted(id);
        createPod(id, taskId, running());

        Fixtures.kafka().send(ExecutionStopRequested.of(taskId, id, ExecutionStopRequested.STOP_CONDITION,
                "task-service"));
        ExecutionFinished finished = awaitFinished(id);
        assertThat(finished.status()).isEqualTo(ExecutionFinished.STOPPED);
        assertThat(finished.statusReason()).isEqualTo(ExecutionStopRequested.STOP_CONDITION);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName(jobName(id)).get()).isNull();
    }

    @Test
    void afterARestartItsJobsAreAdoptedNotStartedAgainAndAStartedExecutionWhoseJobIsGoneIsCrashedAndRetried() {
        String taskId = newTaskId();
        SuggestionRequested kept = kube(taskId, 1, Map.of("lr", 0.3), null);
        SuggestionRequested gone = kube(taskId, 2, Map.of("lr", 0.4), null);
        Fixtures.kafka().send(kept);
        Fixtures.kafka().send(gone);
        awaitJob(kept.executionId());
        awaitJob(gone.executionId());
        Fixtures.awaitStarted(kept.executionId());
        Fixtures.awaitStarted(gone.executionId());
        Pod pod = createPod(kept.executionId(), taskId, running());
        serveLog(pod, "{\"loss\": 0.9}\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> Fixtures.metrics(kept.executionId()).size() == 1);

        // the executor "restarts" (forgets what it followed); meanwhile someone deletes the other Job
        runs.newLife();
        client.batch().v1().jobs().inNamespace(NS).withName(jobName(gone.executionId())).delete();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                client.batch().v1().jobs().inNamespace(NS).withName(jobName(gone.executionId())).get() == null);
        recovery.recover();

        assertThat(runs.followed()).contains(kept.executionId()).doesNotContain(gone.executionId());
        ExecutionFinished lost = awaitFinished(gone.executionId());
        assertThat(lost.status()).isEqualTo(ExecutionFinished.CRASHED);
        assertThat(io.parzen.events.vocabulary.StatusReason.isInfrastructure(lost.statusReason()))
                .as("retried: %s", lost.statusReason()).isTrue();

        // the adopted Job goes on: its log read again from the start, the metric already sent not sent again
        Fixtures.kafka().send(kept); // and its request redelivered: no second Job
        serveLog(pod, "{\"loss\": 0.9}\n{\"loss\": 0.6}\n");
        setContainer(pod, terminated(0, "Completed"), "Succeeded");
        ExecutionFinished finished = awaitFinished(kept.executionId());
        assertThat(finished.status()).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(Fixtures.metrics(kept.executionId())).extracting(MetricLogged::sequence).containsExactly(1, 2);
        assertThat(Fixtures.started(kept.executionId())).hasSize(1);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withLabel("parzen.io/execution-id",
                kept.executionId()).list().getItems()).hasSize(1);
    }

    @Test
    void anEvictedPodIsCrashedAsInfrastructureSoItIsRetried() {
        String taskId = newTaskId();
        SuggestionRequested request = kube(taskId, 1, Map.of("lr", 0.5), null);
        Fixtures.kafka().send(request);
        String id = request.executionId();
        awaitJob(id);
        Fixtures.awaitStarted(id);
        Pod pod = createPod(id, taskId, terminated(137, "Error"));
        client.pods().inNamespace(NS).resource(new PodBuilder(pod).editStatus().withPhase("Failed")
                .withReason("Evicted").endStatus().build()).update();
        ExecutionFinished finished = awaitFinished(id);
        assertThat(finished.status()).isEqualTo(ExecutionFinished.CRASHED);
        assertThat(finished.statusReason()).isEqualTo("pod-evicted");
        assertThat(io.parzen.events.vocabulary.StatusReason.isInfrastructure(finished.statusReason())).isTrue();
    }

    // --- the kubelet's part ---

    private Pod createPod(String executionId, String taskId, ContainerStatus status) {
        Pod pod = new PodBuilder().withNewMetadata().withName(jobName(executionId) + "-x7k2p").withNamespace(NS)
                .addToLabels("job-name", jobName(executionId))
                .addToLabels("parzen.io/execution-id", executionId).addToLabels("parzen.io/attempt", "1")
                .addToLabels("parzen.io/task-id", taskId).addToLabels("app.kubernetes.io/managed-by", "parzen")
                .withCreationTimestamp(Instant.now().toString())
                .endMetadata()
                .withNewSpec().addNewContainer().withName("step").withImage("python:3.12-slim").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withContainerStatuses(status).endStatus()
                .build();
        return client.pods().inNamespace(NS).resource(pod).create();
    }

    private void setContainer(Pod pod, ContainerStatus status, String phase) {
        Pod current = client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).get();
        current.getStatus().setContainerStatuses(List.of(status));
        current.getStatus().setPhase(phase);
        client.pods().inNamespace(NS).resource(current).update();
    }

    /** The log each pod serves now (the mock answers with the current one). */
    private static final Map<String, String> LOGS = new java.util.concurrent.ConcurrentHashMap<>();

    private static void serveLog(Pod pod, String log) {
        String name = pod.getMetadata().getName();
        if (LOGS.put(name, log) == null) {
            KubernetesMockServerResource.server().expect().get()
                    .withPath("/api/v1/namespaces/" + NS + "/pods/" + name + "/log?pretty=false&container=step")
                    .andReply(200, request -> LOGS.get(name)).always();
        }
    }

    private static ContainerStatus running() {
        return new ContainerStatusBuilder().withName("step").withNewState().withNewRunning()
                .withStartedAt(Instant.now().toString()).endRunning().endState().build();
    }

    private static ContainerStatus terminated(int exitCode, String reason) {
        return new ContainerStatusBuilder().withName("step").withNewState().withNewTerminated()
                .withExitCode(exitCode).withReason(reason).endTerminated().endState().build();
    }
}
