package io.parzen.task.blueprint;

import java.util.List;
import java.util.Map;

/**
 * A task blueprint of valohai.yaml ({@code - task:}), normalized as Valohai does.
 *
 * @param name the task's name
 * @param step the name of the step it runs
 * @param type {@code grid_search} (the default), {@code random_search}, {@code bayesian_tpe},
 *        {@code manual_search} (or {@code distributed}, which Parzen rejects)
 * @param description free text, or null
 * @param engine lowercased engine, or null
 * @param executionCount {@code execution-count}, or null
 * @param executionBatchSize {@code execution-batch-size}, or null
 * @param maximumQueuedExecutions {@code maximum-queued-executions}, or null
 * @param optimizationTargetMetric {@code optimization-target-metric}, or null
 * @param optimizationTargetValue {@code optimization-target-value}, or null
 * @param onChildError normalized {@code on-child-error}, or null when unset
 * @param stopCondition {@code stop-condition}, or null
 * @param reuseChildren {@code reuse-children}
 * @param parameters the variant parameters
 * @param parameterSets the non-empty parameter sets of a manual search, or null
 * @param line 1-based line of the task in the YAML
 * @param column 1-based column of the task in the YAML
 * @param environment the task's {@code environment}, or null
 * @param optimizationTargets Parzen's extension {@code optimization-targets} (a multi-objective task's
 *        objectives, each {@code metric} and {@code direction}), or null
 * @param optimizationReferencePoint Parzen's extension {@code optimization-reference-point}, or null
 * @param pruner the Parzen extension key {@code pruner} (docs/decisions/0031) as a plain map, or null
 * @param constraints the Parzen extension key {@code constraints} (docs/decisions/0033), or null
 * @param warmStartFrom the Parzen extension key {@code warm-start-from} (docs/decisions/0034), or null
 */
public record TaskBlueprint(String name, String step, String type, String description, String engine,
        Integer executionCount, Integer executionBatchSize, Integer maximumQueuedExecutions,
        String optimizationTargetMetric, Double optimizationTargetValue, String onChildError, String stopCondition,
        boolean reuseChildren, List<VariantParameter> parameters, List<Map<String, Object>> parameterSets, int line,
        int column, String environment, List<io.parzen.events.TargetSpec> optimizationTargets,
        List<Double> optimizationReferencePoint, Map<String, Object> pruner, List<String> constraints,
        List<String> warmStartFrom) {

    /** A task without warm start (the signature before warm start). */
    public TaskBlueprint(String name, String step, String type, String description, String engine,
            Integer executionCount, Integer executionBatchSize, Integer maximumQueuedExecutions,
            String optimizationTargetMetric, Double optimizationTargetValue, String onChildError, String stopCondition,
            boolean reuseChildren, List<VariantParameter> parameters, List<Map<String, Object>> parameterSets, int line,
            int column, String environment, List<io.parzen.events.TargetSpec> optimizationTargets,
            List<Double> optimizationReferencePoint, Map<String, Object> pruner, List<String> constraints) {
        this(name, step, type, description, engine, executionCount, executionBatchSize, maximumQueuedExecutions,
                optimizationTargetMetric, optimizationTargetValue, onChildError, stopCondition, reuseChildren,
                parameters, parameterSets, line, column, environment, optimizationTargets, optimizationReferencePoint,
                pruner, constraints, null);
    }

    /** A task without constraints (the signature before constraints). */
    public TaskBlueprint(String name, String step, String type, String description, String engine,
            Integer executionCount, Integer executionBatchSize, Integer maximumQueuedExecutions,
            String optimizationTargetMetric, Double optimizationTargetValue, String onChildError, String stopCondition,
            boolean reuseChildren, List<VariantParameter> parameters, List<Map<String, Object>> parameterSets, int line,
            int column, String environment, List<io.parzen.events.TargetSpec> optimizationTargets,
            List<Double> optimizationReferencePoint, Map<String, Object> pruner) {
        this(name, step, type, description, engine, executionCount, executionBatchSize, maximumQueuedExecutions,
                optimizationTargetMetric, optimizationTargetValue, onChildError, stopCondition, reuseChildren,
                parameters, parameterSets, line, column, environment, optimizationTargets, optimizationReferencePoint,
                pruner, null);
    }

    /** A task without a pruner (the signature before pruners). */
    public TaskBlueprint(String name, String step, String type, String description, String engine,
            Integer executionCount, Integer executionBatchSize, Integer maximumQueuedExecutions,
            String optimizationTargetMetric, Double optimizationTargetValue, String onChildError, String stopCondition,
            boolean reuseChildren, List<VariantParameter> parameters, List<Map<String, Object>> parameterSets, int line,
            int column, String environment, List<io.parzen.events.TargetSpec> optimizationTargets,
            List<Double> optimizationReferencePoint) {
        this(name, step, type, description, engine, executionCount, executionBatchSize, maximumQueuedExecutions,
                optimizationTargetMetric, optimizationTargetValue, onChildError, stopCondition, reuseChildren,
                parameters, parameterSets, line, column, environment, optimizationTargets, optimizationReferencePoint,
                null);
    }

    /** A single-objective task (the signature before multi-objective tasks). */
    public TaskBlueprint(String name, String step, String type, String description, String engine,
            Integer executionCount, Integer executionBatchSize, Integer maximumQueuedExecutions,
            String optimizationTargetMetric, Double optimizationTargetValue, String onChildError, String stopCondition,
            boolean reuseChildren, List<VariantParameter> parameters, List<Map<String, Object>> parameterSets, int line,
            int column, String environment) {
        this(name, step, type, description, engine, executionCount, executionBatchSize, maximumQueuedExecutions,
                optimizationTargetMetric, optimizationTargetValue, onChildError, stopCondition, reuseChildren,
                parameters, parameterSets, line, column, environment, null, null, null, null);
    }

    /** A task without an environment (the signature before environments). */
    public TaskBlueprint(String name, String step, String type, String description, String engine,
            Integer executionCount, Integer executionBatchSize, Integer maximumQueuedExecutions,
            String optimizationTargetMetric, Double optimizationTargetValue, String onChildError, String stopCondition,
            boolean reuseChildren, List<VariantParameter> parameters, List<Map<String, Object>> parameterSets, int line,
            int column) {
        this(name, step, type, description, engine, executionCount, executionBatchSize, maximumQueuedExecutions,
                optimizationTargetMetric, optimizationTargetValue, onChildError, stopCondition, reuseChildren,
                parameters, parameterSets, line, column, null);
    }
}
