package io.parzen.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of one execution: a {@code batch/v1} Job that runs the argv in the step's image (no shell
 * unless the command list needs one, ADR 0010), with {@code backoffLimit: 0} (Parzen decides about retries, as new
 * attempts), {@code activeDeadlineSeconds} from the time limit, the environment's CPU, memory and
 * {@code nvidia.com/gpu}; and a ConfigMap with {@code parameters.json}, mounted at {@code /valohai/config}, owned by
 * the Job so that it goes with it.
 */
public final class JobManifests {

    /** Where the ConfigMap is mounted; the execution sees {@code config/parameters.json} under it. */
    public static final String CONFIG_DIR = "/valohai/config";
    public static final String PARAMETERS_FILE = "parameters.json";
    public static final String CONTAINER = "step";
    public static final String GPU = "nvidia.com/gpu";

    private JobManifests() {
    }

    /** The Job of a request in an environment. */
    public static Job job(JobRequest request, KubernetesEnvironment env) {
        String name = JobNames.jobName(request.executionId(), request.attempt());
        Map<String, String> labels = request.labels();
        Map<String, String> annotations = Map.of(
                JobNames.TASK_ID_ANNOTATION, request.taskId(),
                JobNames.EXECUTION_ID_ANNOTATION, request.executionId());
        Long deadline = request.timeLimitSeconds() != null && request.timeLimitSeconds() > 0
                ? request.timeLimitSeconds() : null;
        return new JobBuilder()
                .withNewMetadata()
                    .withName(name).withNamespace(env.namespace())
                    .withLabels(labels).withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(deadline)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withServiceAccountName(env.serviceAccount())
                            .withAutomountServiceAccountToken(env.serviceAccount() != null)
                            .withImagePullSecrets(env.imagePullSecret() == null ? List.of()
                                    : List.of(new io.fabric8.kubernetes.api.model.LocalObjectReference(
                                            env.imagePullSecret())))
                            .addNewContainer()
                                .withName(CONTAINER)
                                .withImage(env.imageFor(request.stepImage()))
                                // the argv replaces the image's entrypoint: exactly what the template rendered
                                .withCommand(request.argv())
                                .withResources(new ResourceRequirementsBuilder()
                                        .withRequests(resources(env)).withLimits(resources(env)).build())
                                .addNewEnv().withName("VH_CONFIG_DIR").withValue(CONFIG_DIR).endEnv()
                                .addNewEnv().withName("PARZEN_TASK_ID").withValue(request.taskId()).endEnv()
                                .addNewEnv().withName("PARZEN_EXECUTION_ID").withValue(request.executionId()).endEnv()
                                .addNewEnv().withName("PARZEN_ATTEMPT").withValue(Integer.toString(request.attempt()))
                                    .endEnv()
                                .addNewEnv().withName("VH_JOB_ID").withValue(request.executionId()).endEnv()
                                .addAllToEnv(declared(request))
                                .addNewVolumeMount().withName("config").withMountPath(CONFIG_DIR)
                                    .withReadOnly(true).endVolumeMount()
                            .endContainer()
                            .addNewVolume().withName("config")
                                .withNewConfigMap().withName(name).endConfigMap()
                            .endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** The ConfigMap with {@code parameters.json} of a created Job, owned by it (deleted with it). */
    public static ConfigMap configMap(JobRequest request, Job created) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                    .withName(created.getMetadata().getName())
                    .withNamespace(created.getMetadata().getNamespace())
                    .withLabels(request.labels())
                    .withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion("batch/v1").withKind("Job")
                            .withName(created.getMetadata().getName())
                            .withUid(created.getMetadata().getUid())
                            .withController(true)
                            .build())
                .endMetadata()
                .withData(Map.of(PARAMETERS_FILE, request.parametersJson()))
                .build();
    }

    /** The task's declared variables, in their order; a declared {@code PYTHONUNBUFFERED} wins over the default. */
    private static List<EnvVar> declared(JobRequest request) {
        List<EnvVar> env = new java.util.ArrayList<>();
        if (!request.environmentVariables().containsKey("PYTHONUNBUFFERED")) {
            env.add(new EnvVar("PYTHONUNBUFFERED", "1", null)); // as locally: a default the task may override
        }
        request.environmentVariables().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
        return env;
    }

    private static Map<String, Quantity> resources(KubernetesEnvironment env) {
        Map<String, Quantity> r = new LinkedHashMap<>();
        if (env.cpu() != null) {
            r.put("cpu", new Quantity(env.cpu()));
        }
        if (env.memory() != null) {
            r.put("memory", new Quantity(env.memory()));
        }
        if (env.gpu() > 0) {
            r.put(GPU, new Quantity(Integer.toString(env.gpu())));
        }
        return r;
    }
}
