package io.parzen.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.vocabulary.StatusReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the end of an execution from its Job's conditions and its Pod's phase and container state. Pure: the
 * same objects give the same answer.
 *
 * <ul>
 * <li>container terminated with {@code OOMKilled} → {@code crashed}, {@code oom-killed} (the execution's own
 *     memory, not Parzen's fault: not retried)</li>
 * <li>Job condition {@code Failed} with reason {@code DeadlineExceeded} → {@code stopped}, {@code deadline-exceeded}
 *     (the time limit, as a local execution's time limit is a stop)</li>
 * <li>pod {@code Evicted} (or a preemption / node pressure) → {@code crashed}, {@code pod-evicted}; pod reason
 *     {@code NodeLost} or the node gone → {@code crashed}, {@code node-lost} (infrastructure: retried)</li>
 * <li>a pod disrupted or deleted by someone else (condition {@code DisruptionTarget}, or a deletion time) before
 *     it ended with 0 → {@code crashed}, {@code pod-evicted} (retried)</li>
 * <li>container waiting with {@code ErrImagePull}, {@code ImagePullBackOff} or {@code InvalidImageName} longer
 *     than the grace → {@code error}, {@code image-pull-failed} (the step's image: the user's error)</li>
 * <li>container terminated with exit code 0 / Job {@code Complete} → {@code complete}; another code →
 *     {@code error}, {@code exit-code}</li>
 * </ul>
 */
public final class JobStates {

    private static final Set<String> IMAGE_PULL = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");
    private static final Set<String> EVICTED = Set.of("Evicted", "Preempting", "Terminated", "Shutdown",
            "NodeShutdown", "DeletionByTaintManager");

    private JobStates() {
    }

    /**
     * The outcome, or empty while the execution runs (or waits for its pod / image within the grace).
     *
     * @param job the Job (null: it is gone)
     * @param pods its pods (with {@code backoffLimit: 0} at most one that ran)
     * @param now the current time, for the image pull grace
     */
    public static Optional<KubernetesOutcome> outcome(Job job, List<Pod> pods, Instant now, Duration imagePullGrace) {
        if (job == null) {
            return Optional.of(new KubernetesOutcome(ExecutionFinished.CRASHED, null, "its Job was deleted",
                    StatusReason.EXECUTOR_LOST.wireName()));
        }
        Pod pod = pods.isEmpty() ? null : pods.get(pods.size() - 1);
        ContainerStatus container = pod == null ? null : stepContainer(pod);
        ContainerState state = container == null ? null : container.getState();
        if (state != null && state.getTerminated() != null) {
            var t = state.getTerminated();
            if ("OOMKilled".equals(t.getReason())) {
                return Optional.of(new KubernetesOutcome(ExecutionFinished.CRASHED, t.getExitCode(), "OOMKilled",
                        StatusReason.OOM_KILLED.wireName()));
            }
        }
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent() && "DeadlineExceeded".equals(failed.get().getReason())) {
            return Optional.of(new KubernetesOutcome(ExecutionFinished.STOPPED, exitCode(state), "DeadlineExceeded",
                    StatusReason.DEADLINE_EXCEEDED.wireName()));
        }
        if (pod != null && pod.getStatus() != null) {
            String podReason = pod.getStatus().getReason();
            if ("NodeLost".equals(podReason) || "UnexpectedAdmissionError".equals(podReason)) {
                return Optional.of(new KubernetesOutcome(ExecutionFinished.CRASHED, null, podReason,
                        StatusReason.NODE_LOST.wireName()));
            }
            if ("Failed".equals(pod.getStatus().getPhase()) && podReason != null && EVICTED.contains(podReason)) {
                return Optional.of(new KubernetesOutcome(ExecutionFinished.CRASHED, exitCode(state), podReason,
                        StatusReason.POD_EVICTED.wireName()));
            }
            // deleted or disrupted by someone else (eviction API, preemption, taint manager, the kubelet, kubectl):
            // Kubernetes marks it with the DisruptionTarget condition, or at least a deletion time
            Optional<String> disruption = disruption(pod);
            if (disruption.isPresent() && (state == null || state.getTerminated() == null
                    || !Integer.valueOf(0).equals(state.getTerminated().getExitCode()))) {
                return Optional.of(new KubernetesOutcome(ExecutionFinished.CRASHED, exitCode(state),
                        disruption.get(), StatusReason.POD_EVICTED.wireName()));
            }
        }
        if (state != null && state.getWaiting() != null && IMAGE_PULL.contains(state.getWaiting().getReason())) {
            Instant since = pod.getMetadata() != null && pod.getMetadata().getCreationTimestamp() != null
                    ? Instant.parse(pod.getMetadata().getCreationTimestamp()) : now;
            if (!now.isBefore(since.plus(imagePullGrace))) {
                String message = state.getWaiting().getMessage();
                // the step's image (or the environment's default) is wrong: the user's error, not retried
                return Optional.of(new KubernetesOutcome(ExecutionFinished.ERROR, null,
                        state.getWaiting().getReason() + (message == null ? "" : ": " + message),
                        StatusReason.IMAGE_PULL_FAILED.wireName()));
            }
            return Optional.empty();
        }
        if (state != null && state.getTerminated() != null) {
            int code = state.getTerminated().getExitCode() == null ? -1 : state.getTerminated().getExitCode();
            if (code == 0) {
                return Optional.of(new KubernetesOutcome(ExecutionFinished.COMPLETE, 0, null, null));
            }
            return Optional.of(new KubernetesOutcome(ExecutionFinished.ERROR, code, "exit code " + code,
                    StatusReason.EXIT_CODE.wireName()));
        }
        if (condition(job, "Complete").isPresent()) {
            return Optional.of(new KubernetesOutcome(ExecutionFinished.COMPLETE, 0, null, null));
        }
        if (failed.isPresent()) {
            // failed without a container that ended: its pod is gone (deleted with its node)
            return Optional.of(new KubernetesOutcome(ExecutionFinished.CRASHED, null,
                    "Job failed: " + failed.get().getReason(), StatusReason.NODE_LOST.wireName()));
        }
        return Optional.empty();
    }

    /** Whether the pod's step container has started running (or already ended). */
    public static boolean hasStarted(Pod pod) {
        ContainerStatus c = stepContainer(pod);
        return c != null && c.getState() != null
                && (c.getState().getRunning() != null || c.getState().getTerminated() != null);
    }

    /** Why a pod that did not end by itself was taken away, if it was: its DisruptionTarget reason or "pod deleted". */
    private static Optional<String> disruption(Pod pod) {
        if (pod.getStatus().getConditions() != null) {
            for (var c : pod.getStatus().getConditions()) {
                if ("DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus())) {
                    return Optional.of(c.getReason() == null ? "DisruptionTarget" : c.getReason());
                }
            }
        }
        if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
            return Optional.of("pod deleted");
        }
        return Optional.empty();
    }

    private static Integer exitCode(ContainerState state) {
        return state != null && state.getTerminated() != null ? state.getTerminated().getExitCode() : null;
    }

    private static ContainerStatus stepContainer(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(c -> JobManifests.CONTAINER.equals(c.getName()))
                .findFirst().orElse(null);
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }
}
