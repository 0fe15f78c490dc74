package io.parzen.task.limits;

import io.parzen.task.blueprint.Blueprint;

/** The blueprint parser's limits as configured. */
public final class BlueprintLimits {

    private BlueprintLimits() {
    }

    public static Blueprint.Limits of(TaskLimits limits) {
        return new Blueprint.Limits(limits.yaml().aliases(), limits.yaml().nodes());
    }
}
