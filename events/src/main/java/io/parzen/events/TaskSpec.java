package io.parzen.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to run a task, as validated by task-service. Carried whole by
 * {@link TaskCreated} so that the optimizer and other consumers never need to call back.
 *
 * @param name human-readable name
 * <p>The fields that carry a word of the contract ({@code type}, {@code batching}, {@code onChildError})
 * are {@code String}s, their words the enums of {@link io.parzen.events.vocabulary}: a record reads
 * whatever a producer wrote, and the consumer decides what an unknown word means (the optimizer
 * answers {@code SuggestionsExhausted(invalid-spec)}); the constructors of older versions keep compiling.
 *
 * @param type a {@link io.parzen.events.vocabulary.TaskType}: {@code grid_search}, {@code random_search},
 *             {@code bayesian_tpe}, {@code manual_search}
 * @param engine optimization engine for Bayesian tasks: {@code optuna} (default,
 *               {@link io.parzen.events.vocabulary.TaskDefaults#ENGINE}), {@code hyperopt}, {@code gp}, ...;
 *               the optimizer's own names, not words of the contract
 * @param command command template, e.g. {@code python3 train.py {parameters}}; split into argv, never run by a shell
 * @param workingDirectory folder the command runs in (relative to the executor's base folder, or absolute)
 * @param parameters the search space (or grid variants)
 * @param parameterSets the explicit parameter sets of a {@code manual_search} task, in order
 * @param maxExecutions maximum execution count
 * @param batchSize execution batch size: executions suggested and run at once
 * @param randomStartup number of random executions before a model is used (Bayesian tasks); null =
 *        {@link io.parzen.events.vocabulary.TaskDefaults#RANDOM_STARTUP}
 * @param target metric to optimize and its target value or direction
 * @param earlyStopping stop condition expression, e.g. {@code val_accuracy > 0.95}; may be null
 * @param seed seed of the task's random streams; null means the task id's hash
 * @param batching a {@link io.parzen.events.vocabulary.Batching}: {@code synchronous} (next batch when the batch
 *        has finished; also when null) or {@code asynchronous}
 * @param onChildError an {@link io.parzen.events.vocabulary.OnChildError}: {@code continue-and-complete},
 *        {@code continue-and-error} (also when null), {@code stop-all-and-error}
 * @param maximumQueuedExecutions cap on queued or running executions of the task at once; null = batch size
 * @param timeLimitSeconds per-execution time limit; null = none
 * @param environmentVariables environment variables of every execution (name → value); null = none
 * @param executionStopCondition a condition on one execution's metadata (valohai.yaml: the step's
 *        {@code stop-condition}, same language as {@code earlyStopping}); when it holds, that execution is
 *        stopped ({@link ExecutionStopRequested}) and the task goes on; null = none
 * @param commands a list of commands (Valohai's {@code command:} list), run in order in one working directory
 *        through a POSIX shell, stopping at the first failure; set instead of {@code command} (which is then
 *        null), so a consumer that only knows {@code command} rejects the task instead of running part of it
 * @param inputs step inputs: name to the URLs (local path, {@code file://}, {@code http(s)://}) fetched into
 *        {@code $VH_INPUTS_DIR/<name>/} before the command starts; null or empty for none
 * @param environment where the executions run (Valohai's environment): the name an executor serves;
 *        null = {@value Events#DEFAULT_ENVIRONMENT}
 * @param image the container image of the step (valohai.yaml {@code image}); null = the environment's default
 *        (ignored by executors that run local processes)
 * @param maxRetries how many more attempts an execution that Parzen lost (an infrastructure
 *        {@link io.parzen.events.vocabulary.StatusReason}) gets; null = {@value Events#DEFAULT_MAX_RETRIES}
 * @param retryOn execution statuses that are retried even when the user's code caused them (e.g. {@code error});
 *        null = none
 * @param pruner the pruning rule: {@code {"type": "median", "stepKey": "epoch", ...}} with Optuna's parameter
 *        names in camelCase; null = no pruning
 * @param warmStartFrom ids of earlier tasks whose observations seed this task's model; null = none
 * @param targets the objectives of a multi-objective task (2 to 4, each a metric with a {@code direction},
 *        no {@code value}), set instead of {@code target} (which is then null); null for a task with one target
 * @param referencePoint the hypervolume reference point of a multi-objective task, one number per objective
 *        in the metrics' own units and in the order of {@code targets}; null = derived from the results
 * @param constraints feasibility constraints (0 to 10), each {@code <expression> <op> <number>} with op one of
 *        {@code <=}, {@code <}, {@code >=}, {@code >} in the stop-condition language over an execution's metadata,
 *        e.g. {@code memory_mb <= 2000}; an execution is feasible when all hold on its final metadata (a missing
 *        key makes it infeasible); null = none (ADR 0033)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSpec(
        String name,
        String type,
        String engine,
        String command,
        String workingDirectory,
        List<ParameterSpec> parameters,
        List<Map<String, Object>> parameterSets,
        int maxExecutions,
        int batchSize,
        Integer randomStartup,
        TargetSpec target,
        String earlyStopping,
        Long seed,
        String batching,
        String onChildError,
        Integer maximumQueuedExecutions,
        Long timeLimitSeconds,
        Map<String, String> environmentVariables,
        String executionStopCondition,
        List<String> commands,
        Map<String, List<String>> inputs,
        String environment,
        String image,
        Integer maxRetries,
        List<String> retryOn,
        Map<String, Object> pruner,
        List<String> warmStartFrom,
        List<TargetSpec> targets,
        List<Double> referencePoint,
        List<String> constraints) {

    /** The spec before constraints (kept so that call sites compile). */
    public TaskSpec(String name, String type, String engine, String command, String workingDirectory,
            List<ParameterSpec> parameters, List<Map<String, Object>> parameterSets, int maxExecutions, int batchSize,
            Integer randomStartup, TargetSpec target, String earlyStopping, Long seed, String batching,
            String onChildError, Integer maximumQueuedExecutions, Long timeLimitSeconds,
            Map<String, String> environmentVariables, String executionStopCondition, List<String> commands,
            Map<String, List<String>> inputs, String environment, String image, Integer maxRetries,
            List<String> retryOn, Map<String, Object> pruner, List<String> warmStartFrom,
            List<TargetSpec> targets, List<Double> referencePoint) {
        this(name, type, engine, command, workingDirectory, parameters, parameterSets, maxExecutions, batchSize,
                randomStartup, target, earlyStopping, seed, batching, onChildError, maximumQueuedExecutions,
                timeLimitSeconds, environmentVariables, executionStopCondition, commands, inputs,
                environment, image, maxRetries, retryOn, pruner, warmStartFrom, targets, referencePoint, null);
    }

    /** {@link #constraints()}, or an empty list when the producer omitted it. */
    public List<String> constraintsOrNone() {
        return constraints == null ? List.of() : constraints;
    }

    /** The spec before multi-objective tasks (kept so that call sites compile). */
    public TaskSpec(String name, String type, String engine, String command, String workingDirectory,
            List<ParameterSpec> parameters, List<Map<String, Object>> parameterSets, int maxExecutions, int batchSize,
            Integer randomStartup, TargetSpec target, String earlyStopping, Long seed, String batching,
            String onChildError, Integer maximumQueuedExecutions, Long timeLimitSeconds,
            Map<String, String> environmentVariables, String executionStopCondition, List<String> commands,
            Map<String, List<String>> inputs, String environment, String image, Integer maxRetries,
            List<String> retryOn, Map<String, Object> pruner, List<String> warmStartFrom) {
        this(name, type, engine, command, workingDirectory, parameters, parameterSets, maxExecutions, batchSize,
                randomStartup, target, earlyStopping, seed, batching, onChildError, maximumQueuedExecutions,
                timeLimitSeconds, environmentVariables, executionStopCondition, commands, inputs,
                environment, image, maxRetries, retryOn, pruner, warmStartFrom, null, null);
    }

    /** The number of objectives: the size of {@code targets}, else 1 (also for a task without a target). */
    public int objectiveCount() {
        return targets == null || targets.isEmpty() ? 1 : targets.size();
    }

    /** The spec before environments, images, retries, pruners and warm start (kept so that call sites compile). */
    public TaskSpec(String name, String type, String engine, String command, String workingDirectory,
            List<ParameterSpec> parameters, List<Map<String, Object>> parameterSets, int maxExecutions, int batchSize,
            Integer randomStartup, TargetSpec target, String earlyStopping, Long seed, String batching,
            String onChildError, Integer maximumQueuedExecutions, Long timeLimitSeconds,
            Map<String, String> environmentVariables, String executionStopCondition, List<String> commands,
            Map<String, List<String>> inputs) {
        this(name, type, engine, command, workingDirectory, parameters, parameterSets, maxExecutions, batchSize,
                randomStartup, target, earlyStopping, seed, batching, onChildError, maximumQueuedExecutions,
                timeLimitSeconds, environmentVariables, executionStopCondition, commands, inputs,
                null, null, null, null, null, null, null, null);
    }

    /** {@link #environment()}, or {@value Events#DEFAULT_ENVIRONMENT} when the producer omitted it. */
    public String environmentOrDefault() {
        return Events.environmentOrDefault(environment);
    }

    /** {@link #maxRetries()}, or {@value Events#DEFAULT_MAX_RETRIES} when the producer omitted it. */
    public int maxRetriesOrDefault() {
        return maxRetries == null ? Events.DEFAULT_MAX_RETRIES : maxRetries;
    }

    /** {@link #retryOn()}, or an empty list when the producer omitted it. */
    public List<String> retryOnOrNone() {
        return retryOn == null ? List.of() : retryOn;
    }

    /** The spec before commands and inputs (kept so that call sites compile). */
    public TaskSpec(String name, String type, String engine, String command, String workingDirectory,
            List<ParameterSpec> parameters, List<Map<String, Object>> parameterSets, int maxExecutions, int batchSize,
            Integer randomStartup, TargetSpec target, String earlyStopping, Long seed, String batching,
            String onChildError, Integer maximumQueuedExecutions, Long timeLimitSeconds,
            Map<String, String> environmentVariables, String executionStopCondition) {
        this(name, type, engine, command, workingDirectory, parameters, parameterSets, maxExecutions, batchSize,
                randomStartup, target, earlyStopping, seed, batching, onChildError, maximumQueuedExecutions,
                timeLimitSeconds, environmentVariables, executionStopCondition, null, null,
                null, null, null, null, null, null, null, null);
    }


    /** The spec with environment variables but no execution stop condition (kept so that call sites compile). */
    public TaskSpec(String name, String type, String engine, String command, String workingDirectory,
            List<ParameterSpec> parameters, List<Map<String, Object>> parameterSets, int maxExecutions, int batchSize,
            Integer randomStartup, TargetSpec target, String earlyStopping, Long seed, String batching,
            String onChildError, Integer maximumQueuedExecutions, Long timeLimitSeconds,
            Map<String, String> environmentVariables) {
        this(name, type, engine, command, workingDirectory, parameters, parameterSets, maxExecutions, batchSize,
                randomStartup, target, earlyStopping, seed, batching, onChildError, maximumQueuedExecutions,
                timeLimitSeconds, environmentVariables, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** The contract before environment variables and execution stop conditions: kept so that call sites compile. */
    public TaskSpec(String name, String type, String engine, String command, String workingDirectory,
            List<ParameterSpec> parameters, List<Map<String, Object>> parameterSets, int maxExecutions, int batchSize,
            Integer randomStartup, TargetSpec target, String earlyStopping, Long seed, String batching,
            String onChildError, Integer maximumQueuedExecutions, Long timeLimitSeconds) {
        this(name, type, engine, command, workingDirectory, parameters, parameterSets, maxExecutions, batchSize,
                randomStartup, target, earlyStopping, seed, batching, onChildError, maximumQueuedExecutions,
                timeLimitSeconds, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }
}
