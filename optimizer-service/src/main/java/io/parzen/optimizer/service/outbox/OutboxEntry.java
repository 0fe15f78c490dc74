package io.parzen.optimizer.service.outbox;

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
 * An event to publish, written in the same transaction as the state change that caused it. The
 * {@link OutboxPublisher} sends unsent rows in id order and then sets {@link #sentAt}.
 */
@Entity
@Table(name = "outbox", indexes = @Index(name = "outbox_unsent", columnList = "sent_at, id"))
public class OutboxEntry extends PanacheEntityBase {

    /**
     * From a sequence with allocation size 1: ids are drawn inside the transaction, under the study's
     * row lock, so the rows of one task are numbered in commit order even across service instances.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_seq")
    @SequenceGenerator(name = "outbox_seq", sequenceName = "outbox_seq", allocationSize = 1)
    public Long id;

    @Column(nullable = false, length = 255)
    public String topic;

    /** The Kafka record key: the task id. */
    @Column(name = "record_key", nullable = false, length = 255)
    public String recordKey;

    /** The CloudEvents type, for people reading the table. */
    @Column(name = "event_type", nullable = false, length = 100)
    public String eventType;

    /** The event in JSON, sent as is. */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    /** The Kafka headers (CloudEvents) as a JSON object of strings. */
    @Column(nullable = false, columnDefinition = "text")
    public String headers;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the broker acknowledged the record; null while unsent. */
    @Column(name = "sent_at")
    public Instant sentAt;
}
