package io.parzen.messaging.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parzen.events.Events;
import io.parzen.events.ParzenEvent;
import java.util.Optional;

/**
 * Turns a record's value into an event of the contract, or fails with an {@link InvalidEventException}
 * that says what is wrong. Checks what every event must carry — a JSON object of the topic's event
 * type, a {@code taskId}, a {@code schemaVersion} this service reads; each service adds the checks of
 * the fields it relies on with {@link #require}.
 */
public final class EventReader {

    private final ObjectMapper mapper;

    /** A reader with the contract's mapper ({@link Events#mapper()}). */
    public EventReader() {
        this(Events.mapper());
    }

    /** A reader with a mapper of the service's (configured with {@link Events#configure}). */
    public EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event type a topic carries, if it is one of the contract's. */
    public static Optional<Events.Type> typeOf(String topic) {
        for (Events.Type type : Events.Type.values()) {
            if (type.topic().equals(topic)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Reads {@code value} as the event type of {@code topic}. */
    public ParzenEvent read(String topic, String value) {
        Events.Type type = typeOf(topic).orElseThrow(() -> new InvalidEventException("topic " + topic
                + " carries no event of the contract"));
        return read(value, type.recordClass());
    }

    /** Reads {@code value} as a {@code type} and checks what every event carries. */
    public <T extends ParzenEvent> T read(String value, Class<T> type) {
        String name = type.getSimpleName();
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(name + ": the record has no value");
        }
        T event;
        try {
            event = mapper.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a valid " + name + " JSON document: " + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new InvalidEventException(name + ": the record's value is null");
        }
        requireText(event.taskId(), name + ".taskId");
        if (event.schemaVersion() > Events.SCHEMA_VERSION) {
            throw new InvalidEventException(name + ": schemaVersion " + event.schemaVersion()
                    + " is newer than the " + Events.SCHEMA_VERSION + " this service reads");
        }
        return event;
    }

    /** Fails with {@code message} unless {@code ok}. */
    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidEventException(message);
        }
    }

    /** Fails unless {@code value} has text: "{@code field} is missing or blank". */
    public static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field + " is missing or blank");
        }
    }
}
