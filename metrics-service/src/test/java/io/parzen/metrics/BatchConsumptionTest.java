package io.parzen.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionFinished;
import io.parzen.events.MetricLogged;
import io.parzen.events.ParzenEvent;
import io.parzen.messaging.inbound.InvalidEventException;
import io.parzen.messaging.testing.TestKafka;
import io.parzen.metrics.execution.ExecutionFinishedConsumer;
import io.parzen.metrics.execution.ExecutionResult;
import io.parzen.metrics.execution.ProbedExecutionResultService;
import io.parzen.metrics.point.MetricLoggedConsumer;
import io.parzen.metrics.point.MetricPoint;
import io.parzen.metrics.point.ProbedMetricPointService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * Batch consumption (docs/decisions/0036) against a real PostgreSQL: polls made here, record by record, and handed
 * to the consumers as the Kafka connector hands them ({@link IncomingKafkaRecordBatch}, with a commit handler and a
 * failure handler that record what is acknowledged and what is dead-lettered), so that what one poll holds is
 * certain; the point and result services are the real ones, probed ({@link ProbedMetricPointService},
 * {@link ProbedExecutionResultService}) to see each transaction; and one test through the real broker and the
 * channel's dead-letter strategy.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class BatchConsumptionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    MetricLoggedConsumer metricLogged;

    @Inject
    ExecutionFinishedConsumer executionFinished;

    @Inject
    ProbedMetricPointService points;

    @Inject
    ProbedExecutionResultService results;

    /** One poll of one topic (one partition, as the test broker has them), offsets counted from 0. */
    private static final class Poll implements KafkaCommitHandler, KafkaFailureHandler {
        private final String topic;
        private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        final List<Long> acknowledged = new CopyOnWriteArrayList<>();
        final Map<Long, Throwable> deadLettered = new ConcurrentHashMap<>();

        Poll(String topic) {
            this.topic = topic;
        }

        Poll add(ParzenEvent event) {
            return addRaw(event.taskId(), TestKafka.write(event));
        }

        Poll addAll(List<? extends ParzenEvent> events) {
            events.forEach(this::add);
            return this;
        }

        /** Adds a record of any value. */
        Poll addRaw(String key, String value) {
            records.add(new ConsumerRecord<>(topic, 0, records.size(), key, value));
            return this;
        }

        long last() {
            return records.size() - 1;
        }

        KafkaRecordBatch<String, String> batch() {
            Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
            byPartition.put(new TopicPartition(topic, 0), records);
            return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(byPartition), "batch-test", 0, this, this,
                    false, false);
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            acknowledged.add(record.getOffset());
            return Uni.createFrom().voidItem();
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            // as the dead-letter strategy does: the record is written elsewhere, then acknowledged
            deadLettered.put(record.getOffset(), reason);
            return Uni.createFrom().completionStage(record.ack());
        }
    }

    private void consume(Poll poll, Function<KafkaRecordBatch<String, String>, Uni<Void>> consumer) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> consumer.apply(poll.batch())
                .ifNoItem().after(WAIT).fail());
    }

    private static MetricLogged metric(String task, int exec, Integer attempt, int sequence, Map<String, Object> values) {
        return new MetricLogged(Events.newEventId(), Events.SCHEMA_VERSION, task,
                Instant.parse("2026-12-03T12:00:00Z").plusSeconds(exec * 1000L + sequence),
                Events.executionId(task, exec), sequence, values, attempt);
    }

    private static ExecutionFinished finished(String task, int exec, Integer attempt, String status, String reason,
            double loss) {
        Instant at = Instant.parse("2026-12-03T12:00:00Z").plusSeconds(exec * 100L);
        return new ExecutionFinished(Events.newEventId(), Events.SCHEMA_VERSION, task, at, Events.executionId(task, exec),
                exec, status, ExecutionFinished.COMPLETE.equals(status) ? 0 : null, reason, Map.of("loss", loss),
                at.minusSeconds(10), at, reason, attempt);
    }

    /** A copy of a finish under another event id (a twin: the same finish published twice). */
    private static ExecutionFinished twin(ExecutionFinished f, String status, double loss) {
        return new ExecutionFinished(Events.newEventId(), f.schemaVersion(), f.taskId(), f.occurredAt().plusSeconds(1),
                f.executionId(), f.seq(), status, f.exitCode(), f.reason(), Map.of("loss", loss), f.startedAt(),
                f.finishedAt(), f.statusReason(), f.attempt());
    }

    private static List<MetricPoint> pointsOf(String task) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> MetricPoint
                .<MetricPoint>list("taskId = ?1 order by executionId, attempt, sequence, key", task)));
    }

    /** {@link #pointsOf} for a condition of Awaitility (which takes no Throwable). */
    private static int pointCount(String task) {
        try {
            return pointsOf(task).size();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static Map<String, ExecutionResult> resultsOf(String task) throws Throwable {
        List<ExecutionResult> list = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> ExecutionResult.<ExecutionResult>list("taskId", task)));
        return list.stream().collect(Collectors.toMap(r -> r.executionId, r -> r));
    }

    /** A point as {@code executionId/attempt/sequence/key=value}. */
    private static String describe(MetricPoint p) {
        return p.executionId + "/" + p.attempt + "/" + p.sequence + "/" + p.key + "=" + p.value;
    }

    private List<List<String>> pointTransactionsOf(List<String> eventIds) {
        return points.transactions().stream().filter(t -> t.stream().anyMatch(eventIds::contains)).toList();
    }

    private List<List<String>> resultTransactionsOf(List<String> eventIds) {
        return results.transactions().stream().filter(t -> t.stream().anyMatch(eventIds::contains)).toList();
    }

    private static List<String> ids(List<? extends ParzenEvent> events) {
        return events.stream().map(ParzenEvent::eventId).toList();
    }

    @Test
    void manyMetricLoggedInOnePollAreOneTransactionAndEachPointIsStoredOnce() throws Throwable {
        String task = KafkaSupport.newTaskId();
        // 500 events (max.poll.records) of 3 keys: 1,500 points, more than one insert statement holds
        List<MetricLogged> events = new ArrayList<>();
        for (int exec = 1; exec <= 5; exec++) {
            for (int sequence = 1; sequence <= 100; sequence++) {
                events.add(metric(task, exec, null, sequence, Map.of("loss", 1.0 / sequence, "epoch", sequence,
                        "acc", exec / 10.0)));
            }
        }
        Poll poll = new Poll(Events.TOPIC_METRIC_LOGGED).addAll(events);
        // within the poll: a redelivery of one event, and a twin of another (other event id, other values)
        poll.add(events.get(10));
        MetricLogged twin = metric(task, 1, null, 20, Map.of("loss", 99.0, "epoch", 99, "acc", 99.0, "extra", 7));
        poll.add(twin);

        consume(poll, metricLogged::consume);

        List<String> ids = new ArrayList<>(ids(events));
        ids.add(twin.eventId());
        List<List<String>> transactions = pointTransactionsOf(ids);
        assertThat(transactions).as("one transaction for the whole poll").hasSize(1);
        assertThat(transactions.get(0)).hasSize(502).containsAll(ids);
        assertThat(points.alone()).doesNotContainAnyElementsOf(ids);
        assertThat(poll.deadLettered).isEmpty();
        assertThat(poll.acknowledged).containsExactly(poll.last());

        List<MetricPoint> stored = pointsOf(task);
        // 1,500 points, and the twin's new key: the first event of a natural key wins, a new key of a twin is stored
        assertThat(stored).hasSize(1501);
        assertThat(stored.stream().map(p -> p.executionId + "/" + p.sequence + "/" + p.key).distinct()).hasSize(1501);
        MetricPoint loss20 = stored.stream().filter(p -> p.executionId.equals(Events.executionId(task, 1))
                && p.sequence == 20 && p.key.equals("loss")).findFirst().orElseThrow();
        assertThat(loss20.value).isEqualTo(1.0 / 20);
        assertThat(stored).filteredOn(p -> p.key.equals("extra")).hasSize(1);

        // the same poll delivered again (a rebalance, a restart before the commit): nothing changes
        List<String> before = stored.stream().map(BatchConsumptionTest::describe).toList();
        Poll again = new Poll(Events.TOPIC_METRIC_LOGGED).addAll(events);
        again.add(twin);
        consume(again, metricLogged::consume);
        assertThat(pointTransactionsOf(ids)).hasSize(2);
        assertThat(pointsOf(task).stream().map(BatchConsumptionTest::describe).toList())
                .containsExactlyElementsOf(before);
        assertThat(again.acknowledged).containsExactly(again.last());
    }

    @Test
    void aBadRecordInTheMiddleOfAPollIsDeadLetteredAloneAndTheRestIsOneTransaction() throws Throwable {
        String task = KafkaSupport.newTaskId();
        List<MetricLogged> events = new ArrayList<>();
        Poll poll = new Poll(Events.TOPIC_METRIC_LOGGED);
        for (int sequence = 1; sequence <= 5; sequence++) {
            MetricLogged e = metric(task, 1, null, sequence, Map.of("loss", sequence / 10.0));
            events.add(e);
            poll.add(e);
        }
        poll.addRaw(task, "{not json at all " + task);
        poll.addRaw(task, "{\"eventId\":\"e-" + task + "\",\"schemaVersion\":1,\"taskId\":\"" + task
                + "\",\"occurredAt\":\"2026-12-03T12:00:00Z\",\"executionId\":\"" + task + "-1\",\"sequence\":0,"
                + "\"values\":{\"loss\":1}}");
        for (int sequence = 6; sequence <= 10; sequence++) {
            MetricLogged e = metric(task, 1, null, sequence, Map.of("loss", sequence / 10.0));
            events.add(e);
            poll.add(e);
        }

        consume(poll, metricLogged::consume);

        assertThat(poll.deadLettered).containsOnlyKeys(5L, 6L);
        assertThat(poll.deadLettered.get(5L)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not a valid MetricLogged JSON document");
        assertThat(poll.deadLettered.get(6L)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("sequence must be >= 1");
        List<List<String>> transactions = pointTransactionsOf(ids(events));
        assertThat(transactions).hasSize(1);
        assertThat(transactions.get(0)).containsExactlyElementsOf(ids(events));
        assertThat(poll.acknowledged).contains(poll.last());
        assertThat(pointsOf(task).stream().map(p -> p.sequence).toList())
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void aPollWhoseTransactionFailsIsStoredEventByEventExactlyOnce() throws Throwable {
        String task = KafkaSupport.newTaskId();
        List<MetricLogged> events = new ArrayList<>();
        for (int sequence = 1; sequence <= 20; sequence++) {
            events.add(metric(task, 1, sequence > 10 ? 2 : null, sequence, Map.of("loss", sequence / 100.0)));
        }
        Poll poll = new Poll(Events.TOPIC_METRIC_LOGGED).addAll(events);
        // a redelivery inside the poll too: stored alone it is a no-op
        poll.add(events.get(3));
        points.failOnceWith(events.get(19).eventId());

        consume(poll, metricLogged::consume);

        List<String> ids = ids(events);
        List<List<String>> transactions = pointTransactionsOf(ids);
        assertThat(transactions).as("the poll's transaction, rolled back").hasSize(1);
        // then each event alone, in poll order
        List<String> alone = points.alone().stream().filter(ids::contains).toList();
        List<String> expected = new ArrayList<>(ids);
        expected.add(events.get(3).eventId());
        assertThat(alone).containsExactlyElementsOf(expected);
        assertThat(poll.deadLettered).isEmpty();
        assertThat(poll.acknowledged).containsExactly(poll.last());
        List<MetricPoint> stored = pointsOf(task);
        assertThat(stored).hasSize(20);
        assertThat(stored.stream().filter(p -> p.attempt == 2).count()).isEqualTo(10);
    }

    @Test
    void theFirstFinishOfEachAttemptCountsInsideAPoll() throws Throwable {
        String task = KafkaSupport.newTaskId();
        // execution 3's attempt 1 is stored before the poll
        ExecutionFinished stored3 = finished(task, 3, null, ExecutionFinished.CRASHED, "executor-lost", 0.3);
        consume(new Poll(Events.TOPIC_EXECUTION_FINISHED).add(stored3), executionFinished::consume);

        // execution 1: attempt 1 lost, its redelivery, a twin that says complete (ignored), then attempt 2 complete,
        // its later second finish (the watchdog's, ignored) and a late twin of attempt 1 (ignored)
        ExecutionFinished lost1 = finished(task, 1, null, ExecutionFinished.CRASHED, "executor-lost", 0.9);
        ExecutionFinished done1 = finished(task, 1, 2, ExecutionFinished.COMPLETE, null, 0.5);
        // execution 2: attempt 2 arrives before attempt 1 (ignored, earlier attempt)
        ExecutionFinished second2 = finished(task, 2, 2, ExecutionFinished.COMPLETE, null, 0.4);
        ExecutionFinished first2 = finished(task, 2, 1, ExecutionFinished.CRASHED, "executor-lost", 0.8);
        // execution 3: attempt 1 again (ignored), then attempt 2 replaces the stored result
        ExecutionFinished done3 = finished(task, 3, 2, ExecutionFinished.ERROR, "exit-code", 0.7);
        // execution 4: the first finish counts, a second finish of the same attempt does not
        ExecutionFinished done4 = finished(task, 4, null, ExecutionFinished.COMPLETE, null, 0.2);
        List<ExecutionFinished> valid = List.of(lost1, lost1, twin(lost1, ExecutionFinished.COMPLETE, 0.1), done1,
                twin(done1, ExecutionFinished.CRASHED, 0.6), twin(lost1, ExecutionFinished.CRASHED, 0.95), second2,
                first2, twin(stored3, ExecutionFinished.COMPLETE, 0.01), done3, done4,
                twin(done4, ExecutionFinished.ERROR, 0.05));
        Poll poll = new Poll(Events.TOPIC_EXECUTION_FINISHED);
        valid.subList(0, 6).forEach(poll::add);
        poll.addRaw(task, "{\"eventId\":\"e-" + task + "\",\"schemaVersion\":1,\"taskId\":\"" + task
                + "\",\"occurredAt\":\"2026-12-03T12:00:00Z\",\"executionId\":\"" + task + "-5\",\"seq\":5}");
        valid.subList(6, valid.size()).forEach(poll::add);

        consume(poll, executionFinished::consume);

        assertThat(poll.deadLettered).containsOnlyKeys(6L);
        assertThat(poll.deadLettered.get(6L)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("status is missing");
        List<List<String>> transactions = resultTransactionsOf(ids(valid));
        assertThat(transactions).as("one transaction for the whole poll").hasSize(1);
        assertThat(transactions.get(0)).containsExactlyElementsOf(ids(valid));
        assertThat(results.alone()).doesNotContainAnyElementsOf(ids(valid));
        assertThat(poll.acknowledged).contains(poll.last());

        Map<String, ExecutionResult> byId = resultsOf(task);
        assertThat(byId).containsOnlyKeys(Events.executionId(task, 1), Events.executionId(task, 2),
                Events.executionId(task, 3), Events.executionId(task, 4));
        ExecutionResult r1 = byId.get(Events.executionId(task, 1));
        assertThat(r1.attempt).isEqualTo(2);
        assertThat(r1.status).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(r1.latestMetrics).contains("0.5");
        ExecutionResult r2 = byId.get(Events.executionId(task, 2));
        assertThat(r2.attempt).isEqualTo(2);
        assertThat(r2.status).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(r2.latestMetrics).contains("0.4");
        ExecutionResult r3 = byId.get(Events.executionId(task, 3));
        assertThat(r3.attempt).isEqualTo(2);
        assertThat(r3.status).isEqualTo(ExecutionFinished.ERROR);
        assertThat(r3.reason).isEqualTo("exit-code");
        ExecutionResult r4 = byId.get(Events.executionId(task, 4));
        assertThat(r4.attempt).isEqualTo(1);
        assertThat(r4.status).isEqualTo(ExecutionFinished.COMPLETE);
        assertThat(r4.latestMetrics).contains("0.2");

        // the same finishes stored one by one as before batches (ExecutionResultService.store) give the same results
        String alone = KafkaSupport.newTaskId();
        for (ExecutionFinished f : concat(stored3, valid)) {
            VertxContextSupport.subscribeAndAwait(() -> results.store(retask(f, alone)));
        }
        Map<String, ExecutionResult> each = resultsOf(alone);
        assertThat(each).hasSize(4);
        for (int exec = 1; exec <= 4; exec++) {
            ExecutionResult a = byId.get(Events.executionId(task, exec));
            ExecutionResult b = each.get(Events.executionId(alone, exec));
            assertThat(List.of(b.attempt, b.status, String.valueOf(b.reason), b.latestMetrics))
                    .as("execution %d", exec)
                    .containsExactly(a.attempt, a.status, String.valueOf(a.reason), a.latestMetrics);
        }
    }

    private static List<ExecutionFinished> concat(ExecutionFinished first, List<ExecutionFinished> rest) {
        List<ExecutionFinished> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The same finish, of task {@code task}. */
    private static ExecutionFinished retask(ExecutionFinished f, String task) {
        return new ExecutionFinished(Events.newEventId(), f.schemaVersion(), task, f.occurredAt(),
                Events.executionId(task, f.seq()), f.seq(), f.status(), f.exitCode(), f.reason(), f.metrics(),
                f.startedAt(), f.finishedAt(), f.statusReason(), f.attempt());
    }

    @Test
    void malformedRecordsAmongValidOnesOnTheBrokerGoToTheDeadLetterTopicWithTheirHeaders() throws Throwable {
        String task = KafkaSupport.newTaskId();
        String garbage = "{not json at all " + task;
        String noValues = "{\"eventId\":\"e-" + task + "\",\"schemaVersion\":1,\"taskId\":\"" + task
                + "\",\"occurredAt\":\"2026-12-03T12:00:00Z\",\"executionId\":\"" + task + "-1\",\"sequence\":3}";
        for (int sequence = 1; sequence <= 20; sequence++) {
            if (sequence == 8) {
                KafkaSupport.sendRaw(Events.TOPIC_METRIC_LOGGED, task, garbage);
            }
            if (sequence == 12) {
                KafkaSupport.sendRaw(Events.TOPIC_METRIC_LOGGED, task, noValues);
            }
            KafkaSupport.send(metric(task, 1, null, sequence, Map.of("loss", sequence / 10.0)));
        }

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> pointCount(task) == 20
                && dead(task).size() == 2);

        // where the two records are on the metric-logged topic: their dead letters say so
        Map<String, ConsumerRecord<String, String>> sent = KafkaSupport.records(Events.TOPIC_METRIC_LOGGED, task)
                .stream().filter(r -> garbage.equals(r.value()) || noValues.equals(r.value()))
                .collect(Collectors.toMap(ConsumerRecord::value, r -> r));
        List<ConsumerRecord<String, String>> dead = dead(task);
        assertThat(dead).extracting(ConsumerRecord::value).containsExactly(garbage, noValues);
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("not a valid MetricLogged JSON document");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("MetricLogged.values is missing");
        for (ConsumerRecord<String, String> d : dead) {
            ConsumerRecord<String, String> original = sent.get(d.value());
            assertThat(header(d, "dead-letter-topic")).isEqualTo(Events.TOPIC_METRIC_LOGGED);
            assertThat(header(d, "dead-letter-partition")).isEqualTo(String.valueOf(original.partition()));
            assertThat(header(d, "dead-letter-offset")).isEqualTo(String.valueOf(original.offset()));
            assertThat(header(d, "dead-letter-exception-class-name")).isEqualTo(InvalidEventException.class.getName());
        }
        assertThat(pointsOf(task).stream().map(p -> p.sequence).distinct()).hasSize(20);
    }

    private static List<ConsumerRecord<String, String>> dead(String task) {
        return KafkaSupport.records(KafkaSupport.DEAD_LETTER_TOPIC, task);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return TestKafka.header(r, name);
    }
}
