package io.parzen.deploy.chaos;

import java.time.Duration;

/**
 * One round of the plan: wait {@code pauseBefore}, then do {@code kind} to {@code target}; for an outage the
 * target stays down for {@code outage}.
 */
public record Fault(int round, FaultKind kind, Target target, Duration pauseBefore, Duration outage) {

    public String describe() {
        return kind.id() + " " + target.name() + (kind == FaultKind.KILL ? "" : " for " + outage.toSeconds() + " s");
    }
}
