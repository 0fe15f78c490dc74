package io.parzen.executor.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parzen.events.Events;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
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
