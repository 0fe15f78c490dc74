package io.parzen.optimizer.engine;

import io.parzen.optimizer.grid.VariantParameter;
import java.util.List;
import java.util.Map;

/** Creates engines by the names users give them. */
public final class Engines {

    /** Valohai's default number of random executions before a model is used. */
    public static final int DEFAULT_RANDOM_STARTUP = 20;

    private Engines() {
    }

    /** Seeded uniform random search. */
    public static Engine random() {
        throw new UnsupportedOperationException("random engine: being implemented");
    }

    /**
     * A model-based engine by name: {@code optuna} (default), {@code hyperopt}, {@code gp}, {@code auto},
     * or the model-free {@code random} and {@code sobol}. The first {@code randomStartup} issued
     * trials are random.
     *
     * @throws IllegalArgumentException naming the allowed engines when the name is unknown
     */
    public static Engine byName(String name, int randomStartup) {
        throw new UnsupportedOperationException("engine " + name + ": being implemented");
    }

    /** Grid search over the product of the variant parameters' value lists, in order. */
    public static Engine grid(List<VariantParameter> variants) {
        throw new UnsupportedOperationException("grid engine: being implemented");
    }

    /** The given parameter sets, in order, one execution each. */
    public static Engine manual(List<Map<String, Object>> parameterSets) {
        throw new UnsupportedOperationException("manual engine: being implemented");
    }
}
