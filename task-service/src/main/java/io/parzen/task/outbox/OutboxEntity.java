package io.parzen.task.outbox;

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
 * An event waiting to be published: written in the same transaction as the state change it
 * announces, sent by {@link OutboxPublisher} in id order, then marked sent.
 */
@Entity
@Table(name = "outbox", indexes = @Index(name = "outbox_unsent_idx", columnList = "sentAt,id"))
public class OutboxEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_seq")
    @SequenceGenerator(name = "outbox_seq", sequenceName = "outbox_seq", allocationSize = 1)
    public Long id;

    @Column(nullable = false, length = 36)
    public String eventId;

    @Column(nullable = false, length = 100)
    public String topic;

    /** Kafka record key: the task id. */
    @Column(nullable = false, length = 80)
    public String recordKey;

    /** The event as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    /** CloudEvents headers as a JSON object. */
    @Column(nullable = false, columnDefinition = "text")
    public String headers;

    @Column(nullable = false)
    public Instant createdAt;

    public Instant sentAt;
}
