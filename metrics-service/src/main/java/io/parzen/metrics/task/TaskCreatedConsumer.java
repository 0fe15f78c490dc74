package io.parzen.metrics.task;

import io.parzen.metrics.event.EventHandling;
import io.parzen.metrics.event.EventReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code TaskCreated} (topic {@code parzen.task-created}) for task names and targets. */
@ApplicationScoped
public class TaskCreatedConsumer {

    private final EventReader reader;
    private final EventHandling handling;
    private final TaskInfoService service;

    public TaskCreatedConsumer(EventReader reader, EventHandling handling, TaskInfoService service) {
        this.reader = reader;
        this.handling = handling;
        this.service = service;
    }

    @Incoming("task-created")
    public Uni<Void> consume(String json) {
        return handling.handle("task-created", () -> reader.taskCreated(json), service::store);
    }
}
