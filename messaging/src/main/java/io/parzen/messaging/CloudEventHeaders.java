package io.parzen.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.parzen.events.Events;
import io.parzen.events.ParzenEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The CloudEvents headers of a Parzen record (Kafka protocol binding, binary mode), in one place:
 * the headers of an event, their JSON form as the outbox stores them, the Kafka headers sent, and
 * reading a header of a received record. The header names are the contract's ({@link Events}).
 */
public final class CloudEventHeaders {

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private CloudEventHeaders() {
    }

    /** The headers of {@code event} published by {@code source} (e.g. {@code /parzen/task-service}). */
    public static Map<String, String> of(ParzenEvent event, String source) {
        return Events.cloudEventHeaders(event, source);
    }

    /**
     * The headers rebuilt from what an outbox row knows without its stored headers: used when the
     * stored JSON cannot be read, so that the row is still sent, and sent with its identity.
     */
    public static Map<String, String> rebuilt(String eventId, String eventType, String source, String subject,
            Instant time) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Events.CE_SPECVERSION, "1.0");
        if (eventId != null) {
            headers.put(Events.CE_ID, eventId);
        }
        if (eventType != null) {
            headers.put(Events.CE_TYPE, eventType);
        }
        headers.put(Events.CE_SOURCE, source);
        if (time != null) {
            headers.put(Events.CE_TIME, time.toString());
        }
        if (subject != null) {
            headers.put(Events.CE_SUBJECT, subject);
        }
        headers.put(Events.CONTENT_TYPE, "application/json");
        return headers;
    }

    /** The headers as a JSON object of strings, as the outbox stores them. */
    public static String toJson(Map<String, String> headers) {
        try {
            return Events.mapper().writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /** The headers stored as JSON, or empty when {@code json} is not a JSON object of strings. */
    public static Optional<Map<String, String>> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            Map<String, String> map = Events.mapper().readValue(json, MAP);
            return Optional.ofNullable(map);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Kafka headers with the values in UTF-8; null values are left out. */
    public static Headers toKafka(Map<String, String> headers) {
        RecordHeaders kafka = new RecordHeaders();
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                kafka.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        });
        return kafka;
    }

    /** The last value of header {@code name}, in UTF-8, or null when the record has none. */
    public static String header(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
