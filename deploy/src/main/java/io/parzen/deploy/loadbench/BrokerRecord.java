package io.parzen.deploy.loadbench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record as the broker stored it: topic, key, the record timestamp (milliseconds since the
 * epoch; the producer's create time, as every Parzen topic uses CreateTime) and the parsed value.
 */
public record BrokerRecord(String topic, String key, long timestampMs, JsonNode value) {

    public String text(String field) {
        JsonNode v = value == null ? null : value.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public int integer(String field, int absent) {
        JsonNode v = value == null ? null : value.get(field);
        return v == null || v.isNull() ? absent : v.asInt(absent);
    }
}
