package io.parzen.metrics.point;

import io.parzen.metrics.event.EventHandling;
import io.parzen.metrics.event.EventReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code MetricLogged} (topic {@code parzen.metric-logged}) and stores its points. */
@ApplicationScoped
public class MetricLoggedConsumer {

    private final EventReader reader;
    private final EventHandling handling;
    private final MetricPointService service;

    public MetricLoggedConsumer(EventReader reader, EventHandling handling, MetricPointService service) {
        this.reader = reader;
        this.handling = handling;
        this.service = service;
    }

    @Incoming("metric-logged")
    public Uni<Void> consume(String json) {
        return handling.handle("metric-logged", () -> reader.metricLogged(json),
                event -> service.store(event).replaceWithVoid());
    }
}
