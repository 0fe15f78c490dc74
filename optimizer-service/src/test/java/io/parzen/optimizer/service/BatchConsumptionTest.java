package io.parzen.optimizer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ParameterSpec;
import io.parzen.events.ParzenEvent;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskAccepted;
import io.parzen.events.TaskFinished;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.StatusReason;
import io.parzen.messaging.inbound.InvalidEventException;
import io.parzen.optimizer.service.messaging.OptimizerEventsConsumer;
import io.parzen.optimizer.service.study.ProbedStudyService;
import io.parzen.optimizer.service.support.FlowTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * Batch consumption of {@code optimizer-events} (docs/decisions/0037) against a real Kafka broker and PostgreSQL:
 * the studies are created through the broker; the finishes are handed to the consumer as polls made here, as the
 * Kafka connector hands them ({@link IncomingKafkaRecordBatch}, with a commit handler and a failure handler that
 * record what is acknowledged and what is dead-lettered), so that what one poll holds is certain. The proposals
 * are compared with a twin study (same spec and seed) whose finishes go through the broker one at a time.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class BatchConsumptionTest extends FlowTest {

    private static final String SR = Events.TOPIC_SUGGESTION_REQUESTED;
    private static final Duration QUIET = Duration.ofMillis(1500);

    @Inject
    OptimizerEventsConsumer consumer;

    @Inject
    ProbedStudyService studies;

    /** One poll: records per topic (one partition each), offsets counted from 0. */
    private static final class Poll implements KafkaCommitHandler, KafkaFailureHandler {
        private final Map<TopicPartition, List<ConsumerRecord<String, String>>> records = new LinkedHashMap<>();
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final Map<String, Throwable> deadLettered = new ConcurrentHashMap<>();

        Poll add(ParzenEvent event) {
            record(Events.Type.of(event).topic(), event.taskId(), write(event));
            return this;
        }

        /** Adds a record of any value; answers its coordinates ({@code topic@offset}). */
        String addRaw(String topic, String key, String value) {
            ConsumerRecord<String, String> r = record(topic, key, value);
            return topic + "@" + r.offset();
        }

        private ConsumerRecord<String, String> record(String topic, String key, String value) {
            List<ConsumerRecord<String, String>> list = records.computeIfAbsent(new TopicPartition(topic, 0),
                    tp -> new ArrayList<>());
            ConsumerRecord<String, String> r = new ConsumerRecord<>(topic, 0, list.size(), key, value);
            list.add(r);
            return r;
        }

        /** The coordinates of the last record of every topic: what acknowledging the whole poll commits. */
        List<String> lastOfEachTopic() {
            return records.entrySet().stream().map(e -> e.getKey().topic() + "@" + (e.getValue().size() - 1)).toList();
        }

        IncomingKafkaRecordBatch<String, String> batch() {
            return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(records), "optimizer-events", 0, this, this,
                    false, false);
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            acknowledged.add(record.getTopic() + "@" + record.getOffset());
            return Uni.createFrom().voidItem();
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            // as the dead-letter strategy does: the record is written elsewhere, then acknowledged
            deadLettered.put(record.getTopic() + "@" + record.getOffset(), reason);
            return Uni.createFrom().completionStage(record.ack());
        }
    }

    @Test
    void aPollOfOneTasksFinishesProposesTheSameBatchAsOneAtATime() throws Throwable {
        String alone = newTaskId("alone");
        String polled = newTaskId("polled");
        kafka.send(TaskAccepted.of(alone, spec(8, 4, 11L)));
        kafka.send(TaskAccepted.of(polled, spec(8, 4, 11L)));
        List<SuggestionRequested> firstAlone = suggestions(kafka.awaitRecords(SR, alone, 4));
        List<SuggestionRequested> firstPolled = suggestions(kafka.awaitRecords(SR, polled, 4));
        assertThat(firstPolled).extracting(SuggestionRequested::parameters)
                .containsExactlyElementsOf(firstAlone.stream().map(SuggestionRequested::parameters).toList());

        double[] accuracy = {0.61, 0.42, 0.93, 0.25};
        Poll poll = new Poll();
        List<String> ids = new ArrayList<>();
        for (int seq = 1; seq <= 4; seq++) {
            kafka.send(finished(alone, seq, "complete", null, 1, Map.of("accuracy", accuracy[seq - 1])));
            ExecutionFinished f = finished(polled, seq, "complete", null, 1, Map.of("accuracy", accuracy[seq - 1]));
            poll.add(f);
            ids.add(f.eventId());
        }
        consume(poll);

        assertThat(transactionsOf(ids)).as("one transaction for the poll").containsExactly(ids);
        assertThat(poll.deadLettered).isEmpty();
        assertThat(poll.acknowledged).containsAll(poll.lastOfEachTopic());
        List<SuggestionRequested> secondAlone = suggestions(kafka.awaitRecords(SR, alone, 8)).subList(4, 8);
        List<SuggestionRequested> secondPolled = suggestions(kafka.awaitRecords(SR, polled, 8)).subList(4, 8);
        assertThat(secondPolled).extracting(SuggestionRequested::batch).containsOnly(2);
        assertThat(secondPolled).extracting(SuggestionRequested::seq).containsExactly(5, 6, 7, 8);
        assertThat(secondPolled).extracting(SuggestionRequested::source)
                .containsExactlyElementsOf(secondAlone.stream().map(SuggestionRequested::source).toList());
        assertThat(secondPolled).extracting(SuggestionRequested::parameters)
                .containsExactlyElementsOf(secondAlone.stream().map(SuggestionRequested::parameters).toList());
        kafka.assertStays(SR, polled, 8, QUIET);
    }

    /**
     * An asynchronous study refills each free slot: two finishes in one poll lead to two refills in its one
     * transaction, and the second sees the trial the first issued as pending (it is not flushed yet), so the poll
     * issues what one at a time issues — no more (docs/decisions/0040).
     */
    @Test
    void aPollOfAnAsynchronousStudyCountsTheTrialsItIssuedAsPending() throws Throwable {
        String alone = newTaskId("async-alone");
        String polled = newTaskId("async-polled");
        kafka.send(TaskAccepted.of(alone, asynchronousSpec(6, 3, 2, 5L)));
        kafka.send(TaskAccepted.of(polled, asynchronousSpec(6, 3, 2, 5L)));
        kafka.awaitRecords(SR, alone, 2);
        kafka.awaitRecords(SR, polled, 2);

        kafka.send(finished(alone, 1, "complete", null, 1, Map.of("accuracy", 0.5)));
        kafka.awaitRecords(SR, alone, 3);
        kafka.send(finished(alone, 2, "complete", null, 1, Map.of("accuracy", 0.6)));
        List<SuggestionRequested> oneAtATime = suggestions(kafka.awaitRecords(SR, alone, 4));

        ExecutionFinished first = finished(polled, 1, "complete", null, 1, Map.of("accuracy", 0.5));
        ExecutionFinished second = finished(polled, 2, "complete", null, 1, Map.of("accuracy", 0.6));
        Poll poll = new Poll().add(first).add(second).add(second); // the second one twice: redelivered
        consume(poll);

        assertThat(transactionsOf(List.of(first.eventId()))).as("one transaction for the poll")
                .containsExactly(List.of(first.eventId(), second.eventId(), second.eventId()));
        List<SuggestionRequested> polledAll = suggestions(kafka.awaitRecords(SR, polled, 4));
        assertThat(polledAll).extracting(SuggestionRequested::seq).containsExactly(1, 2, 3, 4);
        assertThat(polledAll).extracting(SuggestionRequested::batch)
                .containsExactlyElementsOf(oneAtATime.stream().map(SuggestionRequested::batch).toList());
        assertThat(polledAll).extracting(SuggestionRequested::parameters)
                .containsExactlyElementsOf(oneAtATime.stream().map(SuggestionRequested::parameters).toList());
        kafka.assertStays(SR, polled, 4, QUIET);
        assertThat(study(polled).getList("trials.state", String.class)).containsExactly("complete", "complete",
                "pending", "pending");
    }

    @Test
    void severalTasksAndABadRecordInOnePollAreOneTransactionAndOneDeadLetter() throws Throwable {
        String a = newTaskId("a");
        String b = newTaskId("b");
        kafka.send(TaskAccepted.of(a, spec(4, 2, null)));
        kafka.send(TaskAccepted.of(b, spec(4, 2, null)));
        kafka.awaitRecords(SR, a, 2);
        kafka.awaitRecords(SR, b, 2);

        Poll poll = new Poll();
        List<ExecutionFinished> valid = List.of(finished(a, 1, "complete", null, 1, Map.of("accuracy", 0.5)),
                finished(b, 1, "complete", null, 1, Map.of("accuracy", 0.6)),
                finished(b, 2, "error", StatusReason.EXIT_CODE.wireName(), 1, Map.of()));
        poll.add(valid.get(0)).add(valid.get(1));
        String bad = poll.addRaw(Events.TOPIC_EXECUTION_FINISHED, a, "{this is not json");
        ExecutionFinished lastA = finished(a, 2, "complete", null, 1, Map.of("accuracy", 0.7));
        poll.add(valid.get(2)).add(lastA);
        consume(poll);

        List<String> ids = List.of(valid.get(0).eventId(), valid.get(1).eventId(), valid.get(2).eventId(),
                lastA.eventId());
        assertThat(transactionsOf(ids)).as("the poll's valid finishes, of two tasks: one transaction")
                .containsExactly(ids);
        assertThat(poll.deadLettered).containsOnlyKeys(bad);
        assertThat(poll.deadLettered.get(bad)).isInstanceOf(InvalidEventException.class);
        assertThat(poll.acknowledged).containsAll(poll.lastOfEachTopic());

        assertThat(study(a).getList("trials.state", String.class)).containsExactly("complete", "complete",
                "pending", "pending");
        assertThat(study(b).getList("trials.state", String.class)).containsExactly("complete", "failed",
                "pending", "pending");
        assertThat(suggestions(kafka.awaitRecords(SR, a, 4))).extracting(SuggestionRequested::batch)
                .containsExactly(1, 1, 2, 2);
        kafka.assertStays(SR, b, 4, QUIET);
    }

    @Test
    void aTaskFinishedAheadOfTheFinishesInAPollStopsTheStudyBeforeThem() throws Throwable {
        String id = newTaskId("stopped");
        kafka.send(TaskAccepted.of(id, spec(4, 2, null)));
        kafka.awaitRecords(SR, id, 2);
        ExecutionFinished first = finished(id, 1, "complete", null, 1, Map.of("accuracy", 0.5));
        ExecutionFinished second = finished(id, 2, "complete", null, 1, Map.of("accuracy", 0.6));
        // a poll holds its records partition by partition: here the task-finished one first, as one at a time
        Poll poll = new Poll().add(TaskFinished.of(id, "stopped", "user-stopped")).add(first).add(second);
        consume(poll);

        List<String> ids = List.of(first.eventId(), second.eventId());
        assertThat(transactionsOf(ids)).containsExactly(ids);
        assertThat(poll.acknowledged).containsAll(poll.lastOfEachTopic());
        JsonPath study = study(id);
        assertThat(study.getString("status")).isEqualTo("finished");
        assertThat(study.getList("trials.state", String.class)).containsExactly("complete", "complete");
        kafka.assertStays(SR, id, 2, QUIET); // the finishes came after the stop: no batch 2
    }

    @Test
    void aPollWhoseTransactionFailsIsAppliedEventByEventExactlyOnce() throws Throwable {
        String id = newTaskId("fallback");
        kafka.send(TaskAccepted.of(id, spec(6, 3, null)));
        kafka.awaitRecords(SR, id, 3);
        ExecutionFinished lost = finished(id, 1, "crashed", StatusReason.EXECUTOR_LOST.wireName(), 1, Map.of());
        ExecutionFinished done2 = finished(id, 2, "complete", null, 1, Map.of("accuracy", 0.4));
        ExecutionFinished done3 = finished(id, 3, "complete", null, 1, Map.of("accuracy", 0.3));
        Poll poll = new Poll().add(lost).add(done2).add(done2).add(done3);
        studies.failOnceWith(done3.eventId());
        consume(poll);

        List<String> ids = List.of(lost.eventId(), done2.eventId(), done2.eventId(), done3.eventId());
        assertThat(transactionsOf(ids)).as("the poll's transaction, failed, then each alone")
                .contains(ids);
        assertThat(poll.deadLettered).isEmpty();
        assertThat(poll.acknowledged).containsAll(poll.lastOfEachTopic());
        // the lost execution runs again as attempt 2 — once; the duplicate and the rolled-back work change nothing
        List<SuggestionRequested> all = suggestions(kafka.awaitRecords(SR, id, 4));
        assertThat(all.get(3).seq()).isEqualTo(1);
        assertThat(all.get(3).attempt()).isEqualTo(2);
        kafka.assertStays(SR, id, 4, QUIET);
        JsonPath study = study(id);
        assertThat(study.getList("trials.state", String.class)).containsExactly("pending", "complete", "complete");
        assertThat(study.getList("trials.attempt", Integer.class)).containsExactly(2, 1, 1);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private void consume(Poll poll) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> consumer.consume(poll.batch()));
    }

    /** The poll transactions that held any of {@code eventIds}, as their event ids. */
    private List<List<String>> transactionsOf(List<String> eventIds) {
        return studies.transactions().stream().filter(t -> t.stream().anyMatch(eventIds::contains)).toList();
    }

    private static String newTaskId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A Bayesian (TPE) study: its second batch depends on what the first one observed. */
    private static TaskSpec spec(int max, int batch, Long seed) {
        return new TaskSpec("batch", "bayesian_tpe", null, "python train.py {parameters}", ".",
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null),
                        ParameterSpec.of("layers", "integer", 1.0, 8.0, null, null)),
                null, max, batch, batch, new TargetSpec("accuracy", null, "maximize"), null, seed, null, null, null,
                600L);
    }

    /** As {@link #spec}, asynchronous: each free slot is refilled at once, at most {@code maxQueued} pending. */
    private static TaskSpec asynchronousSpec(int max, int batch, int maxQueued, Long seed) {
        return new TaskSpec("batch", "bayesian_tpe", null, "python train.py {parameters}", ".",
                List.of(ParameterSpec.of("x", "uniform", 0.0, 1.0, null, null),
                        ParameterSpec.of("layers", "integer", 1.0, 8.0, null, null)),
                null, max, batch, batch, new TargetSpec("accuracy", null, "maximize"), null, seed, "asynchronous",
                null, maxQueued, 600L);
    }

    private static ExecutionFinished finished(String taskId, int seq, String status, String statusReason, int attempt,
            Map<String, Object> metrics) {
        Instant now = Instant.now();
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, now,
                Events.executionId(taskId, seq), seq, status, "complete".equals(status) ? 0 : 1, null, metrics, now,
                now, statusReason, attempt);
    }

    private static String write(ParzenEvent event) {
        try {
            return Events.mapper().writeValueAsString(event);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
