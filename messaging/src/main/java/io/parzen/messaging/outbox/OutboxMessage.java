package io.parzen.messaging.outbox;

import io.parzen.messaging.tracing.TraceContext;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event waiting to be published: written by {@link OutboxWriter} in the transaction of the state
 * change it announces, sent by {@link OutboxPublisher} (per record key in id order), then marked sent
 * and, after the retention, deleted. Every service has this table in its own database.
 */
@Entity
@Table(name = OutboxMessage.TABLE, indexes = {
        @Index(name = "outbox_unsent", columnList = "sent_at, id"),
        @Index(name = "outbox_key", columnList = "record_key, id")})
public class OutboxMessage extends PanacheEntityBase {

    public static final String TABLE = "outbox";

    /**
     * From a sequence with allocation size 1, drawn inside the writer's transaction: a writer that
     * holds the lock of the key's aggregate (e.g. the task's row) numbers the key's rows in commit order.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_seq")
    @SequenceGenerator(name = "outbox_seq", sequenceName = "outbox_seq", allocationSize = 1)
    public Long id;

    /** The event's {@code eventId} (also its {@code ce_id}); null only in rows from before the kit. */
    @Column(name = "event_id", length = 64)
    public String eventId;

    @Column(nullable = false, length = 255)
    public String topic;

    /** The Kafka record key: the task id. Rows of one key are published one publisher at a time, in id order. */
    @Column(name = "record_key", nullable = false, length = 255)
    public String recordKey;

    /** The CloudEvents type, for people reading the table. */
    @Column(name = "event_type", nullable = false, length = 100)
    public String eventType;

    /** The event in JSON, sent as is. */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    /** The CloudEvents headers as a JSON object of strings. */
    @Column(nullable = false, columnDefinition = "text")
    public String headers;

    /**
     * The W3C {@code traceparent} of the context the row was written in (a REST call, the handling of a
     * consumed record), sent as the record's {@code traceparent} header; null when it was written
     * outside a trace, and in rows from before tracing (ADR 0024).
     */
    @Column(name = "traceparent", length = 55)
    public String traceparent;

    /** The W3C {@code tracestate} that goes with {@link #traceparent}; null when empty. */
    @Column(name = "tracestate", length = TraceContext.MAX_TRACESTATE)
    public String tracestate;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the broker acknowledged the record; null while unsent. */
    @Column(name = "sent_at")
    public Instant sentAt;
}
