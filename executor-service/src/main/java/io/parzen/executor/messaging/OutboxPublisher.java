package io.parzen.executor.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import io.parzen.events.Events;
import io.parzen.executor.config.ExecutorConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes the transactional outbox on a thread of its own: takes the oldest unsent rows in id
 * order, sends each to its topic with its key and CloudEvents headers, waits until Kafka
 * acknowledged all of them, then marks them sent. It runs again at once while there is a
 * backlog, when {@link #kick()}ed after a commit, and otherwise every
 * {@code parzen.executor.outbox.poll-interval}. A failed round leaves the rows unsent and is
 * retried, so delivery is at least once (consumers drop twins by event or execution id). The
 * producer is idempotent, so the rows of one task keep their order on its partition.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;

    @Inject
    ExecutorConfig config;

    private final Object signal = new Object();
    private boolean kicked;
    private volatile boolean running;
    private Thread thread;

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::loop, "parzen-outbox-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        kick();
    }

    /** Asks for a round now (call after committing outbox rows). */
    public void kick() {
        synchronized (signal) {
            kicked = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        long pause = config.outbox().pollInterval().toMillis();
        int failures = 0;
        while (running) {
            int sent;
            try {
                sent = VertxContextSupport.subscribeAndAwait(this::publishRound);
                failures = 0;
            } catch (Error e) {
                throw e;
            } catch (Throwable e) { // a failed round (the database, Kafka): retried with backoff
                failures++;
                if (running) {
                    Log.warnf("outbox round failed, will retry: %s", e.toString());
                }
                sent = 0;
            }
            if (sent >= config.outbox().batchSize()) {
                continue;
            }
            synchronized (signal) {
                if (!kicked && running) {
                    try {
                        signal.wait(failures == 0 ? pause : Math.min(5000, pause * (1L << Math.min(failures, 5))));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                kicked = false;
            }
        }
    }

    /** One round: publishes up to a batch of unsent rows; returns how many were sent. */
    Uni<Integer> publishRound() {
        return Panache.withSession(() -> OutboxEvent.<OutboxEvent>find("sentAt is null order by id")
                        .page(0, config.outbox().batchSize()).list())
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : send(rows));
    }

    private Uni<Integer> send(List<OutboxEvent> rows) {
        List<Uni<Void>> acks = rows.stream().map(this::send).toList();
        List<Long> ids = rows.stream().map(r -> r.id).toList();
        return Uni.join().all(acks).andFailFast()
                .chain(() -> Panache.withTransaction(() ->
                        OutboxEvent.update("sentAt = ?1 where id in ?2", Instant.now(), ids)))
                .replaceWith(rows.size());
    }

    private Uni<Void> send(OutboxEvent row) {
        RecordHeaders headers = new RecordHeaders();
        try {
            Events.mapper().readValue(row.headers, HEADERS)
                    .forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            Log.warnf("outbox row %d has unreadable headers, sending without: %s", row.id, e.toString());
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.messageKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.payload).addMetadata(metadata));
    }

    /** Deletes sent rows older than the retention. */
    @Scheduled(identity = "outbox-cleanup", every = "10m", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanUp() {
        Instant before = Instant.now().minus(config.outbox().retention());
        return Panache.withTransaction(() -> OutboxEvent.delete("sentAt is not null and sentAt < ?1", before))
                .invoke(n -> {
                    if (n > 0) {
                        Log.debugf("deleted %d sent outbox events", n);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("outbox clean-up failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
