package io.parzen.optimizer.service.pruning;

import io.parzen.events.MetricLogged;
import io.parzen.messaging.inbound.Inbound;
import io.parzen.messaging.outbox.OutboxPublisher;
import io.parzen.optimizer.service.messaging.EventReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code MetricLogged} in its own consumer group ({@code optimizer-service-pruning}), so that the
 * metric stream never delays the study's events, and hands each record to {@link PruningService}; the
 * messaging kit's inbound rule applies (invalid records to the dead-letter topic, transient failures retried).
 */
@ApplicationScoped
public class PruningConsumer {

    private final PruningService pruning;
    private final OutboxPublisher publisher;
    private final Inbound inbound;

    public PruningConsumer(PruningService pruning, OutboxPublisher publisher, Inbound inbound) {
        this.pruning = pruning;
        this.publisher = publisher;
        this.inbound = inbound;
    }

    @Incoming("optimizer-metrics")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        // the outbox publisher is kicked only when a stop request was committed (metrics are many)
        return inbound.consume(record, r -> EventReader.read(r.value(), MetricLogged.class),
                (MetricLogged event) -> pruning.metricLogged(event).invoke(stopped -> {
                    if (stopped) {
                        publisher.kick();
                    }
                }).replaceWithVoid());
    }
}
