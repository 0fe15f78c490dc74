package io.parzen.metrics.execution;

import io.parzen.messaging.inbound.Inbound;
import io.parzen.metrics.event.EventReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code ExecutionFinished} (topic {@code parzen.execution-finished}): final status and latest metrics. */
@ApplicationScoped
public class ExecutionFinishedConsumer {

    private final EventReader reader;
    private final Inbound inbound;
    private final ExecutionResultService service;

    public ExecutionFinishedConsumer(EventReader reader, Inbound inbound, ExecutionResultService service) {
        this.reader = reader;
        this.inbound = inbound;
        this.service = service;
    }

    @Incoming("execution-finished")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbound.consume(record, r -> reader.executionFinished(r.value()), service::store);
    }
}
