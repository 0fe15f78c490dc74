package io.parzen.deploy.conformance;

import java.time.Instant;
import java.util.Map;

/**
 * One record the checker saw on a topic: what Kafka delivered, without Kafka's types.
 *
 * @param headers the record's headers as UTF-8 strings (the last value of a repeated header)
 * @param value the value as UTF-8 text, null for a tombstone
 * @param timestamp the record's Kafka timestamp
 */
public record SeenRecord(String topic, String key, Map<String, String> headers, String value, Instant timestamp) {

    public SeenRecord {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
