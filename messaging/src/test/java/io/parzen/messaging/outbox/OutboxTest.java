package io.parzen.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.SuggestionsExhausted;
import io.parzen.messaging.testing.TestKafka;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox against a real PostgreSQL and a real broker. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class OutboxTest {

    private static final String TOPIC = Events.TOPIC_SUGGESTIONS_EXHAUSTED;
    private static TestKafka kafka;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    Vertx vertx;

    @Inject
    OutboxWriter writer;

    @Inject
    OutboxPublisher publisher;

    @BeforeAll
    static void client() {
        kafka = new TestKafka();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void twoPublishersOnOneTableSendEachRowExactlyOnceAndEachKeyInOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int keys = 12;
        int perKey = 25;
        List<String> keyNames = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            keyNames.add("two-" + run + "-" + k);
        }
        // what each publisher sent, by row id: a row sent twice would show here and on the topic
        Map<Long, String> sentBy = new ConcurrentHashMap<>();
        List<String> twice = new CopyOnWriteArrayList<>();
        Random random = new Random(20261201L);
        OutboxRelay a = relay("a", sentBy, twice, new Random(random.nextLong()));
        OutboxRelay b = relay("b", sentBy, twice, new Random(random.nextLong()));

        // rows are written while both publish; written without the commit notification, so that only a and b publish
        withoutTheTableNotification(() -> twoPublishers(keyNames, perKey, sentBy, twice, a, b));
        assertThat(twice).as("rows sent twice").isEmpty();
        assertThat(sentBy).hasSize(keys * perKey);
        System.out.printf("two publishers: a sent %d rows, b sent %d rows%n",
                sentBy.values().stream().filter("a"::equals).count(), sentBy.values().stream().filter("b"::equals).count());

        for (String key : keyNames) {
            List<ConsumerRecord<String, String>> records = kafka.awaitRecords(TOPIC, key, perKey, Duration.ofSeconds(60));
            List<Integer> order = records.stream()
                    .map(r -> TestKafka.read(r.value(), SuggestionsExhausted.class).issued()).toList();
            List<Integer> expected = new ArrayList<>();
            for (int seq = 1; seq <= perKey; seq++) {
                expected.add(seq);
            }
            assertThat(order).as("the records of %s in the order they were written", key).isEqualTo(expected);
            Set<String> ids = new HashSet<>();
            records.forEach(r -> ids.add(TestKafka.header(r, Events.CE_ID)));
            assertThat(ids).hasSize(perKey);
        }
    }

    private void twoPublishers(List<String> keyNames, int perKey, Map<Long, String> sentBy, List<String> twice,
            OutboxRelay a, OutboxRelay b) {
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writerThread = new Thread(() -> {
            try {
                for (int seq = 1; seq <= perKey; seq++) {
                    List<OutboxMessage> rows = new ArrayList<>();
                    for (String key : keyNames) {
                        rows.add(writer.row(SuggestionsExhausted.of(key, seq, "two-publishers")));
                    }
                    onContext(() -> sessions.withTransaction(s -> s.persistAll(rows.toArray()))).await()
                            .atMost(Duration.ofSeconds(60));
                }
            } finally {
                writing.set(false);
            }
        }, "outbox-test-writer");
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> publishers = new ArrayList<>();
        for (OutboxRelay relay : List.of(a, b)) {
            Thread t = new Thread(() -> {
                try {
                    while (writing.get() || unsent(keyNames) > 0) {
                        onContext(relay::round).await().atMost(Duration.ofSeconds(60));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "outbox-test-publisher");
            publishers.add(t);
        }
        writerThread.start();
        publishers.forEach(Thread::start);
        try {
            writerThread.join();
            for (Thread t : publishers) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theTableItselfNotifiesAtCommitSoARowInsertedWithoutTheWriterLeavesAtOnce() {
        // the publisher's start-up migration gave the table its trigger, and the writer then stopped notifying
        await().atMost(Duration.ofSeconds(30)).until(writer::tableNotifies);
        String key = "trigger-" + UUID.randomUUID();
        SuggestionsExhausted event = SuggestionsExhausted.of(key, 4, "inserted-by-hand");
        // a plain insert, no writer, no kick; the fallback poll is an hour away
        onContext(() -> sessions.withTransaction(s -> s.persist(writer.row(event)))).await()
                .atMost(Duration.ofSeconds(30));
        ConsumerRecord<String, String> record = kafka.awaitRecords(TOPIC, key, 1).get(0);
        assertThat(TestKafka.header(record, Events.CE_ID)).isEqualTo(event.eventId());
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(List.of(key)) == 0);
    }

    /** Runs {@code work} with the table's notification trigger disabled: only an explicit round publishes. */
    private void withoutTheTableNotification(Runnable work) {
        await().atMost(Duration.ofSeconds(30)).until(writer::tableNotifies);
        trigger("disable");
        try {
            work.run();
        } finally {
            trigger("enable");
        }
    }

    private void trigger(String how) {
        onContext(() -> sessions.withTransaction(s -> s.createNativeQuery("alter table " + OutboxMessage.TABLE + " "
                + how + " trigger " + OutboxSchema.TRIGGER).executeUpdate())).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void theWriterJoinsTheCallersTransactionAndThePublisherSendsRightAfterTheCommit() {
        String key = "commit-" + UUID.randomUUID();
        SuggestionsExhausted rolledBack = SuggestionsExhausted.of(key, 1, "rolled-back");
        SuggestionsExhausted committed = SuggestionsExhausted.of(key, 2, "committed");
        Uni<Void> failing = onContext(() -> Panache.withTransaction(() -> writer.add(rolledBack)
                .chain(() -> Uni.createFrom().<Void>failure(new IllegalStateException("the caller's change fails")))));
        assertThat(failing.onFailure().recoverWithItem(() -> null).await().atMost(Duration.ofSeconds(30))).isNull();
        assertThat(count(key)).isZero();

        // the fallback poll is an hour away: only the commit notification makes this one leave
        onContext(() -> Panache.withTransaction(() -> writer.add(committed))).await().atMost(Duration.ofSeconds(30));
        ConsumerRecord<String, String> record = kafka.awaitRecords(TOPIC, key, 1).get(0);
        assertThat(TestKafka.read(record.value(), SuggestionsExhausted.class).reason()).isEqualTo("committed");
        assertThat(TestKafka.header(record, Events.CE_ID)).isEqualTo(committed.eventId());
        assertThat(TestKafka.header(record, Events.CE_TYPE)).isEqualTo("io.parzen.SuggestionsExhausted.v1");
        assertThat(TestKafka.header(record, Events.CE_SOURCE)).isEqualTo("/parzen/messaging-test");
        assertThat(TestKafka.header(record, Events.CE_SUBJECT)).isEqualTo(key);
        // written outside any trace: no trace context stored, none sent
        assertThat(TestKafka.header(record, "traceparent")).isNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(List.of(key)) == 0);
    }

    @Test
    void aRowWithUnreadableHeadersIsSentWithHeadersRebuiltFromItsColumns() {
        String key = "headers-" + UUID.randomUUID();
        SuggestionsExhausted event = SuggestionsExhausted.of(key, 3, "edited-by-hand");
        OutboxMessage row = writer.row(event);
        row.headers = "{not json";
        onContext(() -> sessions.withTransaction(s -> s.persist(row))).await().atMost(Duration.ofSeconds(30));
        publisher.kick();
        ConsumerRecord<String, String> record = kafka.awaitRecords(TOPIC, key, 1).get(0);
        assertThat(TestKafka.header(record, Events.CE_ID)).isEqualTo(event.eventId());
        assertThat(TestKafka.header(record, Events.CE_TYPE)).isEqualTo("io.parzen.SuggestionsExhausted.v1");
        assertThat(TestKafka.header(record, Events.CE_SUBJECT)).isEqualTo(key);
        assertThat(TestKafka.read(record.value(), SuggestionsExhausted.class).issued()).isEqualTo(3);
    }

    @Test
    void thePurgeDeletesSentRowsPastTheRetentionOnly() {
        String key = "purge-" + UUID.randomUUID();
        OutboxMessage oldSent = writer.row(SuggestionsExhausted.of(key, 1, "old-sent"));
        oldSent.createdAt = Instant.now().minus(Duration.ofDays(9));
        oldSent.sentAt = Instant.now().minus(Duration.ofDays(8));
        OutboxMessage recentSent = writer.row(SuggestionsExhausted.of(key, 2, "recent-sent"));
        recentSent.sentAt = Instant.now().minus(Duration.ofDays(1));
        onContext(() -> sessions.withTransaction(s -> s.persistAll(oldSent, recentSent))).await()
                .atMost(Duration.ofSeconds(30));
        OutboxRelay relay = new OutboxRelay(sessions, (r, h) -> Uni.createFrom().voidItem(), 10, "/parzen/test");
        onContext(() -> relay.purge(Instant.now().minus(Duration.ofDays(7)))).await().atMost(Duration.ofSeconds(30));
        assertThat(ids(key)).containsExactly(recentSent.id);
    }

    @Test
    void aTableFromBeforeTheKitIsBroughtToItsColumnNamesKeepingItsRows() {
        // task-service's table before the kit, plus a column Hibernate's schema update added next to the old one
        String create = "drop schema if exists legacy_task cascade; create schema legacy_task;"
                + " create table legacy_task.outbox (id bigint primary key, eventid varchar(36) not null,"
                + " topic varchar(100) not null, recordkey varchar(80) not null, payload text not null,"
                + " headers text not null, createdat timestamp(6) with time zone not null,"
                + " sentat timestamp(6) with time zone, record_key varchar(255));"
                + " insert into legacy_task.outbox values (1, 'e-1', 'parzen.task-created', 'task-1', '{}',"
                + " '{\"ce_type\":\"io.parzen.TaskCreated.v1\"}', now(), null, null)";
        Uni<Void> setUp = sessions.withTransaction(s -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String statement : create.split("; ")) {
                chain = chain.chain(() -> s.createNativeQuery(statement).executeUpdate().replaceWithVoid());
            }
            return chain;
        });
        onContext(() -> setUp).await().atMost(Duration.ofSeconds(30));
        // twice: the second run finds the kit's table and changes nothing
        for (int round = 0; round < 2; round++) {
            boolean notifies = onContext(() -> sessions.withTransaction(s -> OutboxSchema.migrate(s, "legacy_task")))
                    .await().atMost(Duration.ofSeconds(30));
            assertThat(notifies).as("the table has its notification trigger").isTrue();
        }
        List<String> columns = onContext(() -> sessions.withSession(s -> s.createNativeQuery(
                "select column_name from information_schema.columns where table_schema = 'legacy_task'"
                        + " and table_name = 'outbox' order by column_name", String.class).getResultList()))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(columns).containsExactlyInAnyOrder("id", "event_id", "topic", "record_key", "event_type", "payload",
                "headers", "created_at", "sent_at", "traceparent", "tracestate");
        List<String> row = onContext(() -> sessions.withSession(s -> s.createNativeQuery(
                "select concat_ws('|', event_id, record_key, event_type, sent_at is null, traceparent is null)"
                        + " from legacy_task.outbox",
                String.class).getSingleResult())).map(List::of).await().atMost(Duration.ofSeconds(30));
        assertThat(row).containsExactly("e-1|task-1|io.parzen.TaskCreated.v1|t|t");
    }

    @Test
    void aRoleThatMayNotCreateTheTriggerKeepsTheRestOfTheMigrationAndItsWritersNotifying() {
        // the table belongs to a role that may alter it but not create functions in its schema
        List<String> setUp = List.of(
                "drop schema if exists limited_task cascade",
                "do $r$ begin if not exists (select 1 from pg_roles where rolname = 'parzen_limited') then"
                        + " create role parzen_limited; end if; end $r$",
                "create schema limited_task",
                "create table limited_task.outbox (id bigint primary key, eventid varchar(36) not null,"
                        + " topic varchar(100) not null, recordkey varchar(80) not null, payload text not null,"
                        + " headers text not null, createdat timestamp(6) with time zone not null,"
                        + " sentat timestamp(6) with time zone)",
                "alter table limited_task.outbox owner to parzen_limited",
                "grant usage on schema limited_task to parzen_limited");
        onContext(() -> sessions.withTransaction(s -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String statement : setUp) {
                chain = chain.chain(() -> s.createNativeQuery(statement).executeUpdate().replaceWithVoid());
            }
            return chain;
        })).await().atMost(Duration.ofSeconds(30));

        boolean notifies = onContext(() -> sessions.withTransaction(s -> s
                .createNativeQuery("set local role parzen_limited").executeUpdate()
                .chain(() -> OutboxSchema.migrate(s, "limited_task")))).await().atMost(Duration.ofSeconds(30));

        assertThat(notifies).as("no trigger: the writers go on notifying").isFalse();
        List<String> columns = onContext(() -> sessions.withSession(s -> s.createNativeQuery(
                "select column_name from information_schema.columns where table_schema = 'limited_task'"
                        + " and table_name = 'outbox' order by column_name", String.class).getResultList()))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(columns).as("the columns were migrated all the same").contains("record_key", "event_id",
                "event_type", "created_at", "sent_at", "traceparent").doesNotContain("recordkey", "eventid");
    }

    @Test
    void aFailedSendLeavesItAndTheKeysLaterRowsUnsentAndTheNextRoundSendsThemInOrder() {
        withoutTheTableNotification(this::aFailedSend);
    }

    private void aFailedSend() {
        String key = "fail-" + UUID.randomUUID().toString().substring(0, 8);
        List<OutboxMessage> rows = new ArrayList<>();
        for (int seq = 1; seq <= 5; seq++) {
            rows.add(writer.row(SuggestionsExhausted.of(key, seq, "pipelined")));
        }
        onContext(() -> sessions.withTransaction(s -> s.persistAll(rows.toArray()))).await().atMost(Duration.ofSeconds(30));
        List<Long> ids = ids(key);
        long failing = ids.get(2);
        List<Long> handedOver = new CopyOnWriteArrayList<>();
        AtomicBoolean fail = new AtomicBoolean(true);
        OutboxRelay relay = new OutboxRelay(sessions, (row, headers) -> {
            if (!row.recordKey.equals(key)) {
                return publisher.send(row, headers);
            }
            handedOver.add(row.id);
            if (row.id == failing && fail.get()) {
                return Uni.createFrom().failure(new IllegalStateException("broker said no"));
            }
            return publisher.send(row, headers);
        }, 100, "/parzen/test");

        onContext(relay::round).await().atMost(Duration.ofSeconds(60));
        // all five handed over in one round, in id order, without waiting for acks in between
        assertThat(handedOver).containsExactlyElementsOf(ids);
        assertThat(unsent(List.of(key))).as("the failed row and the two after it").isEqualTo(3);

        fail.set(false);
        handedOver.clear();
        onContext(relay::round).await().atMost(Duration.ofSeconds(60));
        assertThat(handedOver).containsExactlyElementsOf(ids.subList(2, 5));
        assertThat(unsent(List.of(key))).isZero();

        // on the topic: 1, 2, then 4, 5 of the first round (taken by the broker), then 3, 4, 5 again
        List<Integer> issued = kafka.awaitRecords(TOPIC, key, 7, Duration.ofSeconds(60)).stream()
                .map(r -> TestKafka.read(r.value(), SuggestionsExhausted.class).issued()).toList();
        assertThat(issued).containsExactly(1, 2, 4, 5, 3, 4, 5);
    }

    private OutboxRelay relay(String name, Map<Long, String> sentBy, List<String> twice, Random random) {
        return new OutboxRelay(sessions, (row, headers) -> {
            long pause;
            synchronized (random) {
                pause = 1 + random.nextInt(4);
            }
            // the send is handed to the producer at once (the relay pipelines a key's rows in order); the ack
            // comes late by a random pause. Counted once acknowledged: a send that failed is retried, not sent twice
            return publisher.send(row, headers)
                    .onItem().delayIt().by(Duration.ofMillis(pause))
                    .invoke(() -> {
                        String before = sentBy.putIfAbsent(row.id, name);
                        if (before != null) {
                            twice.add(row.id + " by " + before + " and " + name);
                        }
                    });
        }, 7, "/parzen/test");
    }

    private long unsent(List<String> keys) {
        return onContext(() -> sessions.withSession(s -> s.createSelectionQuery(
                        "select count(*) from OutboxMessage where sentAt is null and recordKey in (:keys)", Long.class)
                .setParameter("keys", keys).getSingleResult())).await().atMost(Duration.ofSeconds(30));
    }

    private long count(String key) {
        return onContext(() -> sessions.withSession(s -> s.createSelectionQuery(
                        "select count(*) from OutboxMessage where recordKey = :key", Long.class)
                .setParameter("key", key).getSingleResult())).await().atMost(Duration.ofSeconds(30));
    }

    private List<Long> ids(String key) {
        return onContext(() -> sessions.withSession(s -> s.createSelectionQuery(
                        "select id from OutboxMessage where recordKey = :key order by id", Long.class)
                .setParameter("key", key).getResultList())).await().atMost(Duration.ofSeconds(30));
    }

    private <T> Uni<T> onContext(Supplier<Uni<T>> work) {
        return VertxContexts.onSafeContext(vertx, work);
    }
}
