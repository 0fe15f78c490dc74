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
 */
public record JobRequest(String taskId, String executionId, int attempt, String stepImage, List<String> argv,
        String parametersJson, Long timeLimitSeconds) {

    public JobRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(executionId, "executionId");
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("the command is empty");
        }
        argv = List.copyOf(argv);
        parametersJson = parametersJson == null ? "{}" : parametersJson;
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is " + attempt + ": it must be 1 or more");
        }
    }

    /** The labels of its Job and Pod (values made valid label values). */
    Map<String, String> labels() {
        return Map.of(
                JobNames.MANAGED_BY, JobNames.PARZEN,
                JobNames.TASK_ID, JobNames.labelValue(taskId),
                JobNames.EXECUTION_ID, JobNames.labelValue(executionId),
                JobNames.ATTEMPT, Integer.toString(attempt));
    }
}
