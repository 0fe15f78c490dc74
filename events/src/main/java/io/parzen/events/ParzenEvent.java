package io.parzen.events;

import java.time.Instant;

/**
 * What every Parzen event carries. Each event type is an immutable record published as JSON
 * (camelCase fields, ISO-8601 UTC timestamps) to its own topic, keyed by {@link #taskId()}.
 *
 * <p>Consumers must be idempotent: delivery is at least once, so the same {@link #eventId()}
 * may arrive more than once. Producers other than Parzen's own services are welcome; the
 * JSON Schemas under {@code schemas/} in this module are the normative description.
 */
public interface ParzenEvent {

    /** A random UUID, unique per event; the deduplication key for consumers. */
    String eventId();

    /** The version of this event's schema; {@link Events#SCHEMA_VERSION} for events written now. */
    int schemaVersion();

    /** The task this event belongs to; also the Kafka record key. */
    String taskId();

    /** When the producer created the event (UTC). */
    Instant occurredAt();
}
