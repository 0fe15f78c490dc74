package io.parzen.metrics.execution;

import io.parzen.messaging.inbound.BatchInbound;
import io.parzen.metrics.event.EventReader;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code ExecutionFinished} (topic {@code parzen.execution-finished}): final status and latest metrics, a
 * poll at a time ({@code batch=true}, docs/decisions/0036): a poll's valid finishes in one transaction, a bad record
 * to the dead-letter topic alone, each finish alone if the poll's transaction fails ({@link BatchInbound}).
 */
@ApplicationScoped
public class ExecutionFinishedConsumer {

    private final EventReader reader;
    private final BatchInbound inbound;
    private final ExecutionResultService service;

    public ExecutionFinishedConsumer(EventReader reader, BatchInbound inbound, ExecutionResultService service) {
        this.reader = reader;
        this.inbound = inbound;
        this.service = service;
    }

    @Incoming("execution-finished")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbound.consume(batch, r -> reader.executionFinished(r.value()), service::storeAll,
                service::store);
    }
}
