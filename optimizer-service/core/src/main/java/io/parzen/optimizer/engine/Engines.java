package io.parzen.optimizer.engine;

import io.parzen.optimizer.engine.grid.GridEngine;
import io.parzen.optimizer.engine.manual.ManualEngine;
import io.parzen.optimizer.engine.random.RandomEngine;
import io.parzen.optimizer.engine.tpe.OptunaTpeEngine;
import io.parzen.optimizer.grid.Grid;
import io.parzen.optimizer.grid.VariantParameter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Creates engines by the names users give them. */
public final class Engines {

    /** Valohai's default number of random executions before a model is used. */
    public static final int DEFAULT_RANDOM_STARTUP = 20;

    /** The engine names {@link #byName} accepts. */
    public static final List<String> NAMES = List.of("optuna", "hyperopt", "random", "sobol");

    private Engines() {
    }

    /** Seeded uniform random search. */
    public static Engine random() {
        return new RandomEngine();
    }

    /**
     * A model-based engine by name: {@code optuna} (default), {@code hyperopt}, {@code gp}, {@code auto},
     * or the model-free {@code random} and {@code sobol}. The first {@code randomStartup} issued
     * trials are random.
     *
     * @throws IllegalArgumentException naming the allowed engines when the name is unknown
     */
    public static Engine byName(String name, int randomStartup) {
        String key = name == null ? "optuna" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "random":
                return random();
            case "optuna":
                return new OptunaTpeEngine(randomStartup);
            case "hyperopt":
            case "sobol":
                throw new UnsupportedOperationException("engine " + name + ": being implemented");
            default:
                throw new IllegalArgumentException("unknown engine '" + name + "'; allowed engines are " + NAMES);
        }
    }

    /**
     * Grid search over the product of the variant parameters' value lists, in order (see {@link Grid}:
     * declaration order, last parameter varying fastest). {@code random} styles without a {@code seed}
     * rule use seed 0; see {@link #grid(List, long)}.
     *
     * @throws io.parzen.optimizer.space.SpaceException naming the rule when a variant is invalid
     */
    public static Engine grid(List<VariantParameter> variants) {
        return grid(variants, 0L);
    }

    /** Grid search whose {@code random} styles without a {@code seed} rule are seeded from {@code taskSeed}. */
    public static Engine grid(List<VariantParameter> variants, long taskSeed) {
        return new GridEngine(Grid.of(variants, taskSeed));
    }

    /**
     * The given parameter sets, in order, one execution each.
     *
     * @throws io.parzen.optimizer.space.SpaceException when there is no set or a set is empty
     */
    public static Engine manual(List<Map<String, Object>> parameterSets) {
        return new ManualEngine(parameterSets);
    }
}
