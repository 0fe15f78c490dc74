package io.parzen.optimizer.service.observability;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parzen.messaging.observability.MeterNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The optimizer's metrics:
 * <ul>
 * <li>{@code parzen_loop_latency_seconds} (histogram): from an {@code ExecutionFinished} (its
 * {@code occurredAt}) to the task's next {@code SuggestionRequested} (its {@code occurredAt}) — how
 * long a freed slot waits for its next suggestion;</li>
 * <li>{@code parzen_proposal_seconds{engine}} (timer with histogram): how long an engine took to
 * propose one batch.</li>
 * </ul>
 */
@ApplicationScoped
public class OptimizerMeters {

    private final MeterRegistry registry;
    private final DistributionSummary loopLatency;

    public OptimizerMeters(MeterRegistry registry) {
        this.registry = registry;
        this.loopLatency = DistributionSummary.builder(MeterNames.LOOP_LATENCY)
                .description("ExecutionFinished to the task's next SuggestionRequested, by the events' times")
                .baseUnit("seconds")
                .publishPercentileHistogram()
                .minimumExpectedValue(0.001)
                .maximumExpectedValue(600.0)
                .register(registry);
    }

    /** Records one loop: an execution finished at {@code finishedAt}, the next suggestion was made at {@code suggestedAt}. */
    public void loop(Instant finishedAt, Instant suggestedAt) {
        if (finishedAt == null || suggestedAt == null) {
            return;
        }
        double seconds = Math.max(0, Duration.between(finishedAt, suggestedAt).toNanos() / 1e9);
        loopLatency.record(seconds);
    }

    /** Runs {@code propose} and records its duration under the engine's name. */
    public <T> T timeProposal(String engine, Supplier<T> propose) {
        return Timer.builder(MeterNames.PROPOSAL)
                .description("Time an engine took to propose a batch")
                .tag("engine", engine == null ? "unknown" : engine)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)
                .record(propose);
    }
}
