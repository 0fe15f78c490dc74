package io.parzen.messaging.outbox;

import io.parzen.messaging.CloudEventHeaders;
import io.parzen.messaging.tracing.TraceContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * One publisher of the outbox table: claims record keys, sends their unsent rows in id order and
 * marks them sent, all in one transaction. Any number of relays — threads, instances of a service —
 * may work on one table: each row is sent by exactly one of them (and again only after a crash
 * between the broker's ack and the commit of the mark: at least once), and the rows of one key in
 * id order. See docs/decisions/0014-outbox-publishing.md.
 *
 * <p>How: a round first takes, for the keys of the oldest unsent rows, the transaction-scoped
 * advisory lock {@code pg_try_advisory_xact_lock(NAMESPACE, hashtext(key))} and keeps the keys it got
 * (the others are being sent by another relay right now: skipped, like {@code SKIP LOCKED} rows).
 * A second statement — a new snapshot, so it sees what the previous holder of a key committed — loads
 * the unsent rows of those keys in id order. All of them are handed to the producer at once, each key's
 * in id order (pipelined: no wait for an ack in between), keys in parallel; after the acks, each key's
 * rows up to its first failure are marked sent in one statement, and the commit releases the keys. Not thread safe: one round at a time per relay; it runs on a Vert.x context.
 */
public final class OutboxRelay {

    /**
     * Sends one row with its headers; the returned Uni completes when the broker acknowledged it. The
     * relay subscribes to a key's sends one after the other without waiting for their acks: a sender
     * must hand the record to the producer when subscribed (no delay before that), so that the
     * producer gets a key's records in the order of the subscriptions.
     */
    @FunctionalInterface
    public interface Sender {
        Uni<Void> send(OutboxMessage row, Map<String, String> headers);
    }

    /** First key of the two-key advisory locks of the outbox ("Pzn\1"); the second is the key's hash. */
    public static final int LOCK_NAMESPACE = 0x507a6e01;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String CLAIM = "select k.record_key from ("
            + " select record_key, min(id) as first_id from " + OutboxMessage.TABLE + " where sent_at is null"
            + " group by record_key order by first_id limit :max) k"
            + " where pg_try_advisory_xact_lock(:ns, hashtext(k.record_key))";

    private final Mutiny.SessionFactory sessions;
    private final Sender sender;
    private final int batchSize;
    private final String source;

    /**
     * @param batchSize most rows sent (and keys claimed) per round
     * @param source {@code ce_source} of headers rebuilt for a row whose stored headers are unreadable
     */
    public OutboxRelay(Mutiny.SessionFactory sessions, Sender sender, int batchSize, String source) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("parzen.messaging.outbox.batch-size must be >= 1, was " + batchSize);
        }
        this.sessions = sessions;
        this.sender = sender;
        this.batchSize = batchSize;
        this.source = source;
    }

    public int batchSize() {
        return batchSize;
    }

    /** One round; answers how many rows it sent. Call on a (safe, duplicated) Vert.x context. */
    public Uni<Integer> round() {
        return sessions.withTransaction((session, tx) -> {
            Executor back = onThisContext();
            return session.createNativeQuery(CLAIM, String.class)
                    .setParameter("max", batchSize)
                    .setParameter("ns", LOCK_NAMESPACE)
                    .getResultList()
                    .chain(keys -> keys.isEmpty() ? Uni.createFrom().item(0) : sendKeys(session, keys, back));
        });
    }

    /** Deletes rows sent before {@code cutoff}; answers how many. Call on a Vert.x context. */
    public Uni<Integer> purge(Instant cutoff) {
        return sessions.withTransaction((session, tx) -> session
                .createMutationQuery("delete from OutboxMessage where sentAt is not null and sentAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }

    private Uni<Integer> sendKeys(Mutiny.Session session, List<String> keys, Executor back) {
        return session.createSelectionQuery(
                        "from OutboxMessage where sentAt is null and recordKey in (:keys) order by id", OutboxMessage.class)
                .setParameter("keys", keys)
                .setMaxResults(batchSize)
                .getResultList()
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : sendRows(session, rows, back));
    }

    /**
     * Sends every row of the round at once — pipelined: each key's rows are handed to the producer in id
     * order without waiting for an ack in between (the idempotent producer keeps a partition's records in
     * the order they were sent), keys in parallel — then awaits all the acks and marks sent, in one
     * statement, each key's rows up to its first failure. The rows of a key from its first failure on stay
     * unsent and go again in a later round, in order (a row after the failed one that the broker took is
     * then sent a second time: at least once, and its last copy follows the failed row's).
     */
    private Uni<Integer> sendRows(Mutiny.Session session, List<OutboxMessage> rows, Executor back) {
        Map<String, List<OutboxMessage>> byKey = new LinkedHashMap<>();
        for (OutboxMessage row : rows) {
            byKey.computeIfAbsent(row.recordKey, k -> new ArrayList<>()).add(row);
        }
        List<Uni<List<Long>>> keys = new ArrayList<>(byKey.size());
        for (List<OutboxMessage> ofKey : byKey.values()) {
            keys.add(sendPipelined(ofKey));
        }
        return Uni.join().all(keys).andFailFast()
                .emitOn(back)
                .chain(perKey -> {
                    List<Long> ids = perKey.stream().flatMap(List::stream).toList();
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return session.createMutationQuery("update OutboxMessage set sentAt = :now where id in (:ids)")
                            .setParameter("now", Instant.now())
                            .setParameter("ids", ids)
                            .executeUpdate()
                            .replaceWith(ids.size());
                });
    }

    /**
     * Hands all of a key's rows to the sender now, in order (each send is subscribed before the next, so
     * the producer gets them in id order), and answers the ids acknowledged before the key's first failure.
     */
    private Uni<List<Long>> sendPipelined(List<OutboxMessage> rows) {
        List<CompletableFuture<Throwable>> acks = new ArrayList<>(rows.size());
        for (OutboxMessage row : rows) {
            CompletableFuture<Throwable> ack = new CompletableFuture<>();
            Uni.createFrom().deferred(() -> sender.send(row, headers(row))).subscribe().with(
                    ignored -> ack.complete(null), ack::complete);
            acks.add(ack);
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                .map(ignored -> {
                    List<Long> acknowledged = new ArrayList<>(rows.size());
                    for (int i = 0; i < rows.size(); i++) {
                        Throwable failure = acks.get(i).join();
                        if (failure != null) {
                            OutboxMessage row = rows.get(i);
                            LOG.warnf("Could not publish outbox row %d (%s, key %s); it and the %d after it of this"
                                    + " key stay unsent and are retried: %s", row.id, row.eventType, row.recordKey,
                                    rows.size() - i - 1, failure.toString());
                            break;
                        }
                        acknowledged.add(rows.get(i).id);
                    }
                    return acknowledged;
                });
    }

    /**
     * The stored headers; when they are not a JSON object of strings (a row edited by hand), headers
     * rebuilt from the row's columns, so that the row is still sent and not stuck in front of its key;
     * with the row's {@code traceparent} and {@code tracestate} (when it has a valid one).
     */
    Map<String, String> headers(OutboxMessage row) {
        Map<String, String> headers = new LinkedHashMap<>(CloudEventHeaders.fromJson(row.headers).orElseGet(() -> {
            LOG.warnf("Outbox row %d has unreadable headers; sending it with headers rebuilt from its columns", row.id);
            return CloudEventHeaders.rebuilt(row.eventId, row.eventType, source, row.recordKey, row.createdAt);
        }));
        // the trace context the row was written in, when it was and is a valid one (ADR 0024)
        headers.putAll(TraceContext.headers(TraceContext.extract(row.traceparent, row.tracestate)));
        return headers;
    }

    /** An executor that continues on the current Vert.x context (the one the session belongs to). */
    private static Executor onThisContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("the outbox relay must run on a Vert.x context");
        }
        return task -> context.runOnContext(v -> task.run());
    }
}
