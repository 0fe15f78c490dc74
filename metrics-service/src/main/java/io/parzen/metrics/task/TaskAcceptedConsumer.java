package io.parzen.metrics.task;

import io.parzen.messaging.inbound.Inbound;
import io.parzen.metrics.event.EventReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code TaskAccepted} (topic {@code parzen.task-accepted}: every task task-service accepted, its own
 * and other platforms') for task names and targets.
 */
@ApplicationScoped
public class TaskAcceptedConsumer {

    private final EventReader reader;
    private final Inbound inbound;
    private final TaskInfoService service;

    public TaskAcceptedConsumer(EventReader reader, Inbound inbound, TaskInfoService service) {
        this.reader = reader;
        this.inbound = inbound;
        this.service = service;
    }

    @Incoming("task-accepted")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbound.consume(record, r -> reader.taskAccepted(r.value()), service::store);
    }
}
