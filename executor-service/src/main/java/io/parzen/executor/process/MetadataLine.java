package io.parzen.executor.process;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * Recognizes Valohai-style metadata: a line of standard output that is a JSON object. Python's
 * {@code json.dumps} writes {@code NaN} and {@code Infinity} for non-finite floats, so those are
 * accepted. If a line holds more than one object, the first one counts.
 */
public final class MetadataLine {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private MetadataLine() {
    }

    /** The object's keys and values, or null if the line is not a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String line) {
        if (line == null) {
            return null;
        }
        String s = line.strip();
        if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
            return null;
        }
        try {
            return MAPPER.readValue(s, Map.class);
        } catch (Exception e) {
            return null;
        }
    }
}
