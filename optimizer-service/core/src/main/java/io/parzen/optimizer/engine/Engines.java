package io.parzen.optimizer.engine;

import io.parzen.optimizer.engine.grid.GridEngine;
import io.parzen.optimizer.engine.manual.ManualEngine;
import io.parzen.optimizer.engine.random.RandomEngine;
import io.parzen.optimizer.engine.sobol.SobolEngine;
import io.parzen.optimizer.engine.tpe.HyperoptTpeEngine;
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
    public static final List<String> NAMES = List.of("optuna", "hyperopt", "gp", "auto", "random", "sobol", "motpe", "nsga2");

    /** The engine names a task with several objectives ({@code targets}) accepts. */
    public static final List<String> MULTI_OBJECTIVE_NAMES = List.of("auto", "motpe", "nsga2", "random", "sobol");

    /** The engine names a task with one objective accepts (the multi-objective engines need a loss vector). */
    public static final List<String> SINGLE_OBJECTIVE_NAMES = List.of("optuna", "hyperopt", "gp", "auto", "random", "sobol");

    private Engines() {
    }

    /** Seeded uniform random search. */
    public static Engine random() {
        return new RandomEngine();
    }

    /** Scrambled Sobol quasi-random search; the scramble comes from {@code seed} (use the task seed). */
    public static Engine sobol(long seed) {
        return new SobolEngine(seed);
    }

    /**
     * A model-based engine by name: {@code optuna} (default, also for a null name), {@code hyperopt},
     * {@code gp}, {@code auto}, or the model-free {@code random} and {@code sobol}. For the model-based
     * engines the first {@code randomStartup} <em>issued</em> trials (complete, pending and failed;
     * Valohai's default {@link #DEFAULT_RANDOM_STARTUP}) are random; model-free engines ignore it.
     * Same as {@code byName(name, randomStartup, 0)}: prefer the 3-argument form with the task seed.
     *
     * @throws IllegalArgumentException naming the allowed engines when the name is unknown
     */
    public static Engine byName(String name, int randomStartup) {
        return byName(name, randomStartup, 0L);
    }

    /**
     * As {@link #byName(String, int)}, with the task's seed for engines that need randomness that
     * stays the same across batches (the scramble of {@code sobol}); the others use the random source
     * given to {@link Engine#propose}.
     */
    public static Engine byName(String name, int randomStartup, long seed) {
        String key = name == null ? "optuna" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "random":
                return random();
            case "optuna":
                return new OptunaTpeEngine(randomStartup);
            case "hyperopt":
                return new HyperoptTpeEngine(randomStartup);
            case "sobol":
                return new SobolEngine(seed);
            case "gp":
                return new io.parzen.optimizer.engine.gp.GpEngine(randomStartup);
            case "auto":
                return new io.parzen.optimizer.engine.auto.AutoEngine(randomStartup);
            case "motpe":
                return new io.parzen.optimizer.engine.tpe.MotpeEngine(randomStartup);
            case "nsga2":
                return new io.parzen.optimizer.engine.nsga2.Nsga2Engine();
            default:
                throw new IllegalArgumentException("unknown engine '" + name + "'; allowed engines are " + NAMES);
        }
    }

    /**
     * The engine for a task with {@code objectives} objectives (1 = a single {@code target}, 2..4 =
     * {@code targets}). With one objective this is {@link #byName(String, int, long)} restricted to
     * {@link #SINGLE_OBJECTIVE_NAMES}; with several, {@link #MULTI_OBJECTIVE_NAMES}, and {@code auto}
     * (or no name) is {@code motpe} — Optuna 5's default for several objectives, and the better of the
     * two on every cell of the multi-objective benchmark at 100 and 200 evaluations
     * (docs/benchmarks/multiobjective.md); NSGA-II's first generation alone is 50 random points.
     *
     * @throws IllegalArgumentException naming the engines allowed for that many objectives
     */
    public static Engine byName(String name, int randomStartup, long seed, int objectives) {
        String key = name == null ? (objectives > 1 ? "auto" : "optuna") : name.trim().toLowerCase(Locale.ROOT);
        List<String> allowed = objectives > 1 ? MULTI_OBJECTIVE_NAMES : SINGLE_OBJECTIVE_NAMES;
        if (!allowed.contains(key)) {
            throw new IllegalArgumentException("engine '" + name + "' cannot optimize " + objectives
                    + (objectives == 1 ? " objective" : " objectives") + "; allowed engines are " + allowed);
        }
        if (objectives > 1 && key.equals("auto")) {
            key = "motpe";
        }
        return byName(key, randomStartup, seed);
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
