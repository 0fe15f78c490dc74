package io.parzen.executor.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the start-up recovery is done; shows the queue, the running executions and the free disk. A full
 * disk does not make the instance unready (its REST API still serves logs and outputs): it shows as
 * {@code diskFull} here, and queued executions wait until space is freed.
 */
@Readiness
@ApplicationScoped
public class ExecutorHealthCheck implements HealthCheck {

    @Inject
    ExecutionScheduler scheduler;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("executor")
                .status(scheduler.isRecovered())
                .withData("queued", scheduler.queuedCount())
                .withData("running", scheduler.runningCount())
                .withData("diskFreeBytes", scheduler.diskFreeBytes())
                .withData("diskFull", scheduler.diskFull())
                .build();
    }
}
