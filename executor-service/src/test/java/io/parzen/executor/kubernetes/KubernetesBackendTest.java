package io.parzen.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.parzen.events.MetricLogged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes backend against fabric8's mock API server in CRUD mode: the test plays the cluster's part (it
 * creates the Job's pod, sets its phase and container state, serves its log) and checks what the backend created
 * and reported.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesBackendTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String NS = "parzen-runs";
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final Recorder events = new Recorder();
    private KubernetesEnvironment env;
    private KubernetesBackend backend;

    @BeforeEach
    void setUp() throws InterruptedException {
        client.batch().v1().jobs().inNamespace(NS).delete();
        client.pods().inNamespace(NS).delete();
        client.configMaps().inNamespace(NS).delete();
        drainRequests();
        env = new KubernetesEnvironment("gpu", NS, "python:3.12-slim", "2", "4Gi", 1, "parzen-step", "regcred",
                Duration.ofMinutes(2));
        backend = new KubernetesBackend(client, Map.of("gpu", env), events, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static JobRequest request(String executionId, List<String> argv) {
        return new JobRequest("t1", executionId, 1, null, argv, "{\"lr\": 0.1}", 600L);
    }

    @Test
    void theJobRunsTheArgvInTheImageWithItsResourcesLabelsDeadlineAndParameters() {
        backend.start("gpu", new JobRequest("t1", "t1-1", 1, "ghcr.io/acme/train:3",
                List.of("python", "train.py", "--lr=0.1"), "{\"lr\": 0.1}", 600L));

        Job job = client.batch().v1().jobs().inNamespace(NS).withName("parzen-t1-1-a1").get();
        assertThat(job).isNotNull();
        assertThat(job.getMetadata().getLabels()).containsEntry("parzen.io/task-id", "t1")
                .containsEntry("parzen.io/execution-id", "t1-1").containsEntry("parzen.io/attempt", "1")
                .containsEntry("app.kubernetes.io/managed-by", "parzen");
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getServiceAccountName()).isEqualTo("parzen-step");
        assertThat(pod.getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("regcred");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("parzen.io/execution-id", "t1-1");
        var container = pod.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("ghcr.io/acme/train:3");
        // exactly the argv, no shell in front
        assertThat(container.getCommand()).containsExactly("python", "train.py", "--lr=0.1");
        assertThat(container.getArgs()).isNullOrEmpty();
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("2"))
                .containsEntry("memory", new Quantity("4Gi")).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(container.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/valohai/config");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(pod.getVolumes().get(0).getConfigMap().getName()).isEqualTo("parzen-t1-1-a1");

        ConfigMap cm = client.configMaps().inNamespace(NS).withName("parzen-t1-1-a1").get();
        assertThat(cm.getData()).containsEntry("parameters.json", "{\"lr\": 0.1}");
        assertThat(cm.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("Job");
            assertThat(o.getUid()).isEqualTo(job.getMetadata().getUid());
        });
        assertThat(events.started).containsExactly("t1-1 parzen-t1-1-a1 new");
    }

    @Test
    void aStepWithoutImageGetsTheEnvironmentsDefault() {
        backend.start("gpu", request("t1-2", List.of("python", "train.py")));
        Job job = client.batch().v1().jobs().inNamespace(NS).withName("parzen-t1-2-a1").get();
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("python:3.12-slim");
    }

    @Test
    void aCommandListRunsThroughTheImagesShell() {
        List<String> argv = io.parzen.executor.command.CommandArgv.of(null,
                List.of("pip install -r requirements.txt", "python train.py --lr={parameters}"),
                Map.of("lr", 0.1), Map.of());
        backend.start("gpu", request("t1-3", argv));
        var command = client.batch().v1().jobs().inNamespace(NS).withName("parzen-t1-3-a1").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getCommand();
        assertThat(command.subList(0, 2)).containsExactly("/bin/sh", "-c");
    }

    @Test
    void logLinesAreReportedAndJsonLinesBecomeMetricLoggedThenTheEndIsComplete() {
        backend.start("gpu", request("t1-4", List.of("python", "train.py")));
        Pod pod = createPod("t1-4", running());
        serveLog(pod, "starting\n{\"loss\": 0.5, \"epoch\": 1}\n{\"loss\": 0.2");

        backend.observe();
        assertThat(events.lines).containsExactly("starting", "{\"loss\": 0.5, \"epoch\": 1}");
        assertThat(events.metrics).singleElement().satisfies(m -> {
            assertThat(m.sequence()).isEqualTo(1);
            assertThat(m.values()).containsEntry("loss", 0.5);
        });
        assertThat(events.finished).isEmpty();

        setContainer(pod, terminated(0, "Completed"), "Succeeded");
        serveLog(pod, "starting\n{\"loss\": 0.5, \"epoch\": 1}\n{\"loss\": 0.2, \"epoch\": 2}\n");
        backend.observe();
        assertThat(events.metrics).extracting(MetricLogged::sequence).containsExactly(1, 2);
        assertThat(events.finished).containsExactly("t1-4 complete 0 null null {loss=0.2, epoch=2}");
        assertThat(backend.followedExecutions()).isEmpty();
    }

    @Test
    void aNonZeroExitIsAnError() {
        backend.start("gpu", request("t1-5", List.of("false")));
        Pod pod = createPod("t1-5", terminated(3, "Error"));
        setPhase(pod, "Failed");
        serveLog(pod, "");
        backend.observe();
        assertThat(events.finished).containsExactly("t1-5 error 3 exit code 3 exit-code {}");
    }

    @Test
    void oomKilledIsCrashedWithOomKilled() {
        backend.start("gpu", request("t1-6", List.of("python", "big.py")));
        Pod pod = createPod("t1-6", terminated(137, "OOMKilled"));
        setPhase(pod, "Failed");
        serveLog(pod, "");
        backend.observe();
        assertThat(events.finished).containsExactly("t1-6 crashed 137 OOMKilled oom-killed {}");
    }

    @Test
    void theJobsDeadlineIsAStopWithDeadlineExceeded() {
        backend.start("gpu", request("t1-7", List.of("sleep", "9999")));
        Pod pod = createPod("t1-7", terminated(143, "Error"));
        serveLog(pod, "");
        setJobFailed("parzen-t1-7-a1", "DeadlineExceeded");
        backend.observe();
        assertThat(events.finished).containsExactly("t1-7 stopped 143 DeadlineExceeded deadline-exceeded {}");
    }

    @Test
    void anEvictedPodIsCrashedPodEvicted() {
        backend.start("gpu", request("t1-8", List.of("python", "train.py")));
        Pod pod = createPod("t1-8", terminated(137, "Error"));
        pod = client.pods().inNamespace(NS).resource(new PodBuilder(pod).editStatus().withPhase("Failed")
                .withReason("Evicted").endStatus().build()).update();
        serveLog(pod, "");
        backend.observe();
        assertThat(events.finished).containsExactly("t1-8 crashed 137 Evicted pod-evicted {}");
    }

    @Test
    void anImageThatCannotBePulledIsCrashedAfterTheGraceAndTheJobIsDeleted() throws InterruptedException {
        MovableClock clock = new MovableClock();
        backend = new KubernetesBackend(client, Map.of("gpu", env), events, clock);
        backend.start("gpu", request("t1-9", List.of("python", "train.py")));
        Pod pod = createPod("t1-9", new ContainerStatusBuilder().withName("step").withNewState().withNewWaiting()
                .withReason("ImagePullBackOff").withMessage("Back-off pulling image").endWaiting().endState().build());
        // the API server sets the pod's creation time
        Instant created = Instant.parse(pod.getMetadata().getCreationTimestamp());
        clock.now = created.plusSeconds(30);
        backend.observe();
        assertThat(events.finished).as("within the grace it waits").isEmpty();

        clock.now = created.plus(Duration.ofMinutes(2)).plusSeconds(1);
        drainRequests();
        backend.observe();
        assertThat(events.finished)
                .containsExactly("t1-9 error null ImagePullBackOff: Back-off pulling image image-pull-failed {}");
        assertThat(deleteRequests()).anySatisfy(r -> assertThat(r).contains("Foreground"));
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now = NOW;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void stopDeletesTheJobWithForegroundPropagationAndEndsStopped() throws InterruptedException {
        backend.start("gpu", request("t1-10", List.of("sleep", "9999")));
        createPod("t1-10", running());
        drainRequests();

        assertThat(backend.stop("t1-10", "stopped-by-user")).isTrue();
        List<String> deletes = deleteRequests();
        assertThat(deletes).singleElement().satisfies(d -> {
            assertThat(d).startsWith("/apis/batch/v1/namespaces/" + NS + "/jobs/parzen-t1-10-a1");
            assertThat(d).contains("\"propagationPolicy\":\"Foreground\"");
        });
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("parzen-t1-10-a1").get()).isNull();
        // the cluster removes the pod with its Job
        client.pods().inNamespace(NS).delete();
        backend.observe();
        assertThat(events.finished).containsExactly("t1-10 stopped null stopped-by-user stopped-by-user {}");
        assertThat(backend.stop("t1-10", "stopped-by-user")).as("not followed any more").isFalse();
    }

    @Test
    void afterARestartTheJobsAreAdoptedByLabelAndNeverStartedTwice() {
        backend.start("gpu", request("t1-11", List.of("python", "train.py")));
        Pod pod = createPod("t1-11", running());
        serveLog(pod, "{\"loss\": 0.9}\n{\"loss\": 0.7}\n");

        // a new life of the executor, which recorded one metric of t1-11 before it died
        Recorder again = new Recorder();
        again.recorded = Map.of("t1-11", 1);
        KubernetesBackend restarted = new KubernetesBackend(client, Map.of("gpu", env), again,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(restarted.adopt()).containsExactly("t1-11");
        assertThat(again.started).containsExactly("t1-11 parzen-t1-11-a1 adopted");

        // the request arrives again (Kafka redelivery): the Job is found, not created again
        KubernetesBackend third = new KubernetesBackend(client, Map.of("gpu", env), new Recorder(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        third.start("gpu", request("t1-11", List.of("python", "train.py")));
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).hasSize(1);

        restarted.observe();
        assertThat(again.metrics).as("the metric recorded before is not sent again")
                .extracting(MetricLogged::sequence).containsExactly(2);
        setContainer(pod, terminated(0, "Completed"), "Succeeded");
        restarted.observe();
        assertThat(again.finished).containsExactly("t1-11 complete 0 null null {loss=0.7}");
    }

    @Test
    void aPodDisruptedOrDeletedBySomeoneElseIsCrashedPodEvictedSoItIsRetried() {
        backend.start("gpu", request("t1-13", List.of("python", "train.py")));
        Pod pod = createPod("t1-13", terminated(143, "Error"));
        pod = client.pods().inNamespace(NS).resource(new PodBuilder(pod).editStatus().withPhase("Failed")
                .addNewCondition().withType("DisruptionTarget").withStatus("True")
                .withReason("DeletionByTaintManager").endCondition().endStatus().build()).update();
        serveLog(pod, "");
        backend.observe();
        assertThat(events.finished).containsExactly("t1-13 crashed 143 DeletionByTaintManager pod-evicted {}");
        assertThat(io.parzen.events.vocabulary.StatusReason.isInfrastructure("pod-evicted")).isTrue();
    }

    @Test
    void aJobWhoseExecutionMustNotRunIsDeletedNotFollowed() throws InterruptedException {
        events.refused = java.util.Set.of("t1-14");
        drainRequests();
        backend.start("gpu", request("t1-14", List.of("python", "train.py")));
        assertThat(backend.followedExecutions()).doesNotContain("t1-14");
        assertThat(deleteRequests()).anySatisfy(d -> assertThat(d).contains("parzen-t1-14-a1").contains("Foreground"));
    }

    @Test
    void anInstanceAdoptsOnlyItsOwnJobs() {
        KubernetesBackend one = new KubernetesBackend(client, Map.of("gpu", env), new Recorder(),
                Clock.fixed(NOW, ZoneOffset.UTC), "executor-service-0");
        one.start("gpu", new JobRequest("t1", "t1-15", 1, null, List.of("x"), "{}", null, Map.of("EPOCHS", "2"),
                "executor-service-0"));
        Job job = client.batch().v1().jobs().inNamespace(NS).withName("parzen-t1-15-a1").get();
        assertThat(job.getMetadata().getLabels()).containsEntry("parzen.io/executor-instance", "executor-service-0");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("EPOCHS=2"));

        KubernetesBackend other = new KubernetesBackend(client, Map.of("gpu", env), new Recorder(),
                Clock.fixed(NOW, ZoneOffset.UTC), "executor-service-1");
        assertThat(other.adopt()).isEmpty();
        KubernetesBackend again = new KubernetesBackend(client, Map.of("gpu", env), new Recorder(),
                Clock.fixed(NOW, ZoneOffset.UTC), "executor-service-0");
        assertThat(again.adopt()).containsExactly("t1-15");
    }

    @Test
    void anUnknownEnvironmentIsRefusedWithItsName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backend.start("cpu", request("t1-12", List.of("x"))))
                .hasMessageContaining("'cpu'").hasMessageContaining("gpu");
    }

    // --- the cluster's part ---

    private Pod createPod(String executionId, io.fabric8.kubernetes.api.model.ContainerStatus status) {
        Pod pod = new PodBuilder().withNewMetadata().withName("parzen-" + executionId + "-a1-x7k2p")
                .withNamespace(NS)
                .addToLabels("job-name", "parzen-" + executionId + "-a1")
                .addToLabels("parzen.io/execution-id", executionId).addToLabels("parzen.io/attempt", "1")
                .addToLabels("parzen.io/task-id", "t1").addToLabels("app.kubernetes.io/managed-by", "parzen")
                .withCreationTimestamp(NOW.toString())
                .endMetadata()
                .withNewSpec().addNewContainer().withName("step").withImage("python:3.12-slim").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withContainerStatuses(status).endStatus()
                .build();
        return client.pods().inNamespace(NS).resource(pod).create();
    }

    private void setContainer(Pod pod, io.fabric8.kubernetes.api.model.ContainerStatus status, String phase) {
        Pod current = client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).get();
        current.getStatus().setContainerStatuses(List.of(status));
        current.getStatus().setPhase(phase);
        client.pods().inNamespace(NS).resource(current).update();
    }

    private void setPhase(Pod pod, String phase) {
        Pod current = client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).get();
        current.getStatus().setPhase(phase);
        client.pods().inNamespace(NS).resource(current).update();
    }

    private void setJobFailed(String name, String reason) {
        Job job = client.batch().v1().jobs().inNamespace(NS).withName(name).get();
        job.setStatus(new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder()
                .withType("Failed").withStatus("True").withReason(reason).build()).build());
        client.batch().v1().jobs().inNamespace(NS).resource(job).update();
    }

    private void serveLog(Pod pod, String log) {
        server.expect().get()
                .withPath("/api/v1/namespaces/" + NS + "/pods/" + pod.getMetadata().getName()
                        + "/log?pretty=false&container=step")
                .andReturn(200, log).once();
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus running() {
        return new ContainerStatusBuilder().withName("step").withNewState().withNewRunning()
                .withStartedAt(NOW.toString()).endRunning().endState().build();
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus terminated(int exitCode, String reason) {
        return new ContainerStatusBuilder().withName("step").withNewState().withNewTerminated()
                .withExitCode(exitCode).withReason(reason).endTerminated().endState().build();
    }

    private static void drainRequests() throws InterruptedException {
        while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // forget
        }
    }

    /** The DELETE requests since the last drain: path and body. */
    private static List<String> deleteRequests() throws InterruptedException {
        List<String> deletes = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            if ("DELETE".equals(r.getMethod())) {
                deletes.add(r.getPath() + " " + r.getBody().readUtf8());
            }
        }
        return deletes;
    }

    /** What the backend reported. */
    static final class Recorder implements ExecutionEvents {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<MetricLogged> metrics = new CopyOnWriteArrayList<>();
        final List<String> finished = new CopyOnWriteArrayList<>();
        Map<String, Integer> recorded = Map.of();
        /** Executions the executor says must not run (ended or another attempt meanwhile). */
        java.util.Set<String> refused = java.util.Set.of();

        @Override
        public boolean started(JobRequest request, String jobName, boolean adopted) {
            started.add(request.executionId() + " " + jobName + " " + (adopted ? "adopted" : "new"));
            return !refused.contains(request.executionId());
        }

        @Override
        public void logLine(String executionId, String line) {
            lines.add(line);
        }

        @Override
        public void metric(MetricLogged event) {
            metrics.add(event);
        }

        @Override
        public void finished(String taskId, String executionId, int attempt, KubernetesOutcome o,
                Map<String, Object> latest) {
            finished.add(executionId + " " + o.status() + " " + o.exitCode() + " " + o.reason() + " "
                    + o.statusReason() + " " + latest);
        }

        @Override
        public int recordedMetrics(String executionId) {
            return recorded.getOrDefault(executionId, 0);
        }
    }
}
