package io.parzen.executor.messaging;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One event waiting to be published (transactional outbox): written in the same database
 * transaction as the state change it announces, sent to Kafka in id order by
 * {@link OutboxPublisher}, then marked sent.
 */
@Entity
@Table(name = "outbox_event", indexes = @Index(name = "outbox_event_unsent_idx", columnList = "sentAt,id"))
public class OutboxEvent extends PanacheEntity {

    /** The event's {@code eventId}. */
    @Column(nullable = false, length = 64)
    public String eventId;

    /** Kafka topic. */
    @Column(nullable = false)
    public String topic;

    /** Kafka record key (the task id). */
    @Column(nullable = false, length = 512)
    public String messageKey;

    /** The event as JSON, the record value. */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    /** The CloudEvents headers as a JSON object of strings. */
    @Column(nullable = false, columnDefinition = "text")
    public String headers;

    @Column(nullable = false)
    public Instant createdAt;

    /** When Kafka acknowledged the record; null while unsent. */
    public Instant sentAt;
}
