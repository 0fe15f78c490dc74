package io.parzen.executor.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One execution to run as a Kubernetes Job.
 *
 * @param taskId its task
 * @param executionId the execution ({@code <taskId>-<seq>})
 * @param attempt which run of it (1, 2, ...)
 * @param stepImage the step's image, or null for the environment's default
 * @param argv the program and its arguments, rendered from the command template (never a shell for one command)
 * @param parametersJson the content of {@code config/parameters.json}
 * @param timeLimitSeconds the time limit (the Job's {@code activeDeadlineSeconds}); null or 0 = none
 * @param environmentVariables the task's declared environment variables (already checked by
 *                             {@code EnvironmentVariables}); empty for none
 * @param instance the executor instance that runs it (label {@code parzen.io/executor-instance}: after a restart
 *                 an instance adopts its own Jobs only); null = none
 */
public record JobRequest(String taskId, String executionId, int attempt, String stepImage, List<String> argv,
        String parametersJson, Long timeLimitSeconds, Map<String, String> environmentVariables, String instance) {

    /** A request without declared environment variables nor instance. */
    public JobRequest(String taskId, String executionId, int attempt, String stepImage, List<String> argv,
            String parametersJson, Long timeLimitSeconds) {
        this(taskId, executionId, attempt, stepImage, argv, parametersJson, timeLimitSeconds, Map.of(), null);
    }

    public JobRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(executionId, "executionId");
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("the command is empty");
        }
        argv = List.copyOf(argv);
        parametersJson = parametersJson == null ? "{}" : parametersJson;
        environmentVariables = environmentVariables == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environmentVariables));
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is " + attempt + ": it must be 1 or more");
        }
    }

    /** The labels of its Job and Pod (values made valid label values). */
    Map<String, String> labels() {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put(JobNames.MANAGED_BY, JobNames.PARZEN);
        labels.put(JobNames.TASK_ID, JobNames.labelValue(taskId));
        labels.put(JobNames.EXECUTION_ID, JobNames.labelValue(executionId));
        labels.put(JobNames.ATTEMPT, Integer.toString(attempt));
        if (instance != null && !instance.isBlank()) {
            labels.put(JobNames.INSTANCE, JobNames.labelValue(instance));
        }
        return labels;
    }
}
