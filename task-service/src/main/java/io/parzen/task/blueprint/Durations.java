package io.parzen.task.blueprint;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Valohai durations ({@code time-limit}, {@code no-output-timeout}): whole seconds as a
 * number, or a string such as {@code "3600"}, {@code "3600s"}, {@code "90m"}, {@code "1h30m"},
 * {@code "1h 30m 5s"}, {@code "1.5h"}, {@code "2 hours"}, {@code "1d"}, {@code "1w"}.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile(
            "\\s*(\\d+(?:\\.\\d+)?)\\s*(weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)?\\s*,?");

    private Durations() {
    }

    /**
     * The duration in seconds (fractions rounded up).
     *
     * @throws IllegalArgumentException when the text is not a duration; the message says what is allowed
     */
    public static long parseSeconds(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("is empty; expected seconds or a duration such as \"1h 30m 5s\"");
        }
        Matcher m = PART.matcher(t);
        int at = 0;
        double seconds = 0;
        int parts = 0;
        boolean bare = false;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at || m.end() == at) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration; expected seconds (3600) or"
                        + " amounts with units w, d, h, m, s such as \"1h 30m 5s\", \"90m\", \"3600s\"");
            }
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2);
            if (unit == null) {
                bare = true;
            }
            seconds += amount * unitSeconds(unit);
            parts++;
            at = m.end();
        }
        if (bare && parts > 1) {
            throw new IllegalArgumentException("\"" + text + "\" mixes a number without a unit with other amounts;"
                    + " give every amount a unit (w, d, h, m, s)");
        }
        if (seconds > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
        }
        return (long) Math.ceil(seconds - 1e-9);
    }

    private static long unitSeconds(String unit) {
        if (unit == null || unit.startsWith("s")) {
            return 1;
        }
        if (unit.startsWith("w")) {
            return 7 * 86400;
        }
        if (unit.startsWith("d")) {
            return 86400;
        }
        if (unit.startsWith("h")) {
            return 3600;
        }
        return 60; // m, min, minutes
    }
}
