package io.parzen.executor.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the start-up recovery is done; shows the queue and the running executions. */
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
                .build();
    }
}
