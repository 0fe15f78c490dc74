package io.parzen.task.outbox;

import io.parzen.task.config.TaskServiceConfig;
import io.parzen.task.json.Json;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox: unsent rows in id order, one at a time, each to its topic with the task id
 * as key and its CloudEvents headers; a row is marked sent only after Kafka acknowledged it. A crash
 * between the ack and the mark sends the row again (at least once): consumers dedupe by event id or
 * natural key.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;

    @Inject
    TaskServiceConfig config;

    @Scheduled(every = "${parzen.task.outbox.every:1s}", delayed = "${parzen.task.outbox.delay:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publishPending() {
        return publish().onFailure().invoke(e -> LOG.warnf("outbox publishing failed, retrying: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sends every unsent row (at most one batch); answers how many were sent. */
    public Uni<Integer> publish() {
        return Panache.withSession(() -> OutboxEntity.<OutboxEntity>find("sentAt is null order by id")
                        .page(0, config.outbox().batch()).list())
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(this::sendAndMark)
                        .collect().asList()
                        .map(List::size));
    }

    private Uni<Long> sendAndMark(OutboxEntity row) {
        RecordHeaders headers = new RecordHeaders();
        Map<String, Object> map = Json.readMap(row.headers);
        map.forEach((k, v) -> headers.add(k, String.valueOf(v).getBytes(StandardCharsets.UTF_8)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic).withKey(row.recordKey).withHeaders(headers).build();
        Long id = row.id;
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata))
                .chain(() -> Panache.withTransaction(
                        () -> OutboxEntity.update("sentAt = ?1 where id = ?2", Instant.now(), id))
                        .map(Integer::longValue));
    }
}
