package io.parzen.metrics.point;

import io.parzen.messaging.inbound.BatchInbound;
import io.parzen.metrics.event.EventReader;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code MetricLogged} (topic {@code parzen.metric-logged}) a poll at a time ({@code batch=true}, at most
 * {@code max.poll.records} records, docs/decisions/0036) and stores the points of a poll's valid events in one
 * transaction; a bad record goes to the dead-letter topic alone, and if the poll's transaction fails each event is
 * stored alone ({@link BatchInbound}).
 */
@ApplicationScoped
public class MetricLoggedConsumer {

    private final EventReader reader;
    private final BatchInbound inbound;
    private final MetricPointService service;

    public MetricLoggedConsumer(EventReader reader, BatchInbound inbound, MetricPointService service) {
        this.reader = reader;
        this.inbound = inbound;
        this.service = service;
    }

    @Incoming("metric-logged")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbound.consume(batch, r -> reader.metricLogged(r.value()), events -> service.storeAll(events).replaceWithVoid(),
                event -> service.store(event).replaceWithVoid());
    }
}
