package io.parzen.task.intake;

import io.parzen.events.Events;
import io.parzen.events.TaskStopRequested;
import io.parzen.messaging.inbound.EventReader;
import io.parzen.messaging.inbound.Inbound;
import io.parzen.messaging.inbound.InvalidEventException;
import io.parzen.task.json.Json;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads what other platforms ask of task-service on Kafka — {@code TaskCreated} ({@code parzen.task-created})
 * and {@code TaskStopRequested} ({@code parzen.task-stop-requested}) — from one channel, under the messaging
 * kit's inbound rule ({@link Inbound}): an unreadable or rejected record goes to
 * {@code parzen.dead-letter.task-service} with the reason in its headers.
 */
@ApplicationScoped
public class TaskIntakeConsumer {

    private static final EventReader READER = new EventReader(Json.mapper());

    @Inject
    TaskIntake intake;

    @Inject
    Inbound inbound;

    @Incoming("task-intake")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbound.consume(record, TaskIntakeConsumer::read, this::handle);
    }

    static Object read(ConsumerRecord<String, String> record) {
        return switch (record.topic()) {
            case Events.TOPIC_TASK_CREATED -> ExternalTask.read(record.value(), source(record));
            case Events.TOPIC_TASK_STOP_REQUESTED -> {
                TaskStopRequested stop = READER.read(record.value(), TaskStopRequested.class);
                EventReader.requireText(stop.requestedBy(), "TaskStopRequested.requestedBy");
                yield stop;
            }
            default -> throw new InvalidEventException("task-service does not read requests from " + record.topic());
        };
    }

    private Uni<Void> handle(Object request) {
        return request instanceof ExternalTask task ? intake.created(task)
                : intake.stopRequested((TaskStopRequested) request);
    }

    private static String source(ConsumerRecord<String, String> record) {
        Header h = record.headers().lastHeader(Events.CE_SOURCE);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
