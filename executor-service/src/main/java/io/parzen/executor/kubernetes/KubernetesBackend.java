package io.parzen.executor.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.MetricLogged;
import io.parzen.events.vocabulary.StatusReason;
import io.parzen.executor.process.MetadataLine;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs executions as Kubernetes Jobs (one Job per execution attempt, {@link JobManifests}) and follows them:
 * {@link #observe()} reads each followed Job, its Pod and the Pod's new log lines, reports the lines and their JSON
 * objects as {@code MetricLogged}, and the end as {@link KubernetesOutcome} ({@link JobStates}). Kubernetes does
 * the scheduling, placing and restarting; this class keeps no queue: a Job waits in the cluster for resources.
 *
 * <p>Thread-safe: {@code start}, {@code stop} and {@code observe} may be called from different threads; one
 * execution's reports come from {@code observe}, which must not run twice at once.
 */
public final class KubernetesBackend implements Backend {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(KubernetesBackend.class);

    private final KubernetesClient client;
    private final Map<String, KubernetesEnvironment> environments;
    private final ExecutionEvents events;
    private final Clock clock;
    private final String instance;
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();

    /** One Job being followed; its counters are touched by {@code observe} only. */
    private static final class Followed {
        final JobRequest request;
        final KubernetesEnvironment env;
        final String jobName;
        final int alreadyRecorded;
        int linesSeen;
        int metricCount;
        final Map<String, Object> latest = new LinkedHashMap<>();
        volatile String stopReason;

        Followed(JobRequest request, KubernetesEnvironment env, String jobName, int alreadyRecorded) {
            this.request = request;
            this.env = env;
            this.jobName = jobName;
            this.alreadyRecorded = alreadyRecorded;
        }
    }

    public KubernetesBackend(KubernetesClient client, Map<String, KubernetesEnvironment> environments,
            ExecutionEvents events, Clock clock) {
        this(client, environments, events, clock, null);
    }

    /**
     * @param instance the executor instance (ADR 0027): its Jobs carry it as label {@link JobNames#INSTANCE} and
     *                 {@link #adopt()} takes only those; null = every Job of Parzen in the namespaces
     */
    public KubernetesBackend(KubernetesClient client, Map<String, KubernetesEnvironment> environments,
            ExecutionEvents events, Clock clock, String instance) {
        this.instance = instance;
        this.client = Objects.requireNonNull(client);
        this.environments = Map.copyOf(environments);
        this.events = Objects.requireNonNull(events);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Whether this backend serves the environment. */
    public boolean serves(String environment) {
        return environments.containsKey(environment);
    }

    @Override
    public void start(String environment, JobRequest request) {
        KubernetesEnvironment env = environments.get(environment);
        if (env == null) {
            throw new IllegalArgumentException("environment '" + environment + "' is not of kind kubernetes here"
                    + " (known: " + environments.keySet() + ")");
        }
        Job job = JobManifests.job(request, env);
        String name = job.getMetadata().getName();
        if (followed.containsKey(request.executionId())) {
            return; // a duplicate request while it runs
        }
        boolean adopted = false;
        Job created;
        try {
            created = client.batch().v1().jobs().inNamespace(env.namespace()).resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            created = client.batch().v1().jobs().inNamespace(env.namespace()).withName(name).get();
            adopted = true;
        }
        if (!adopted) {
            try {
                client.configMaps().inNamespace(env.namespace())
                        .resource(JobManifests.configMap(request, created)).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
        }
        follow(new Followed(request, env, name, adopted ? events.recordedMetrics(request.executionId()) : 0),
                adopted);
    }

    /** Follows a Job unless the executor says its execution must not run; then the Job is deleted. */
    private boolean follow(Followed f, boolean adopted) {
        followed.put(f.request.executionId(), f);
        boolean keep;
        try {
            keep = events.started(f.request, f.jobName, adopted);
        } catch (RuntimeException e) {
            followed.remove(f.request.executionId(), f);
            throw e;
        }
        if (!keep) {
            followed.remove(f.request.executionId(), f);
            client.batch().v1().jobs().inNamespace(f.env.namespace()).withName(f.jobName)
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        }
        return keep;
    }

    /** Deletes the Job of an execution attempt (foreground) without following or reporting it: its run is lost. */
    public void discard(String environment, String executionId, int attempt) {
        KubernetesEnvironment env = environments.get(environment);
        if (env == null || followed.containsKey(executionId)) {
            return;
        }
        client.batch().v1().jobs().inNamespace(env.namespace()).withName(JobNames.jobName(executionId, attempt))
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
    }

    /** The task of a followed execution, or null. */
    public String taskOf(String executionId) {
        Followed f = followed.get(executionId);
        return f == null ? null : f.request.taskId();
    }

    /** The attempt of a followed execution, or null. */
    public Integer attemptOf(String executionId) {
        Followed f = followed.get(executionId);
        return f == null ? null : f.request.attempt();
    }

    /** Whether a stop of a followed execution was asked (its Job is being deleted). */
    public boolean isStopping(String executionId) {
        Followed f = followed.get(executionId);
        return f != null && f.stopReason != null;
    }

    @Override
    public boolean stop(String executionId, String reason) {
        Followed f = followed.get(executionId);
        if (f == null) {
            return false;
        }
        if (f.stopReason != null) {
            return true; // the first reason wins
        }
        f.stopReason = reason;
        // foreground: the Job is gone only once its pods are
        client.batch().v1().jobs().inNamespace(f.env.namespace()).withName(f.jobName)
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        return true;
    }

    @Override
    public List<String> adopt() {
        List<String> ids = new ArrayList<>();
        for (KubernetesEnvironment env : environments.values()) {
            var selected = client.batch().v1().jobs().inNamespace(env.namespace())
                    .withLabel(JobNames.MANAGED_BY, JobNames.PARZEN);
            if (instance != null) {
                selected = selected.withLabel(JobNames.INSTANCE, JobNames.labelValue(instance));
            }
            List<Job> jobs = selected.list().getItems();
            for (Job job : jobs) {
                Map<String, String> annotations = job.getMetadata().getAnnotations();
                Map<String, String> labels = job.getMetadata().getLabels();
                if (annotations == null || labels == null || job.getMetadata().getDeletionTimestamp() != null) {
                    continue;
                }
                String taskId = annotations.get(JobNames.TASK_ID_ANNOTATION);
                String executionId = annotations.get(JobNames.EXECUTION_ID_ANNOTATION);
                String attempt = labels.get(JobNames.ATTEMPT);
                if (taskId == null || executionId == null || attempt == null || followed.containsKey(executionId)) {
                    continue;
                }
                var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
                JobRequest request = new JobRequest(taskId, executionId, Integer.parseInt(attempt),
                        container.getImage(), container.getCommand(), null,
                        job.getSpec().getActiveDeadlineSeconds(), Map.of(), instance);
                if (follow(new Followed(request, env, job.getMetadata().getName(),
                        events.recordedMetrics(executionId)), true)) {
                    ids.add(executionId);
                }
            }
        }
        return ids;
    }

    /** The execution ids followed now. */
    public List<String> followedExecutions() {
        return List.copyOf(followed.keySet());
    }

    /** One round over every followed Job: new log lines, metrics, ends. */
    public void observe() {
        for (Followed f : followed.values()) {
            try {
                observe(f);
            } catch (KubernetesClientException e) {
                // the API server unreachable or refusing: this Job is looked at again next round
                LOG.warnf("execution %s: cannot read Job %s (%s), next round tries again", f.request.executionId(),
                        f.jobName, e.getMessage());
            } finally {
                events.flush(f.request.executionId());
            }
        }
    }

    private void observe(Followed f) {
        String ns = f.env.namespace();
        Job job = client.batch().v1().jobs().inNamespace(ns).withName(f.jobName).get();
        List<Pod> pods = new ArrayList<>(client.pods().inNamespace(ns)
                .withLabel(JobNames.EXECUTION_ID, JobNames.labelValue(f.request.executionId()))
                .withLabel(JobNames.ATTEMPT, Integer.toString(f.request.attempt()))
                .list().getItems());
        pods.sort(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? ""
                : p.getMetadata().getCreationTimestamp()));
        Pod pod = pods.isEmpty() ? null : pods.get(pods.size() - 1);
        if (pod != null && JobStates.hasStarted(pod)) {
            readLog(f, pod);
        }
        if (f.stopReason != null) {
            if (job == null || job.getMetadata().getDeletionTimestamp() != null || pods.isEmpty()) {
                finish(f, new KubernetesOutcome(ExecutionFinished.STOPPED, null, f.stopReason,
                        StatusReason.find(f.stopReason).map(StatusReason::wireName).orElse(null)));
            }
            return;
        }
        var outcome = JobStates.outcome(job, pods, clock.instant(), f.env.imagePullGrace());
        if (outcome.isEmpty()) {
            return;
        }
        if (StatusReason.IMAGE_PULL_FAILED.wireName().equals(outcome.get().statusReason()) && job != null) {
            // the pod would wait for its image forever: end it
            client.batch().v1().jobs().inNamespace(ns).withName(f.jobName)
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        }
        finish(f, outcome.get());
    }

    private void finish(Followed f, KubernetesOutcome outcome) {
        followed.remove(f.request.executionId());
        events.finished(f.request.taskId(), f.request.executionId(), f.request.attempt(), outcome,
                new LinkedHashMap<>(f.latest));
    }

    private void readLog(Followed f, Pod pod) {
        String log;
        try {
            log = client.pods().inNamespace(f.env.namespace()).withName(pod.getMetadata().getName())
                    .inContainer(JobManifests.CONTAINER).getLog();
        } catch (KubernetesClientException e) {
            return; // not readable yet (container creating) or the pod is gone: next round
        }
        if (log == null || log.isEmpty()) {
            return;
        }
        String[] lines = log.split("\n", -1);
        // the last piece is an unfinished line (or "" after the final newline) unless the container ended
        boolean ended = pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
                && pod.getStatus().getContainerStatuses().stream()
                        .anyMatch(c -> c.getState() != null && c.getState().getTerminated() != null);
        int complete = ended && !lines[lines.length - 1].isEmpty() ? lines.length : lines.length - 1;
        for (int i = f.linesSeen; i < complete; i++) {
            String line = lines[i];
            events.logLine(f.request.executionId(), line);
            Map<String, Object> values = MetadataLine.parse(line);
            if (values != null) {
                f.metricCount++;
                f.latest.putAll(values);
                if (f.metricCount > f.alreadyRecorded) {
                    events.metric(MetricLogged.of(f.request.taskId(), f.request.executionId(), f.metricCount,
                            values, f.request.attempt()));
                }
            }
        }
        f.linesSeen = Math.max(f.linesSeen, complete);
    }
}
