package io.parzen.deploy.chaos;

import io.parzen.deploy.launcher.Component;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The seeded plan of a chaos run (ADR 0026), fixed before the first fault: the same seed, rounds, kinds and
 * targets give the same faults in the same order with the same pauses, whatever the system does meanwhile.
 * Each round first picks a kind uniformly among the allowed ones, then its target: {@code kill} any of the
 * targets (every service instance, the broker, PostgreSQL), {@code stop-db} PostgreSQL, {@code stop-broker}
 * the broker; then the pause before it, uniform in [minPause, maxPause] to the second.
 */
public final class FaultPlan {

    private FaultPlan() {
    }

    public static List<Fault> plan(long seed, int rounds, Set<FaultKind> kinds, List<Target> targets,
            Duration minPause, Duration maxPause, Duration outage) {
        if (rounds < 0) {
            throw new IllegalArgumentException("--rounds: " + rounds + " is negative; allowed: 0 or more");
        }
        if (minPause.compareTo(maxPause) > 0) {
            throw new IllegalArgumentException("--min-pause " + minPause + " is longer than --max-pause " + maxPause);
        }
        List<FaultKind> allowed = new ArrayList<>();
        for (FaultKind k : FaultKind.values()) {
            if (kinds.contains(k)) {
                if (k != FaultKind.KILL && candidates(k, targets).isEmpty()) {
                    throw new IllegalArgumentException("--faults: " + k.id() + " needs the embedded "
                            + (k == FaultKind.STOP_DB ? "PostgreSQL" : "Kafka broker")
                            + ", which this system does not run (external); allowed here: kill");
                }
                allowed.add(k);
            }
        }
        if (allowed.isEmpty() || targets.isEmpty()) {
            throw new IllegalArgumentException("no fault kind or no target to hit");
        }
        Random random = new Random(seed);
        long spanSeconds = maxPause.toSeconds() - minPause.toSeconds();
        List<Fault> plan = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            FaultKind kind = allowed.get(random.nextInt(allowed.size()));
            List<Target> pool = candidates(kind, targets);
            Target target = pool.get(random.nextInt(pool.size()));
            Duration pause = minPause.plusSeconds(spanSeconds <= 0 ? 0 : random.nextInt((int) spanSeconds + 1));
            plan.add(new Fault(round, kind, target, pause, kind == FaultKind.KILL ? Duration.ZERO : outage));
        }
        return plan;
    }

    static List<Target> candidates(FaultKind kind, List<Target> targets) {
        return switch (kind) {
            case KILL -> targets;
            case STOP_DB -> targets.stream().filter(t -> t.component() == Component.POSTGRES).toList();
            case STOP_BROKER -> targets.stream().filter(t -> t.component() == Component.KAFKA).toList();
        };
    }
}
