package io.parzen.optimizer.engine;

/** Why a point was proposed; shown to users beside each execution. */
public enum Source {
    RANDOM, MODEL, GRID, MANUAL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
