package io.parzen.metrics.point;

import io.parzen.messaging.inbound.Inbound;
import io.parzen.metrics.event.EventReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code MetricLogged} (topic {@code parzen.metric-logged}) and stores its points. */
@ApplicationScoped
public class MetricLoggedConsumer {

    private final EventReader reader;
    private final Inbound inbound;
    private final MetricPointService service;

    public MetricLoggedConsumer(EventReader reader, Inbound inbound, MetricPointService service) {
        this.reader = reader;
        this.inbound = inbound;
        this.service = service;
    }

    @Incoming("metric-logged")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbound.consume(record, r -> reader.metricLogged(r.value()), event -> service.store(event).replaceWithVoid());
    }
}
