package io.parzen.metrics.point;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one metadata object (the {@code values} of a {@code MetricLogged}) into flat key/value pairs.
 *
 * <ul>
 * <li>numbers become numeric values (as doubles);</li>
 * <li>the strings {@code "NaN"}, {@code "Infinity"}, {@code "+Infinity"} and {@code "-Infinity"} are
 * numbers too (Jackson writes non-finite doubles that way; Python writes them bare), so a diverged
 * loss is stored as the numeric point NaN;</li>
 * <li>nested objects are flattened with dots: {@code {"a":{"b":1}}} gives {@code a.b = 1};</li>
 * <li>other strings and booleans become text values ({@code "true"}/{@code "false"} for booleans),
 * or are skipped when text values are disabled;</li>
 * <li>arrays become one text value holding their JSON (e.g. a confusion matrix), or are skipped when
 * text values are disabled;</li>
 * <li>nulls and empty keys are skipped.</li>
 * </ul>
 * If two entries flatten to the same key ({@code {"a.b":1,"a":{"b":2}}}) the later one wins.
 */
public final class MetricFlattener {

    /** One flattened value: exactly one of {@code number} and {@code text} is set. */
    public record FlatValue(Double number, String text) {

        static FlatValue number(double n) {
            return new FlatValue(n, null);
        }

        static FlatValue text(String t) {
            return new FlatValue(null, t);
        }

        public boolean isNumber() {
            return number != null;
        }
    }

    private final ObjectMapper mapper;
    private final boolean keepText;
    private final int maxTextLength;

    /**
     * @param mapper writes arrays as JSON text
     * @param keepText whether strings, booleans and arrays are kept as text values
     * @param maxTextLength longer texts are truncated to this many characters
     */
    public MetricFlattener(ObjectMapper mapper, boolean keepText, int maxTextLength) {
        this.mapper = mapper;
        this.keepText = keepText;
        this.maxTextLength = Math.max(1, maxTextLength);
    }

    /** The flattened values in the order of the object's keys (depth first). */
    public Map<String, FlatValue> flatten(Map<String, ?> values) {
        Map<String, FlatValue> out = new LinkedHashMap<>();
        if (values != null) {
            flatten("", values, out);
        }
        return out;
    }

    private void flatten(String prefix, Map<?, ?> values, Map<String, FlatValue> out) {
        for (Map.Entry<?, ?> e : values.entrySet()) {
            if (e.getKey() == null || String.valueOf(e.getKey()).isEmpty()) {
                continue;
            }
            String key = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, out);
                continue;
            }
            FlatValue flat = convert(v);
            if (flat != null) {
                out.remove(key); // the later entry wins and moves to the end
                out.put(key, flat);
            }
        }
    }

    private FlatValue convert(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal bd) {
            return FlatValue.number(bd.doubleValue());
        }
        if (v instanceof Number n) {
            return FlatValue.number(n.doubleValue());
        }
        if (v instanceof String s) {
            Double nonFinite = nonFinite(s);
            if (nonFinite != null) {
                return FlatValue.number(nonFinite);
            }
            return keepText ? FlatValue.text(truncate(s)) : null;
        }
        if (v instanceof Boolean b) {
            return keepText ? FlatValue.text(b.toString()) : null;
        }
        if (!keepText) {
            return null;
        }
        if (v instanceof Collection<?> || v.getClass().isArray()) {
            try {
                return FlatValue.text(truncate(mapper.writeValueAsString(v)));
            } catch (JsonProcessingException e) {
                return FlatValue.text(truncate(String.valueOf(v)));
            }
        }
        return FlatValue.text(truncate(String.valueOf(v)));
    }

    private String truncate(String s) {
        return s.length() <= maxTextLength ? s : s.substring(0, maxTextLength);
    }

    private static Double nonFinite(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }
}
