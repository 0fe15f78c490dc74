package io.parzen.optimizer.service.study;

import io.parzen.optimizer.study.Seeds;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.Batching;
import io.parzen.events.vocabulary.ExhaustedReason;
import io.parzen.events.vocabulary.TaskDefaults;
import io.parzen.events.vocabulary.TaskType;
import io.parzen.optimizer.engine.Engine;
import io.parzen.optimizer.engine.Engines;
import io.parzen.optimizer.grid.Grid;
import io.parzen.optimizer.grid.VariantParameter;
import io.parzen.optimizer.space.SearchSpace;
import io.parzen.optimizer.space.SpaceException;
import io.parzen.optimizer.study.Study;
import io.parzen.optimizer.study.Trial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the optimizer derives from a task spec: the engine, the search space, the objective
 * and the batching rules. Rebuilt from the stored spec for every event, so nothing of a study lives
 * only in memory.
 *
 * @param engineName the engine as shown to users: {@code random}, {@code grid}, {@code manual}, or the Bayesian engine's name
 * @param space the space the study's trials live in: the task's parameters for random and Bayesian
 *              search, the grid's value lists for grid search, the declared parameters (or the values
 *              of the parameter sets) for manual search
 */
public record StudyPlan(TaskSpec spec, String engineName, Engine engine, SearchSpace space, Objective objective,
        boolean asynchronous) {

    /**
     * Builds the plan of a task.
     *
     * @param taskSeed the task's seed ({@link Seeds#taskSeed}); grid variants of style {@code random}
     *                 without their own seed draw from it
     * @throws InvalidTaskSpecException or {@link SpaceException} naming the field when the spec cannot run
     */
    public static StudyPlan of(TaskSpec spec, long taskSeed) {
        if (spec == null) {
            throw new InvalidTaskSpecException("task", null, "the task spec is required");
        }
        if (spec.maxExecutions() < 1) {
            throw new InvalidTaskSpecException("maxExecutions", spec.maxExecutions(), "at least 1");
        }
        if (spec.batchSize() < 1) {
            throw new InvalidTaskSpecException("batchSize", spec.batchSize(), "at least 1");
        }
        if (spec.maximumQueuedExecutions() != null && spec.maximumQueuedExecutions() < 1) {
            throw new InvalidTaskSpecException("maximumQueuedExecutions", spec.maximumQueuedExecutions(),
                    "at least 1, or absent");
        }
        Batching batching = spec.batching() == null ? Batching.DEFAULT : Batching.find(spec.batching())
                .orElseThrow(() -> new InvalidTaskSpecException("batching", spec.batching(),
                        String.join(" or ", Batching.wireNames())));
        boolean asynchronous = batching == Batching.ASYNCHRONOUS;
        Objective objective = Objective.of(spec.target());
        Constraints.of(spec); // constraints are checked before anything is suggested (ADR 0033)
        Objectives.of(spec); // a multi-objective task's targets are checked before anything is suggested
        TaskType type = TaskType.find(spec.type()).orElseThrow(() -> new InvalidTaskSpecException("type",
                spec.type(), "one of " + String.join(", ", TaskType.wireNames())));
        if (spec.warmStartFrom() != null && (type != TaskType.BAYESIAN_TPE || spec.objectiveCount() > 1
                || "random".equals(spec.engine()) || "sobol".equals(spec.engine()))) {
            throw new InvalidTaskSpecException("warmStartFrom", spec.warmStartFrom(),
                    "warm start needs a bayesian_tpe task with one target and a model-based engine (docs/decisions/0034)");
        }
        if (spec.warmStartFrom() != null && !spec.constraintsOrNone().isEmpty()) {
            throw new InvalidTaskSpecException("warmStartFrom", spec.warmStartFrom(),
                    "warm start cannot be combined with constraints yet: earlier results carry no constraint values"
                            + " (docs/decisions/0034)");
        }
        return switch (type) {
            case RANDOM_SEARCH -> new StudyPlan(spec, "random", Engines.random(),
                    SpaceMapper.space(spec.parameters()), objective, asynchronous);
            case BAYESIAN_TPE -> {
                Objectives objectives = Objectives.of(spec);
                if (!objective.defined() && objectives == null) {
                    throw new InvalidTaskSpecException("target", null, "Bayesian optimization needs a target metric");
                }
                String engine = spec.engine() == null || spec.engine().isBlank()
                        ? (objectives != null ? "auto" : TaskDefaults.ENGINE) : spec.engine();
                int randomStartup = spec.randomStartup() == null ? TaskDefaults.RANDOM_STARTUP : spec.randomStartup();
                if (randomStartup < 0) {
                    throw new InvalidTaskSpecException("randomStartup", randomStartup, "0 or more");
                }
                SearchSpace space = SpaceMapper.space(spec.parameters());
                Engine built;
                try {
                    built = Engines.byName(engine, randomStartup, taskSeed, spec.objectiveCount());
                } catch (SpaceException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw new InvalidTaskSpecException("engine", engine, e.getMessage());
                }
                yield new StudyPlan(spec, engine, built, space, objective, asynchronous);
            }
            case GRID_SEARCH -> {
                List<VariantParameter> variants = SpaceMapper.variants(spec.parameters());
                yield new StudyPlan(spec, "grid", Engines.grid(variants, taskSeed),
                        Grid.of(variants, taskSeed).space(), objective, asynchronous);
            }
            case MANUAL_SEARCH -> {
                if (spec.parameterSets() == null || spec.parameterSets().isEmpty()) {
                    throw new InvalidTaskSpecException("parameterSets", spec.parameterSets(),
                            "manual search needs at least one parameter set");
                }
                yield new StudyPlan(spec, "manual", Engines.manual(spec.parameterSets()),
                        SpaceMapper.manualSpace(spec.parameters(), spec.parameterSets()), objective, asynchronous);
            }
        };
    }

    /**
     * How many suggestions to issue now.
     *
     * <p>Synchronous (Valohai's behaviour): a new batch only when nothing is pending, of
     * {@code min(batchSize, maximumQueuedExecutions)} executions. Asynchronous: fill every free slot
     * up to {@code maximumQueuedExecutions} (or {@code batchSize}). Never more than
     * {@code maxExecutions} issued in total.
     *
     * @param issued suggestions issued so far
     * @param pending issued suggestions without a result
     */
    public int slots(int issued, int pending) {
        int remaining = spec.maxExecutions() - issued;
        Integer maxQueued = spec.maximumQueuedExecutions();
        int n;
        if (asynchronous) {
            int cap = maxQueued != null ? maxQueued : spec.batchSize();
            n = cap - pending;
        } else {
            if (pending > 0) {
                return 0;
            }
            n = maxQueued != null ? Math.min(spec.batchSize(), maxQueued) : spec.batchSize();
        }
        return Math.max(0, Math.min(n, remaining));
    }

    /** The reason given in {@code SuggestionsExhausted} when the engine has no more points. */
    public String exhaustedReason() {
        return ExhaustedReason.ranOutOfPoints(TaskType.fromWire(spec.type())).wireName();
    }

    /** The study as the engine sees it. */
    public Study study(List<Trial> trials) {
        return new Study(space, trials);
    }

    /**
     * A stored point with the value types the engine expects (e.g. integers as {@code Long}, which
     * JSON reads back as {@code Integer}). Points that do not fit the space are returned as stored.
     */
    public Map<String, Object> normalize(Map<String, Object> point) {
        try {
            return space.normalize(point);
        } catch (RuntimeException e) {
            return point;
        }
    }

    /** The pass-as template of each parameter that has one, or null when none has. */
    public Map<String, String> passAs() {
        if (spec.parameters() == null) {
            return null;
        }
        Map<String, String> passAs = new LinkedHashMap<>();
        for (ParameterSpec p : spec.parameters()) {
            if (p != null && p.passAs() != null && p.name() != null) {
                passAs.put(p.name(), p.passAs());
            }
        }
        return passAs.isEmpty() ? null : passAs;
    }

    /** Valohai's {@code multiple} mode of each parameter that may hold a list value, or null when none may. */
    public Map<String, String> multiple() {
        return perParameter(p -> p.multiple());
    }

    /** The separator of each {@code multiple: separate} parameter that names one, or null. */
    public Map<String, String> multipleSeparator() {
        return perParameter(p -> ParameterSpec.SEPARATE.equals(p.multiple()) ? p.multipleSeparator() : null);
    }

    private Map<String, String> perParameter(java.util.function.Function<ParameterSpec, String> field) {
        if (spec.parameters() == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (ParameterSpec p : spec.parameters()) {
            if (p != null && p.name() != null && field.apply(p) != null) {
                out.put(p.name(), field.apply(p));
            }
        }
        return out.isEmpty() ? null : out;
    }
}
