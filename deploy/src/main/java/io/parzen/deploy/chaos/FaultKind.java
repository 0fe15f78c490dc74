package io.parzen.deploy.chaos;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What the chaos harness does to a target in one round. */
public enum FaultKind {
    /** SIGKILL of the target's process (for PostgreSQL also its server processes), then a restart. */
    KILL("kill"),
    /** PostgreSQL stopped (SIGTERM, a clean shutdown) for the outage, then started on the same port and data folder. */
    STOP_DB("stop-db"),
    /** The Kafka broker stopped (SIGTERM) for the outage, then started on the same ports and log folder. */
    STOP_BROKER("stop-broker");

    private final String id;

    FaultKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static FaultKind byId(String id) {
        for (FaultKind k : values()) {
            if (k.id.equals(id.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("--faults: '" + id + "' is not a fault kind; allowed: "
                + Arrays.stream(values()).map(FaultKind::id).collect(Collectors.joining(", ")));
    }

    /** {@code kill,stop-db} → the kinds; an empty or blank list is refused. */
    public static Set<FaultKind> parseList(String list) {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                kinds.add(byId(s));
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("--faults: '" + list + "' names no fault kind; allowed: "
                    + Arrays.stream(values()).map(FaultKind::id).collect(Collectors.joining(", ")));
        }
        return kinds;
    }
}
