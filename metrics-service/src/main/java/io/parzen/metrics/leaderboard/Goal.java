package io.parzen.metrics.leaderboard;

import java.util.Locale;

/** How a leaderboard ranks executions by their latest value of the metric. */
public enum Goal {
    /** Closest to the target value first: smallest {@code |value - target|} (Valohai's semantics). */
    TARGET,
    /** Largest value first. */
    MAXIMIZE,
    /** Smallest value first. */
    MINIMIZE;

    /** The lower-case name used in JSON and query parameters. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code target}, {@code maximize}/{@code max} or {@code minimize}/{@code min}; null if unknown. */
    public static Goal parse(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "target" -> TARGET;
            case "maximize", "max" -> MAXIMIZE;
            case "minimize", "min" -> MINIMIZE;
            default -> null;
        };
    }
}
