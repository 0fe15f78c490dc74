package io.parzen.executor.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parzen.events.Events;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Formats parameter values as command-line text.
 *
 * <ul>
 *   <li>Integers as they are; a floating-point value that is a whole number is written without a
 *       fraction ({@code 3.0} becomes {@code 3}), so that {@code int("3")} works in the program.</li>
 *   <li>Other floating-point values in the shortest decimal form that reads back as the same
 *       double ({@code 0.1}, {@code 0.0001}, {@code 1.5e-10}): plain notation for exponents from
 *       -7 to 20, otherwise {@code <digits>e<exponent>}. Both parse with Python's {@code float()}
 *       and Java's {@code Double.parseDouble}. Not-a-number and infinities are {@code nan},
 *       {@code inf} and {@code -inf}.</li>
 *   <li>Booleans as {@code true}/{@code false}; strings as they are; a list as its formatted
 *       elements joined with commas; anything else as JSON.</li>
 * </ul>
 */
public final class ParameterValues {

    private static final BigDecimal LONG_RANGE = BigDecimal.valueOf(1e15);

    private ParameterValues() {
    }

    /** The command-line text of {@code value}; an empty string for {@code null}. */
    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return formatDouble(d);
        }
        if (value instanceof Float f) {
            return formatDouble(Double.parseDouble(Float.toString(f)));
        }
        if (value instanceof BigDecimal bd) {
            BigDecimal stripped = bd.stripTrailingZeros();
            return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : render(stripped);
        }
        if (value instanceof Number n) {
            return formatDouble(n.doubleValue());
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(ParameterValues::format).collect(Collectors.joining(","));
        }
        try {
            return Events.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /**
     * The text of {@code {parameter-value:NAME}}: {@link #format(Object)} for a single value, and for a list
     * what valohai-yaml writes ({@code str(value)} of the Python list, {@link #pythonText(List)}).
     */
    public static String valueText(Object value) {
        return value instanceof List<?> list ? pythonText(list) : format(value);
    }

    /**
     * Python's {@code str(list)} of a list of numbers, strings and booleans: {@code [64, 32]},
     * {@code ['a', "it's"]}, {@code [True, 0.5, 1e-05]}. Strings are written as Python's {@code repr} does:
     * single quotes unless the text holds a single quote and no double quote; backslash, the quote,
     * {@code \t}, {@code \n}, {@code \r} escaped, other control characters as {@code \xNN}.
     */
    public static String pythonText(List<?> list) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(pythonRepr(list.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String pythonRepr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double || v instanceof Float) {
            return pythonFloat(((Number) v).doubleValue());
        }
        if (v instanceof Number) {
            return format(v);
        }
        if (v instanceof List<?> l) {
            return pythonText(l);
        }
        String s = String.valueOf(v);
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == quote) {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || (c >= 0x7f && c <= 0xa0)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, {@code 1.0}, {@code 1e-05}, {@code 1e+16}. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = null;
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == d) {
                shortest = rounded.stripTrailingZeros();
                break;
            }
        }
        if (shortest == null) {
            shortest = exact.round(MathContext.DECIMAL64).stripTrailingZeros();
        }
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = shortest.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder();
            if (shortest.signum() < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            return sb.append(abs < 10 ? "0" : "").append(abs).toString();
        }
        String plain = shortest.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** The shortest round-trip decimal text of {@code d} (see the class comment). */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < LONG_RANGE.doubleValue()) {
            return Long.toString((long) d);
        }
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == d) {
                return render(rounded.stripTrailingZeros());
            }
        }
        return Double.toString(d);
    }

    /** Plain notation for decimal exponents -7..20, otherwise {@code 1.5e-10} style. */
    private static String render(BigDecimal v) {
        int exponent = v.precision() - v.scale() - 1;
        if (exponent >= -7 && exponent <= 20) {
            return v.toPlainString();
        }
        String digits = v.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (v.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        return sb.append('e').append(exponent).toString();
    }
}
