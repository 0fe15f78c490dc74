package io.parzen.deploy.chaos;

import java.util.List;

/**
 * What the harness saw of one task at the end: task-service's view (status, executions) and the executor's
 * (its executions of the task, with their attempts).
 *
 * @param status the task's last status, or null if task-service never answered for it
 * @param finished whether the task reached a final status within the timeout
 */
public record TaskOutcome(String id, String status, String statusReason, int maxExecutions, boolean finished,
        List<ExecutionOutcome> listed, List<ExecutionOutcome> inExecutor) {

    /** One execution as a service lists it; {@code attempt} is 1 where the service does not say. */
    public record ExecutionOutcome(String id, String status, int attempt) {
    }
}
