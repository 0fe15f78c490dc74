package io.parzen.task.blueprint;

import io.parzen.task.limits.TaskLimits;

/** The blueprint parser's limits as configured ({@code parzen.task.limits.yaml.*}). */
public final class BlueprintLimits {

    private BlueprintLimits() {
    }

    public static Blueprint.Limits of(TaskLimits limits) {
        return new Blueprint.Limits(limits.yaml().aliases(), limits.yaml().nodes());
    }
}
