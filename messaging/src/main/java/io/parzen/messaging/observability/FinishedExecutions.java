package io.parzen.messaging.observability;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parzen.events.Events;
import io.parzen.messaging.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import io.parzen.messaging.MessagingConfig;

/**
 * {@code parzen_executions_total{status,environment}}: the executions that finished, counted when
 * Kafka acknowledges their {@code ExecutionFinished} (so once per execution, not once per attempt to
 * write it; only the service that runs executions publishes these). The environment is the event's
 * {@code environment} field when it has one, else the service's
 * {@code parzen.messaging.observability.environment} ({@code local} by default).
 */
@ApplicationScoped
public class FinishedExecutions {

    private final MeterRegistry registry;
    private final String topic = Events.Type.EXECUTION_FINISHED.topic();
    private final String defaultEnvironment;

    public FinishedExecutions(MeterRegistry registry, MessagingConfig config) {
        this.registry = registry;
        this.defaultEnvironment = config.observability().environment();
    }

    /** Called for every row Kafka acknowledged. */
    public void published(OutboxMessage row) {
        if (!topic.equals(row.topic)) {
            return;
        }
        String status = "unknown";
        String environment = defaultEnvironment;
        try {
            JsonNode event = Events.mapper().readTree(row.payload);
            if (event.hasNonNull("status")) {
                status = event.get("status").asText();
            }
            if (event.hasNonNull("environment")) {
                environment = event.get("environment").asText();
            }
        } catch (Exception e) {
            // counted as unknown: the row was sent as it is
        }
        Counter.builder(MeterNames.EXECUTIONS)
                .description("Executions that finished, by final status and environment")
                .tag("status", status)
                .tag("environment", environment)
                .register(registry)
                .increment();
    }
}
