package io.parzen.optimizer.service.messaging;

import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskFinished;
import io.parzen.messaging.inbound.BatchInbound;
import io.parzen.messaging.inbound.BatchInbound.Traced;
import io.parzen.messaging.inbound.InvalidEventException;
import io.parzen.messaging.outbox.OutboxPublisher;
import io.parzen.optimizer.service.study.InvalidTaskSpecException;
import io.parzen.optimizer.service.study.StudyService;
import io.parzen.optimizer.space.SpaceException;
import io.parzen.events.ParzenEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the events the optimizer reacts to — {@code TaskAccepted}, {@code ExecutionFinished} and
 * {@code TaskFinished} — from one channel subscribed to their three topics, hands each to
 * {@link StudyService} and then asks the outbox publisher to send what the change wrote.
 *
 * <p>The messaging kit's inbound rule applies ({@code Inbound}): a record that is not valid JSON of its
 * event, or a task spec the optimizer cannot run ({@code InvalidTaskSpecException}, {@code SpaceException}),
 * goes to the dead-letter topic ({@code parzen.dead-letter.optimizer-service}) with the reason; a
 * transient failure (the database restarted, a lock timed out) is retried with backoff first; a bug is
 * logged, not dead-lettered.
 *
 * <p>A poll at a time ({@code batch=true}, at most {@code max.poll.records} records, docs/decisions/0037), through
 * the kit's {@link BatchInbound} (docs/decisions/0036):
 * <ul>
 * <li>each record is read alone with the rules above; an invalid one is handled as a record alone, so it reaches
 * the dead-letter topic with the same headers (the record alone is nacked), and the others go on;</li>
 * <li>the valid records are handled in the order the poll holds them (partition by partition, as one at a time
 * did): each run of consecutive {@code ExecutionFinished} is applied
 * in ONE transaction ({@link StudyService#executionsFinished}: per task, in order, studies locked in task-id
 * order), each finish in its record's {@code CONSUMER} span; a {@code TaskAccepted} or {@code TaskFinished}
 * ends the run and is handled alone, as before, so each record sees the state the records before it left;</li>
 * <li>if any of that fails, each valid event of the poll is handled alone, as a record always was (its own
 * transaction, retries with backoff, the dead-letter topic when they run out, a bug logged and skipped);
 * idempotency makes applying again what was applied or rolled back safe;</li>
 * <li>the poll is acknowledged (its offsets committed) only when all that is done.</li>
 * </ul>
 */
@ApplicationScoped
public class OptimizerEventsConsumer {

    private final StudyService studies;
    private final OutboxPublisher publisher;
    private final BatchInbound batchInbound;

    public OptimizerEventsConsumer(StudyService studies, OutboxPublisher publisher, BatchInbound batchInbound) {
        this.studies = studies;
        this.publisher = publisher;
        this.batchInbound = batchInbound;
    }

    @Incoming("optimizer-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return batchInbound.consumeTraced(batch, OptimizerEventsConsumer::read, this::handleAll, this::handle)
                .onTermination().invoke(publisher::kick);
    }

    /**
     * The valid events of a poll in their order: each run of consecutive {@code ExecutionFinished} in one
     * transaction ({@link StudyService#executionsFinished}), a {@code TaskAccepted} or {@code TaskFinished} alone
     * in its own, each in its record's span. A failure anywhere fails the whole, and the kit then handles every
     * event of the poll alone (the ones already applied are duplicates then, and ignored as such).
     */
    private Uni<Void> handleAll(List<Traced<ParzenEvent>> events) {
        List<Supplier<Uni<Void>>> steps = new ArrayList<>();
        List<Traced<ExecutionFinished>> run = new ArrayList<>();
        for (Traced<ParzenEvent> t : events) {
            if (t.event() instanceof ExecutionFinished finished) {
                run.add(new Traced<>(finished, t.trace()));
                continue;
            }
            if (!run.isEmpty()) {
                List<Traced<ExecutionFinished>> finishes = List.copyOf(run);
                steps.add(() -> studies.executionsFinished(finishes));
                run.clear();
            }
            steps.add(() -> t.within(() -> handle(t.event())));
        }
        if (!run.isEmpty()) {
            List<Traced<ExecutionFinished>> finishes = List.copyOf(run);
            steps.add(() -> studies.executionsFinished(finishes));
        }
        return BatchInbound.sequentially(steps);
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
