package io.parzen.task.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.ExecutionStarted;
import io.parzen.events.MetricLogged;
import io.parzen.events.ParzenEvent;
import io.parzen.events.SuggestionRequested;
import io.parzen.events.vocabulary.StatusReason;
import io.parzen.messaging.inbound.InvalidEventException;
import io.parzen.messaging.outbox.OutboxMessage;
import io.parzen.task.support.KafkaSupport;
import io.parzen.task.support.OperatorFlowTest;
import io.parzen.task.support.Simulator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
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
 * Batch consumption (docs/decisions/0035) against a real PostgreSQL: polls made here, record by record, and handed
 * to the consumer as the Kafka connector hands them ({@link IncomingKafkaRecordBatch}, with a commit handler and a
 * failure handler that record what is acknowledged and what is dead-lettered), so that what one poll holds is
 * certain; and one test through the real broker and the channel's dead-letter strategy.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class BatchConsumptionTest extends OperatorFlowTest {

    @Inject
    ExecutionEventConsumer consumer;

    @Inject
    ProbedExecutionTracker tracker;

    /** One poll: records per topic (one partition each, as the test broker has them), offsets counted from 0. */
    private static final class Poll implements KafkaCommitHandler, KafkaFailureHandler {
        private final Map<TopicPartition, List<ConsumerRecord<String, String>>> records = new LinkedHashMap<>();
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final Map<String, Throwable> deadLettered = new ConcurrentHashMap<>();

        Poll add(ParzenEvent event) {
            return add(event, null);
        }

        Poll add(ParzenEvent event, String traceparent) {
            ConsumerRecord<String, String> r = record(Events.Type.of(event).topic(), event.taskId(),
                    KafkaSupport.write(event));
            if (traceparent != null) {
                r.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            }
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
            return records.entrySet().stream()
                    .map(e -> e.getKey().topic() + "@" + (e.getValue().size() - 1)).toList();
        }

        IncomingKafkaRecordBatch<String, String> batch() {
            return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(records), "execution-events", 0, this, this,
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

    private void consume(Poll poll) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> consumer.consume(poll.batch()));
    }

    private static String createTask(int maxExecutions, int batchSize) {
        String body = """
                {"name": "batches", "type": "random_search", "command": "python3 train.py {parameters}",
                 "parameters": [{"name": "x", "distribution": "uniform", "min": 0, "max": 1}],
                 "maxExecutions": %d, "batchSize": %d, "target": {"metric": "acc", "value": 1.0}}
                """.formatted(maxExecutions, batchSize);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/tasks").then().statusCode(201)
                .extract().path("id");
    }

    private static JsonPath task(String id) {
        return given().get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath executions(String id) {
        return given().get("/api/v1/tasks/" + id + "/executions").then().statusCode(200).extract().jsonPath();
    }

    /** The outbox rows of a task's events of {@code topic} (committed: what is or will be published). */
    private static List<OutboxMessage> outbox(String taskId, String topic) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> OutboxMessage
                .<OutboxMessage>list("recordKey = ?1 and topic = ?2", taskId, topic)));
    }

    /** The transactions the tracker ran that held any of {@code eventIds}, as their event ids. */
    private List<List<String>> transactionsOf(List<String> eventIds) {
        return tracker.transactions().stream().filter(t -> t.stream().anyMatch(eventIds::contains)).toList();
    }

    private static ExecutionFinished finished(String taskId, int seq, int attempt, String status, String reason) {
        Instant now = Instant.now();
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, taskId, now,
                Events.executionId(taskId, seq), seq, status, "complete".equals(status) ? 0 : null, reason,
                Map.of("acc", 0.5 + seq / 10.0), now.minusSeconds(2), now, reason, attempt);
    }

    private static String traceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void severalTasksAndABadRecordInOnePollAreOneTransactionAndOneDeadLetter() throws Throwable {
        String a = createTask(2, 2);
        String b = createTask(2, 2);
        String c = createTask(3, 3);
        Simulator sa = new Simulator(a);
        Simulator sb = new Simulator(b);
        Simulator sc = new Simulator(c);
        String traceA = traceId();
        String traceB = traceId();
        Poll poll = new Poll();
        List<ParzenEvent> valid = new ArrayList<>();
        // suggestions of the three tasks interleaved, a bad record in the middle of their partition
        for (ParzenEvent e : List.<ParzenEvent>of(sa.suggestion(1, 1, Map.of("x", 0.1)),
                sb.suggestion(1, 1, Map.of("x", 0.2)), sc.suggestion(1, 1, Map.of("x", 0.3)))) {
            poll.add(e);
            valid.add(e);
        }
        String bad = poll.addRaw(Events.TOPIC_SUGGESTION_REQUESTED, b, "{this is not json");
        for (ParzenEvent e : List.<ParzenEvent>of(sa.suggestion(2, 1, Map.of("x", 0.4)),
                sb.suggestion(2, 1, Map.of("x", 0.5)), sa.started(1), sb.started(1), sc.started(1),
                sa.finished(1, "complete", Map.of("acc", 0.6)), sb.finished(1, "complete", Map.of("acc", 0.7)))) {
            poll.add(e);
            valid.add(e);
        }
        // the last finish of a and of b, each in a trace of its own: each TaskFinished continues its record's trace
        ExecutionFinished lastA = sa.finished(2, "complete", Map.of("acc", 0.8));
        ExecutionFinished lastB = sb.finished(2, "error", Map.of());
        poll.add(lastA, "00-" + traceA + "-00f067aa0ba902b7-01");
        poll.add(lastB, "00-" + traceB + "-00f067aa0ba902b7-01");
        valid.add(lastA);
        valid.add(lastB);

        consume(poll);

        List<String> ids = valid.stream().map(ParzenEvent::eventId).toList();
        assertThat(transactionsOf(ids)).as("one transaction for the whole poll").hasSize(1);
        assertThat(transactionsOf(ids).get(0)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(tracker.failed()).doesNotContainAnyElementsOf(ids);
        assertThat(poll.deadLettered).containsOnlyKeys(bad);
        assertThat(poll.deadLettered.get(bad)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not a valid SuggestionRequested JSON document");
        assertThat(poll.acknowledged).containsAll(poll.lastOfEachTopic());

        JsonPath ta = task(a);
        assertThat(ta.getString("status")).isEqualTo("complete");
        assertThat(ta.getInt("statusSummary.complete")).isEqualTo(2);
        JsonPath tb = task(b);
        assertThat(tb.getString("status")).as("b's second execution failed: continue-and-error").isEqualTo("error");
        JsonPath tc = task(c);
        assertThat(tc.getString("status")).isEqualTo("started");
        assertThat(executions(c).getList("status", String.class)).containsExactly("started");
        assertThat(outbox(c, Events.TOPIC_TASK_FINISHED)).isEmpty();

        List<OutboxMessage> finishedA = outbox(a, Events.TOPIC_TASK_FINISHED);
        List<OutboxMessage> finishedB = outbox(b, Events.TOPIC_TASK_FINISHED);
        assertThat(finishedA).hasSize(1);
        assertThat(finishedB).hasSize(1);
        assertThat(finishedA.get(0).traceparent).contains(traceA);
        assertThat(finishedB.get(0).traceparent).contains(traceB);
    }

    @Test
    void duplicatesInOnePollAreAppliedOnce() throws Throwable {
        String id = createTask(2, 2);
        Simulator sim = new Simulator(id);
        SuggestionRequested s1 = sim.suggestion(1, 1, Map.of("x", 0.1));
        SuggestionRequested s2 = sim.suggestion(2, 1, Map.of("x", 0.2));
        ExecutionStarted started1 = sim.started(1);
        MetricLogged metric1 = sim.metric(1, 1, Map.of("acc", 0.3));
        ExecutionFinished lost = finished(id, 1, 1, "crashed", StatusReason.EXECUTOR_LOST.wireName());
        ExecutionFinished done2 = finished(id, 2, 1, "complete", null);
        Poll poll = new Poll();
        // each record twice (a redelivery), the finish of 2 also as a twin of another event id
        for (ParzenEvent e : List.<ParzenEvent>of(s1, s2, started1, metric1, lost, done2)) {
            poll.add(e);
            poll.add(e);
        }
        poll.add(finished(id, 2, 1, "complete", null));

        consume(poll);

        assertThat(transactionsOf(List.of(s1.eventId()))).hasSize(1);
        assertThat(poll.deadLettered).isEmpty();
        JsonPath e = executions(id);
        assertThat(e.getList("id", String.class)).containsExactly(Events.executionId(id, 1),
                Events.executionId(id, 2));
        // the lost attempt once in the history: the execution runs again as attempt 2, once
        assertThat(e.getInt("[0].attempt")).isEqualTo(2);
        assertThat(e.getString("[0].status")).isEqualTo("queued");
        assertThat(e.getList("[0].attempts.status", String.class)).containsExactly("crashed", "queued");
        assertThat(e.getString("[1].status")).isEqualTo("complete");
        assertThat(e.getList("[1].attempts")).hasSize(1);
        JsonPath t = task(id);
        assertThat(t.getString("status")).isEqualTo("started");
        assertThat(t.getInt("statusSummary.complete")).isEqualTo(1);
        assertThat(t.getInt("statusSummary.queued")).isEqualTo(1);
    }

    @Test
    void aPollWhoseTransactionFailsIsAppliedEventByEventExactlyOnce() throws Throwable {
        String id = createTask(2, 2);
        Simulator sim = new Simulator(id);
        List<ParzenEvent> events = List.of(sim.suggestion(1, 1, Map.of("x", 0.1)),
                sim.suggestion(2, 1, Map.of("x", 0.2)), sim.started(1), sim.started(2),
                sim.metric(1, 1, Map.of("acc", 0.3)), sim.metric(1, 2, Map.of("acc", 0.4)),
                finished(id, 1, 1, "complete", null), finished(id, 2, 1, "complete", null));
        Poll poll = new Poll();
        events.forEach(poll::add);
        ParzenEvent poison = events.get(events.size() - 1);
        tracker.failOnceWith(poison.eventId());

        consume(poll);

        List<String> ids = events.stream().map(ParzenEvent::eventId).toList();
        assertThat(tracker.failed()).contains(poison.eventId());
        List<List<String>> transactions = transactionsOf(ids);
        // the poll's transaction (rolled back), then each event alone, in the poll's order
        assertThat(transactions).hasSize(1 + ids.size());
        assertThat(transactions.get(0)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(transactions.subList(1, transactions.size()).stream().map(t -> t.get(0)).toList())
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(transactions.subList(1, transactions.size())).allMatch(t -> t.size() == 1);
        assertThat(poll.deadLettered).isEmpty();
        assertThat(poll.acknowledged).containsAll(poll.lastOfEachTopic());

        JsonPath t = task(id);
        assertThat(t.getString("status")).isEqualTo("complete");
        assertThat(t.getString("statusReason")).isEqualTo("max-executions-reached");
        JsonPath e = executions(id);
        assertThat(e.getList("status", String.class)).containsExactly("complete", "complete");
        assertThat(e.getList("attempt", Integer.class)).containsExactly(1, 1);
        assertThat(e.getDouble("[0].metrics.acc")).as("the finish's metrics are the latest").isEqualTo(0.6);
        assertThat(outbox(id, Events.TOPIC_TASK_FINISHED)).as("one TaskFinished: the rolled-back one is gone")
                .hasSize(1);
    }

    @Test
    void aPollOfMaxPollRecordsIsOneTransaction() throws Throwable {
        // 500 events (max.poll.records), none of which needs a round trip of its own: handled in a loop, not as
        // one continuation inside the other (which overflowed the stack and left the poll's Uni hanging)
        String id = createTask(250, 10);
        Simulator sim = new Simulator(id);
        Poll poll = new Poll();
        List<String> ids = new ArrayList<>();
        for (int seq = 1; seq <= 250; seq++) {
            SuggestionRequested s = sim.suggestion(seq, (seq - 1) / 10 + 1, Map.of("x", seq / 1000.0));
            poll.add(s);
            ids.add(s.eventId());
        }
        for (int seq = 1; seq <= 250; seq++) {
            ExecutionStarted s = sim.started(seq);
            poll.add(s);
            ids.add(s.eventId());
        }

        VertxContextSupport.subscribeAndAwait(() -> consumer.consume(poll.batch())
                .ifNoItem().after(Duration.ofSeconds(60)).fail());

        assertThat(transactionsOf(ids)).hasSize(1);
        assertThat(transactionsOf(ids).get(0)).hasSize(500);
        assertThat(poll.acknowledged).containsAll(poll.lastOfEachTopic());
        assertThat(task(id).getInt("statusSummary.started")).isEqualTo(250);
    }

    @Test
    void badRecordsAmongValidOnesOnTheBrokerGoToTheDeadLetterTopicWithTheirReasons() {
        String id = createTask(2, 2);
        Simulator sim = new Simulator(id);
        kafka.send(sim.suggestion(1, 1, Map.of("x", 0.1)));
        kafka.sendRaw(Events.TOPIC_SUGGESTION_REQUESTED, id, "{\"eventId\": \"bad-seq\", \"schemaVersion\": 1,"
                + " \"taskId\": \"" + id + "\", \"executionId\": \"" + id + "-9\", \"seq\": 0}");
        kafka.sendRaw(Events.TOPIC_EXECUTION_STARTED, id, "{this is not json");
        kafka.send(sim.suggestion(2, 1, Map.of("x", 0.2)));
        kafka.send(sim.finished(1, "complete", Map.of("acc", 0.5)));
        kafka.send(sim.finished(2, "complete", Map.of("acc", 0.6)));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> "complete".equals(task(id).getString("status"))
                        && kafka.records(KafkaSupport.DEAD_LETTER_TOPIC, id).size() == 2);
        List<ConsumerRecord<String, String>> dead = new ArrayList<>(kafka.records(KafkaSupport.DEAD_LETTER_TOPIC, id));
        dead.sort((x, y) -> KafkaSupport.header(x, "dead-letter-topic")
                .compareTo(KafkaSupport.header(y, "dead-letter-topic")));
        assertThat(KafkaSupport.header(dead.get(0), "dead-letter-topic")).isEqualTo(Events.TOPIC_EXECUTION_STARTED);
        assertThat(dead.get(0).value()).isEqualTo("{this is not json");
        assertThat(KafkaSupport.header(dead.get(0), "dead-letter-reason"))
                .contains("not a valid ExecutionStarted JSON document");
        assertThat(KafkaSupport.header(dead.get(1), "dead-letter-topic")).isEqualTo(Events.TOPIC_SUGGESTION_REQUESTED);
        assertThat(KafkaSupport.header(dead.get(1), "dead-letter-reason")).contains("seq must be >= 1");
        assertThat(KafkaSupport.header(dead.get(1), "dead-letter-offset")).isNotBlank();
        assertThat(KafkaSupport.header(dead.get(1), "dead-letter-partition")).matches("[0-9]+");
        assertThat(executions(id).getList("status", String.class)).containsExactly("complete", "complete");
    }
}
