package io.parzen.optimizer.service.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parzen.events.Events;
import io.parzen.optimizer.service.config.OptimizerConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox: unsent rows in id order, one at a time, each sent with its key and headers
 * and marked sent once the broker acknowledged it. A row whose send fails stays unsent and ends the
 * round; it is retried on the next round, so delivery is at least once and per task in order.
 *
 * <p>A round runs right after each state change ({@link #kick()}) and every
 * {@code parzen.optimizer.outbox.poll-interval} ({@link OutboxPoller}: after a restart or a broker
 * outage). Only one round runs at a time in this process, and a PostgreSQL advisory lock keeps other
 * instances sharing the database from publishing the same rows at the same time.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);
    /** Key of the transaction-scoped advisory lock held while a round publishes. */
    private static final long ADVISORY_LOCK_KEY = 0x7061727a656e01L;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final OptimizerConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    public OutboxPublisher(@Channel("outbox") MutinyEmitter<String> emitter, Vertx vertx, OptimizerConfig config) {
        this.emitter = emitter;
        this.vertx = vertx;
        this.config = config;
    }

    /** Asks for a publishing round; returns at once. Safe to call from any thread, as often as wanted. */
    public void kick() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            onSafeContext(this::drain).subscribe().with(
                    ignored -> finished(),
                    failure -> {
                        LOG.warnf(failure, "Publishing the outbox failed; retrying on the next round");
                        finished();
                    });
        }
    }

    /** Deletes sent rows older than {@code parzen.optimizer.outbox.retention}; returns at once. */
    public void purge() {
        Instant cutoff = Instant.now().minus(config.outbox().retention());
        onSafeContext(() -> Panache.withTransaction(() -> OutboxEntry.delete("sentAt < ?1", cutoff)))
                .subscribe().with(
                        n -> LOG.debugf("Purged %d sent outbox rows", n),
                        failure -> LOG.warnf(failure, "Purging the outbox failed"));
    }

    private void finished() {
        running.set(false);
        if (requested.get()) {
            kick();
        }
    }

    /**
     * Rounds until one sends less than a full page. A kick that arrives meanwhile is served by
     * {@link #finished()}, which starts the next drain.
     */
    private Uni<Void> drain() {
        requested.set(false);
        int pageSize = config.outbox().batchSize();
        return Panache.withTransaction(this::round)
                .chain(sent -> sent >= pageSize ? drain() : Uni.createFrom().voidItem());
    }

    private Uni<Integer> round() {
        Executor back = onThisContext();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select pg_try_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")",
                        Boolean.class).getSingleResult())
                .chain(locked -> {
                    if (!Boolean.TRUE.equals(locked)) {
                        return Uni.createFrom().item(0);
                    }
                    return OutboxEntry.<OutboxEntry>find("sentAt is null", Sort.by("id"))
                            .page(Page.ofSize(config.outbox().batchSize())).list()
                            .chain(rows -> sendFrom(rows, 0, back));
                });
    }

    private Uni<Integer> sendFrom(List<OutboxEntry> rows, int index, Executor back) {
        if (index == rows.size()) {
            return Uni.createFrom().item(index);
        }
        OutboxEntry row = rows.get(index);
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message(row)))
                .emitOn(back)
                .onItemOrFailure().transformToUni((ignored, failure) -> {
                    if (failure != null) {
                        LOG.warnf(failure, "Could not publish outbox row %d (%s, key %s); will retry", row.id,
                                row.eventType, row.recordKey);
                        return Uni.createFrom().item(index);
                    }
                    row.sentAt = Instant.now();
                    return sendFrom(rows, index + 1, back);
                });
    }

    private static Message<String> message(OutboxEntry row) {
        Map<String, String> headers;
        try {
            headers = Events.mapper().readValue(row.headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers of outbox row " + row.id + " are not JSON", e);
        }
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((k, v) -> kafkaHeaders.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return Message.of(row.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.recordKey)
                .withHeaders(kafkaHeaders)
                .build());
    }

    /** Runs {@code work} on a new, safe duplicated Vert.x context, as Hibernate Reactive requires. */
    private <T> Uni<T> onSafeContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(em -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> {
                try {
                    work.get().subscribe().with(em::complete, em::fail);
                } catch (RuntimeException e) {
                    em.fail(e);
                }
            });
        });
    }

    /** An executor that continues on the current Vert.x context (the one the session belongs to). */
    private static Executor onThisContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("the outbox publisher must run on a Vert.x context");
        }
        return task -> context.runOnContext(v -> task.run());
    }
}
