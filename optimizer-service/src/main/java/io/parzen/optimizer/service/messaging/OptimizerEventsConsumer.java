package io.parzen.optimizer.service.messaging;

import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskFinished;
import io.parzen.messaging.inbound.Inbound;
import io.parzen.messaging.inbound.InvalidEventException;
import io.parzen.messaging.outbox.OutboxPublisher;
import io.parzen.optimizer.service.study.InvalidTaskSpecException;
import io.parzen.optimizer.service.study.StudyService;
import io.parzen.optimizer.space.SpaceException;
import io.parzen.events.ParzenEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the events the optimizer reacts to — {@code TaskAccepted}, {@code ExecutionFinished} and
 * {@code TaskFinished} — from one channel subscribed to their three topics, hands each to
 * {@link StudyService} and then asks the outbox publisher to send what the change wrote.
 *
 * <p>The messaging kit's inbound rule applies ({@link Inbound}): a record that is not valid JSON of its
 * event, or a task spec the optimizer cannot run ({@code InvalidTaskSpecException}, {@code SpaceException}),
 * goes to the dead-letter topic ({@code parzen.dead-letter.optimizer-service}) with the reason; a
 * transient failure (the database restarted, a lock timed out) is retried with backoff first; a bug is
 * logged, not dead-lettered.
 */
@ApplicationScoped
public class OptimizerEventsConsumer {

    private final StudyService studies;
    private final OutboxPublisher publisher;
    private final Inbound inbound;

    public OptimizerEventsConsumer(StudyService studies, OutboxPublisher publisher, Inbound inbound) {
        this.studies = studies;
        this.publisher = publisher;
        this.inbound = inbound;
    }

    @Incoming("optimizer-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbound.consume(record, OptimizerEventsConsumer::read, this::handle)
                .onTermination().invoke(publisher::kick);
    }

    private static ParzenEvent read(ConsumerRecord<String, String> record) {
        return switch (record.topic()) {
            case Events.TOPIC_TASK_ACCEPTED -> EventReader.read(record.value(), TaskAccepted.class);
            case Events.TOPIC_EXECUTION_FINISHED -> EventReader.read(record.value(), ExecutionFinished.class);
            case Events.TOPIC_TASK_FINISHED -> EventReader.read(record.value(), TaskFinished.class);
            default -> throw new InvalidEventException("topic " + record.topic() + " is not consumed by optimizer-service");
        };
    }

    private Uni<Void> handle(ParzenEvent event) {
        Uni<Void> handled;
        if (event instanceof TaskAccepted accepted) {
            handled = studies.taskCreated(accepted.asTaskCreated());
        } else if (event instanceof ExecutionFinished finished) {
            handled = studies.executionFinished(finished);
        } else {
            handled = studies.taskFinished((TaskFinished) event);
        }
        return handled.onFailure(OptimizerEventsConsumer::isInvalidSpec)
                .transform(failure -> new InvalidEventException(failure.getMessage(), failure));
    }

    /** A task spec the optimizer cannot run is bad input, not a bug: it is dead-lettered with its reason. */
    static boolean isInvalidSpec(Throwable failure) {
        return failure instanceof InvalidTaskSpecException || failure instanceof SpaceException;
    }
}
