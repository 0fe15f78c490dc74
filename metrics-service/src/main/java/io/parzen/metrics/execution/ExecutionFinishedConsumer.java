package io.parzen.metrics.execution;

import io.parzen.metrics.event.EventHandling;
import io.parzen.metrics.event.EventReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code ExecutionFinished} (topic {@code parzen.execution-finished}): final status and latest metrics. */
@ApplicationScoped
public class ExecutionFinishedConsumer {

    private final EventReader reader;
    private final EventHandling handling;
    private final ExecutionResultService service;

    public ExecutionFinishedConsumer(EventReader reader, EventHandling handling, ExecutionResultService service) {
        this.reader = reader;
        this.handling = handling;
        this.service = service;
    }

    @Incoming("execution-finished")
    public Uni<Void> consume(String json) {
        return handling.handle("execution-finished", () -> reader.executionFinished(json), service::store);
    }
}
