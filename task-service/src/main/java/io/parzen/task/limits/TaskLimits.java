package io.parzen.task.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The input limits of task-service, prefix {@code parzen.task.limits}. Every limit is checked before
 * anything is stored; a request over one gets a 400 that names the field, the value and the limit
 * (its property name and value). Why each default is what it is: docs/limits.md.
 */
@ConfigMapping(prefix = "parzen.task.limits")
public interface TaskLimits {

    /** The prefix of every property, for error messages. */
    String PREFIX = "parzen.task.limits.";

    /** Largest request body in bytes (JSON task or YAML blueprint), told by Content-Length. */
    @WithDefault("1048576")
    long bodySize();

    /** Longest task name, parameter name, parameter-set key and target metric, in characters. */
    @WithDefault("200")
    int nameLength();

    /** Longest command template, in characters. */
    @WithDefault("4096")
    int commandLength();

    /** Longest working directory, in characters. */
    @WithDefault("1024")
    int workingDirectoryLength();

    /** Most parameters in a task. */
    @WithDefault("100")
    int parameters();

    /** Most values of one categorical parameter (and items of one grid parameter). */
    @WithDefault("1000")
    int values();

    /** Longest string parameter value (categorical value, grid item, parameter-set value), in characters. */
    @WithDefault("1024")
    int valueLength();

    /** Most parameter sets of a manual search. */
    @WithDefault("10000")
    int parameterSets();

    /** Largest {@code maxExecutions}. */
    @WithDefault("100000")
    int maxExecutions();

    /** Largest {@code batchSize} (after it is capped at maxExecutions). */
    @WithDefault("1000")
    int batchSize();

    /**
     * Longest early-stopping expression, in characters. The parser's own ceiling
     * ({@link io.parzen.events.condition.StopCondition#MAX_LENGTH}) caps it: stored tasks are parsed
     * again with that ceiling, so this limit can only be lowered.
     */
    @WithDefault("1000")
    int expressionLength();

    /** Deepest nesting of an early-stopping expression; capped like {@link #expressionLength()}. */
    @WithDefault("64")
    int expressionDepth();

    /** Blueprint limits (POST /api/v1/tasks/from-blueprint and /api/v1/blueprints/lint). */
    Yaml yaml();

    /** Limits of valohai.yaml blueprints. */
    interface Yaml {
        /** Most YAML nodes a blueprint may have with every alias expanded (the billion-laughs guard). */
        @WithDefault("100000")
        long nodes();

        /** Most aliases ({@code *name}) in a blueprint. */
        @WithDefault("50")
        int aliases();
    }
}
