package io.parzen.task.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parzen.events.Events;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON for text columns and event payloads, with the event contract's conventions
 * ({@link Events#configure(ObjectMapper)}). Thread-safe.
 */
public final class Json {

    private static final ObjectMapper MAPPER = Events.configure(new ObjectMapper());
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read JSON as " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** An object as an ordered map; null or blank gives an empty map. */
    public static Map<String, Object> readMap(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
