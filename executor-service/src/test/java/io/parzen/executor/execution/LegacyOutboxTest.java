package io.parzen.executor.execution;

import static io.parzen.executor.Fixtures.newTaskId;
import static io.parzen.executor.Fixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.parzen.events.Events;
import io.parzen.events.ExecutionStarted;
import io.parzen.executor.Fixtures;
import io.parzen.executor.process.Blocking;
import io.parzen.executor.process.StartupRecovery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A database written by an executor from before the messaging kit: its unsent events still go out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class LegacyOutboxTest {

    /** The table as the executor's old entity {@code OutboxEvent} had Hibernate create it. */
    private static final String OLD_TABLE = "create table outbox_event (id bigint not null primary key,"
            + " eventId varchar(64) not null, topic varchar(255) not null, messageKey varchar(512) not null,"
            + " payload text not null, headers text not null, createdAt timestamp(6) with time zone not null,"
            + " sentAt timestamp(6) with time zone)";

    @Inject
    StartupRecovery recovery;

    @Test
    void theUnsentRowsOfTheOldTableArePublishedOnceAndTheTableGoes() throws Exception {
        String taskId = newTaskId();
        ExecutionStarted unsent = ExecutionStarted.of(taskId, taskId + "-1", 1, "old-executor");
        ExecutionStarted sent = ExecutionStarted.of(taskId, taskId + "-2", 2, "old-executor");
        Blocking.await(() -> Panache.withTransaction(() -> sql(OLD_TABLE)
                .chain(() -> sql(insert(1, unsent, null)))
                .chain(() -> sql(insert(2, sent, Instant.now())))));

        recovery.recover();

        await().atMost(Duration.ofSeconds(30)).until(() -> !started(unsent.executionId()).isEmpty());
        ExecutionStarted published = started(unsent.executionId()).get(0);
        assertThat(published.eventId()).isEqualTo(unsent.eventId());
        assertThat(published.executor()).isEqualTo("old-executor");
        Fixtures.kafka().assertStays(Events.TOPIC_EXECUTION_STARTED, taskId, 1, Duration.ofSeconds(3));
        assertThat(started(sent.executionId())).isEmpty();
        Long oldTables = Blocking.await(() -> Panache.withSession(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("select count(*) from information_schema.tables where table_name = 'outbox_event'",
                        Long.class)
                .getSingleResult())));
        assertThat(oldTables).isZero();

        // a second recovery finds no old table and sends nothing more
        recovery.recover();
        Fixtures.kafka().assertStays(Events.TOPIC_EXECUTION_STARTED, taskId, 1, Duration.ofSeconds(2));
    }

    private static Uni<Integer> sql(String statement) {
        return Panache.getSession().chain(s -> s.createNativeQuery(statement).executeUpdate());
    }

    private static String insert(long id, ExecutionStarted event, Instant sentAt) {
        try {
            String payload = Events.mapper().writeValueAsString(event);
            String headers = Events.mapper().writeValueAsString(
                    Events.cloudEventHeaders(event, "/parzen/executor-service"));
            return "insert into outbox_event (id, eventId, topic, messageKey, payload, headers, createdAt, sentAt)"
                    + " values (" + id + ", '" + event.eventId() + "', '" + Events.TOPIC_EXECUTION_STARTED + "', '"
                    + event.taskId() + "', '" + payload.replace("'", "''") + "', '" + headers.replace("'", "''")
                    + "', now(), " + (sentAt == null ? "null" : "now()") + ")";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
