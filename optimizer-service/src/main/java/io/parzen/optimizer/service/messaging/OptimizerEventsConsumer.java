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
import io.parzen.messaging.tracing.TraceContext;
import io.parzen.messaging.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

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
 *
 * <p>A poll at a time ({@code batch=true}, at most {@code max.poll.records} records, docs/decisions/0037):
 * <ul>
 * <li>each record is read alone with the rules above; an invalid one is handled as a record alone, so it reaches
 * the dead-letter topic with the same headers (the record alone is nacked), and the others go on;</li>
 * <li>the valid records are handled in the order the poll holds them (partition by partition, as one at a time
 * did): each run of consecutive {@code ExecutionFinished} is applied
 * in ONE transaction ({@link StudyService#executionsFinished}: per task, in order, studies locked in task-id
 * order), each finish in its record's {@code CONSUMER} span; a {@code TaskAccepted} or {@code TaskFinished}
 * ends the run and is handled alone, as before, so each record sees the state the records before it left;</li>
 * <li>if a run's transaction fails, each of its finishes is handled alone, as a record always was (its own
 * transaction, retries with backoff, the dead-letter topic when they run out, a bug logged and skipped);
 * idempotency makes applying again what the failed transaction rolled back safe;</li>
 * <li>the poll is acknowledged (its offsets committed) only when all that is done.</li>
 * </ul>
 */
@ApplicationScoped
public class OptimizerEventsConsumer {

    private static final Logger LOG = Logger.getLogger(OptimizerEventsConsumer.class);

    private final StudyService studies;
    private final OutboxPublisher publisher;
    private final Inbound inbound;
    private final Tracing tracing;

    public OptimizerEventsConsumer(StudyService studies, OutboxPublisher publisher, Inbound inbound, Tracing tracing) {
        this.studies = studies;
        this.publisher = publisher;
        this.inbound = inbound;
        this.tracing = tracing;
    }

    @Incoming("optimizer-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<Supplier<Uni<Void>>> steps = new ArrayList<>();
        List<Valid> run = new ArrayList<>();
        for (KafkaRecord<String, String> message : batch.getRecords()) {
            ConsumerRecord<String, String> record = recordOf(message);
            ParzenEvent event;
            try {
                event = read(record);
            } catch (InvalidEventException e) {
                // the kit's rule as for a record alone (log, count, span), then this record to the dead-letter topic
                steps.add(() -> alone(message, record, OptimizerEventsConsumer::read));
                continue;
            }
            if (event instanceof ExecutionFinished finished) {
                Context parent = TraceContext.extract(record.headers());
                Span span = tracing.consumer(parent, record.topic(), record.partition(), record.offset(), record.key());
                run.add(new Valid(message, record, finished, span, parent.with(span)));
                continue;
            }
            if (!run.isEmpty()) {
                List<Valid> finishes = List.copyOf(run);
                steps.add(() -> finishes(finishes));
                run.clear();
            }
            steps.add(() -> alone(message, record, r -> event));
        }
        if (!run.isEmpty()) {
            List<Valid> finishes = List.copyOf(run);
            steps.add(() -> finishes(finishes));
        }
        return StudyService.sequentially(steps)
                .onTermination().invoke(publisher::kick)
                .chain(() -> Uni.createFrom().completionStage(batch::ack))
                .onFailure().recoverWithUni(failure -> {
                    // only a dead letter that could not be written gets here: nothing of the poll is acknowledged,
                    // its records come again after a restart (the throttled commit strategy reports the stall)
                    LOG.errorf(failure, "a poll of %d record(s) is not acknowledged", batch.getRecords().size());
                    return Uni.createFrom().voidItem();
                });
    }

    /** A valid finish of the poll: its event and the {@code CONSUMER} span its handling runs in. */
    private record Valid(KafkaRecord<String, String> message, ConsumerRecord<String, String> record,
            ExecutionFinished event, Span span, Context context) {
    }

    /** A run of finishes in one transaction, or, if it fails, each alone. */
    private Uni<Void> finishes(List<Valid> run) {
        List<StudyService.Finish> finishes = run.stream().map(v -> new StudyService.Finish(v.event(), v.context()))
                .toList();
        return Uni.createFrom().deferred(() -> studies.executionsFinished(finishes))
                .invoke(() -> run.forEach(v -> v.span().end()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("applying %d ExecutionFinished of a poll in one transaction failed (%s); applying each alone",
                            run.size(), failure.toString());
                    run.forEach(v -> {
                        Tracing.fail(v.span(), failure);
                        v.span().end();
                    });
                    List<Supplier<Uni<Void>>> each = new ArrayList<>();
                    for (Valid v : run) {
                        each.add(() -> alone(v.message(), v.record(), r -> v.event()));
                    }
                    return StudyService.sequentially(each);
                });
    }

    /**
     * One record as the kit handles a record alone ({@link Inbound#consume}: its own span and transaction, retries,
     * the log); if the kit gives it up as bad input or after the retries, the record alone is nacked: the failure
     * strategy writes it to the dead-letter topic (with the reason headers) and acknowledges it.
     */
    private Uni<Void> alone(KafkaRecord<String, String> message, ConsumerRecord<String, String> record,
            Function<ConsumerRecord<String, String>, ParzenEvent> read) {
        return inbound.consume(record, read, this::handle)
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(() -> message.nack(failure)));
    }

    private static ConsumerRecord<String, String> recordOf(KafkaRecord<String, String> message) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<String, String> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a record of the poll without its Kafka metadata"));
        return metadata.getRecord();
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
