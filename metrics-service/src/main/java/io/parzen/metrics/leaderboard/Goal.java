package io.parzen.metrics.leaderboard;

import io.parzen.events.vocabulary.Direction;
import java.util.Locale;
import java.util.Optional;

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
        String word = s.trim().toLowerCase(Locale.ROOT);
        Optional<Direction> direction = Direction.find(word); // a task's target direction, as events carry it
        if (direction.isPresent()) {
            return direction.get() == Direction.MAXIMIZE ? MAXIMIZE : MINIMIZE;
        }
        return switch (word) {
            case "target" -> TARGET;
            case "max" -> MAXIMIZE;
            case "min" -> MINIMIZE;
            default -> null;
        };
    }
}
