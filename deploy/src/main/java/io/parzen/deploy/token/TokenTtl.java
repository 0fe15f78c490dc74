package io.parzen.deploy.token;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a token lifetime: a number and a unit ({@code 90s}, {@code 30m}, {@code 8h}, {@code 7d}) or
 * an ISO-8601 duration ({@code PT1H}, {@code P1DT12H}). At least one second, at most {@link #MAX}.
 */
public final class TokenTtl {

    /** The longest lifetime the launcher issues: a local token is not meant to be a permanent credential. */
    public static final Duration MAX = Duration.ofDays(366);

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*([smhd])");

    private TokenTtl() {
    }

    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        Duration d;
        Matcher m = SHORT.matcher(t.toLowerCase(java.util.Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(error(text, "is not a duration"));
            }
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(error(text, "is shorter than 1 second"));
        }
        if (d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(error(text, "is longer than the maximum of " + MAX.toDays() + " days"));
        }
        return d;
    }

    private static String error(String text, String problem) {
        return "'" + text + "' " + problem + "; allowed: a number with s, m, h or d (90s, 30m, 8h, 7d)"
                + " or an ISO-8601 duration (PT1H, P1DT12H), from 1 s to " + MAX.toDays() + " days";
    }
}
