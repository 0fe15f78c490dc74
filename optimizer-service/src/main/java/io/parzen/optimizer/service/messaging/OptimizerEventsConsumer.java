package io.parzen.optimizer.service.messaging;

import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.TaskCreated;
import io.parzen.events.TaskFinished;
import io.parzen.optimizer.service.outbox.OutboxPublisher;
import io.parzen.optimizer.service.study.StudyService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the events the optimizer reacts to — {@code TaskCreated}, {@code ExecutionFinished} and
 * {@code TaskFinished} — from one channel subscribed to their three topics, hands each to
 * {@link StudyService} and then asks the outbox publisher to send what the change wrote.
 *
 * <p>Values are read as strings and parsed here, so that a record that is not valid JSON of its event
 * fails like any other invalid record: the returned {@link Uni} fails, the record goes to the
 * dead-letter topic ({@code parzen.dead-letter.optimizer-service}) with the reason, and consumption
 * goes on. Other failures (infrastructure) are retried with backoff before they give up the same way.
 */
@ApplicationScoped
public class OptimizerEventsConsumer {

    private static final Logger LOG = Logger.getLogger(OptimizerEventsConsumer.class);
    private static final Duration RETRY_FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration RETRY_MAX_BACKOFF = Duration.ofSeconds(30);
    /** About five minutes of retries (database restart, lock timeout) before a record counts as poison. */
    private static final long RETRY_ATTEMPTS = 15;

    private final StudyService studies;
    private final OutboxPublisher publisher;

    public OptimizerEventsConsumer(StudyService studies, OutboxPublisher publisher) {
        this.studies = studies;
        this.publisher = publisher;
    }

    @Incoming("optimizer-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Uni<Void> handled;
        try {
            handled = switch (record.topic()) {
                case Events.TOPIC_TASK_CREATED ->
                    studies.taskCreated(EventReader.read(record.value(), TaskCreated.class));
                case Events.TOPIC_EXECUTION_FINISHED ->
                    studies.executionFinished(EventReader.read(record.value(), ExecutionFinished.class));
                case Events.TOPIC_TASK_FINISHED ->
                    studies.taskFinished(EventReader.read(record.value(), TaskFinished.class));
                default -> Uni.createFrom().failure(
                        new InvalidEventException("topic " + record.topic() + " is not consumed by optimizer-service"));
            };
        } catch (RuntimeException e) {
            handled = Uni.createFrom().failure(e);
        }
        return handled
                .onFailure(failure -> !isPoison(failure)).invoke(failure -> LOG.warnf(
                        "Handling %s-%d@%d failed (%s); retrying", record.topic(), record.partition(), record.offset(),
                        failure.toString()))
                .onFailure(failure -> !isPoison(failure)).retry()
                .withBackOff(RETRY_FIRST_BACKOFF, RETRY_MAX_BACKOFF).atMost(RETRY_ATTEMPTS)
                .onFailure().invoke(failure -> LOG.warnf("Record %s-%d@%d (key %s) goes to the dead-letter topic: %s",
                        record.topic(), record.partition(), record.offset(), record.key(), failure.getMessage()))
                .onTermination().invoke(publisher::kick);
    }

    /**
     * True for failures that another attempt cannot fix: an invalid record or task spec
     * ({@link InvalidEventException}, {@code InvalidTaskSpecException}, {@code SpaceException} are all
     * {@link IllegalArgumentException}s). Anything else (the database is down, a lock timed out) is
     * retried with backoff first, so a valid event is not sent to the dead-letter topic by an outage.
     */
    static boolean isPoison(Throwable failure) {
        return failure instanceof IllegalArgumentException;
    }
}
