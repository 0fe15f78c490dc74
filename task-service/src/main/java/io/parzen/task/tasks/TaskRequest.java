package io.parzen.task.tasks;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.task.validation.FieldError;
import io.parzen.task.validation.TaskValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/tasks}. Properties it does not know are collected, not ignored,
 * so that a misspelt field is reported instead of silently dropped.
 */
public class TaskRequest {

    public String name;
    public String type;
    public String engine;
    /** One command template (a string) or a list of commands run in order (an array of strings). */
    @Schema(oneOf = {String.class, String[].class},
            description = "one command template, or an array of commands run in order through a POSIX shell")
    public Object command;
    public String workingDirectory;
    public List<Parameter> parameters;
    public List<Map<String, Object>> parameterSets;
    public Integer maxExecutions;
    public Integer batchSize;
    public Integer randomStartup;
    public Target target;
    /** The objectives of a multi-objective task (2 to 4), instead of {@link #target}. */
    @Schema(description = "2 to 4 objectives, each {\"metric\": KEY, \"direction\": \"maximize\"|\"minimize\"}, instead of"
            + " target: the task view then shows the Pareto front and its hypervolume (engines motpe, nsga2, auto,"
            + " random, sobol)")
    public List<Target> targets;
    /** The hypervolume reference point of a multi-objective task: one number per objective. */
    @Schema(description = "hypervolume reference point, one number per objective in the order of targets, in the"
            + " metrics' units; default: derived from the results (10% beyond the worst value of each objective)")
    public List<Double> referencePoint;
    /** Feasibility constraints over an execution's metadata (ADR 0033). */
    @Schema(description = "0 to 10 feasibility constraints, each '<expression> <op> <number>' with op one of <=, <, >=, >"
            + " in the stop-condition language over metadata keys, e.g. \"memory_mb <= 2000\"; an execution is feasible"
            + " when every one holds on its final metadata (a missing key makes it infeasible); only feasible executions"
            + " are best or on the Pareto front, and the engines optuna, motpe, gp and nsga2 prefer feasible regions")
    public List<String> constraints;
    public String earlyStopping;
    /** Valohai's name for {@link #earlyStopping}. */
    public String stopCondition;
    public Long seed;
    public String batching;
    public String onChildError;
    public Integer maximumQueuedExecutions;
    public Long timeLimitSeconds;
    /** Environment variables of every execution (name → value). */
    public Map<String, String> environmentVariables;
    /** Step inputs: name to a URL or an array of URLs, fetched into $VH_INPUTS_DIR/<name>/. */
    @Schema(description = "input name to a URL or an array of URLs (a local path, file://, http://, https://),"
            + " fetched into $VH_INPUTS_DIR/<name>/ before the command starts")
    public Map<String, Object> inputs;
    /**
     * The project of the task; optional when the token has one project (that one) or is an admin's
     * ({@code default}). Must be one the token may touch.
     */
    public String project;
    /** Where the executions run (Valohai's {@code environment}); default {@code local}. */
    @Schema(description = "where the executions run: an environment name ([a-z0-9][a-z0-9._-]{0,62}); an executor"
            + " that serves it takes them; default local")
    public String environment;
    /** The container image of the executions (Valohai's {@code image}); default: the environment's. */
    @Schema(description = "the container image of the executions (for executors that run images); optional")
    public String image;
    /** How many more attempts an execution Parzen lost gets (docs/decisions/0023); default 2. */
    @Schema(minimum = "0", maximum = "10", description = "how many more attempts an execution gets when Parzen lost"
            + " it (executor lost or restarted, not started, heartbeat lost, workspace error, pod evicted, node lost),"
            + " or when its status is listed in retryOn: 0 to 10, default 2 (attempts 1 and 2 may be retried, attempt"
            + " 3 is final)")
    public Integer maxRetries;
    /** Statuses retried even when the user's code caused them. */
    @Schema(description = "execution statuses retried even when the user's command caused them, each at most once:"
            + " error (non-zero exit), crashed, stopped (time limit; never a user's stop or a stop condition);"
            + " default none")
    public List<String> retryOn;
    /** Trial pruning (docs/decisions/0031). */
    @Schema(description = "stops hopeless executions early (docs/decisions/0031): {\"type\": none | median | percentile |"
            + " successive_halving | hyperband, \"stepKey\": the metadata key that counts steps (default epoch), and"
            + " Optuna's parameters in camelCase with Optuna's defaults, e.g. {\"type\": \"median\","
            + " \"nWarmupSteps\": 10}; a pruned execution ends stopped with statusReason pruned; optional")
    public Map<String, Object> pruner;
    /** Earlier tasks whose results seed this task's model (docs/decisions/0034). */
    @Schema(description = "warm start (docs/decisions/0034): ids of 1 to 10 earlier tasks you may read whose complete"
            + " results with the same target seed this task's model as prior observations; a result is used when"
            + " every parameter of this task has a parameter of the same name and kind there and its value lies in"
            + " this task's range, grid or choices. They are not executions of this task (maxExecutions counts only"
            + " its own) and the random start-up shrinks by their number. bayesian_tpe with one target and a"
            + " model-based engine only; optional")
    public List<String> warmStartFrom;

    @JsonIgnore
    final Map<String, Object> unknown = new LinkedHashMap<>();

    @JsonAnySetter
    void unknown(String key, Object value) {
        unknown.put(key, value);
    }

    /** One parameter of the search space. */
    public static class Parameter {
        public String name;
        public String distribution;
        public Double min;
        public Double max;
        public Double qStep;
        public List<Object> values;
        public String style;
        public Map<String, Object> rules;
        public String passAs;
        /** Valohai's {@code multiple}: {@code repeat} or {@code separate}; the parameter then takes list values. */
        @Schema(enumeration = {"repeat", "separate"}, description = "Valohai's multiple: the parameter takes list"
                + " values; repeat passes --name=item once per item, separate joins the items with multipleSeparator")
        public String multiple;
        /** The separator of {@code multiple: separate} (default {@code ,}). */
        public String multipleSeparator;

        @JsonIgnore
        final Map<String, Object> unknown = new LinkedHashMap<>();

        @JsonAnySetter
        void unknown(String key, Object value) {
            unknown.put(key, value);
        }
    }

    /** The optimization target. */
    public static class Target {
        public String metric;
        public Double value;
        public String direction;

        @JsonIgnore
        final Map<String, Object> unknown = new LinkedHashMap<>();

        @JsonAnySetter
        void unknown(String key, Object value) {
            unknown.put(key, value);
        }
    }

    /** Problems that only the request shows: unknown properties, contradicting aliases. */
    public List<FieldError> requestErrors() {
        List<FieldError> errors = new ArrayList<>();
        unknown.forEach((k, v) -> errors.add(unknownProperty(k, v)));
        if (parameters != null) {
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                if (p != null) {
                    String at = "parameters[" + i + "].";
                    p.unknown.forEach((k, v) -> errors.add(unknownProperty(at + k, v)));
                }
            }
        }
        if (target != null) {
            target.unknown.forEach((k, v) -> errors.add(unknownProperty("target." + k, v)));
        }
        if (targets != null) {
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                String at = "targets[" + i + "].";
                if (t != null) {
                    t.unknown.forEach((k, v) -> errors.add(unknownProperty(at + k, v)));
                }
            }
        }
        if (command != null && !(command instanceof String) && strings(command) == null) {
            errors.add(new FieldError("command", command, "must be a string or an array of strings"));
        }
        if (inputs != null) {
            inputs.forEach((name, value) -> {
                if (!(value instanceof String) && strings(value) == null) {
                    errors.add(new FieldError("inputs." + name, value, "must be a URL or an array of URLs"));
                }
            });
        }
        errors.addAll(explicitZeros(maxExecutions, batchSize));
        if (earlyStopping != null && stopCondition != null && !Objects.equals(earlyStopping, stopCondition)) {
            errors.add(new FieldError("stopCondition", stopCondition,
                    "is an alias of earlyStopping, which says something else; give only one"));
        }
        return errors;
    }

    /**
     * The errors of an explicit 0 in {@code maxExecutions} or {@code batchSize} (null: not given), which
     * the specification cannot tell from an absent value. Also applied to a {@code TaskCreated} from Kafka.
     */
    public static List<FieldError> explicitZeros(Integer maxExecutions, Integer batchSize) {
        List<FieldError> errors = new ArrayList<>();
        if (maxExecutions != null && maxExecutions == 0) {
            errors.add(new FieldError("maxExecutions", 0, "must be an integer >= 1 (the maximum execution count)"));
        }
        if (batchSize != null && batchSize == 0) {
            errors.add(new FieldError("batchSize", 0, "must be an integer >= 1 (values above maxExecutions are capped)"));
        }
        return errors;
    }

    /**
     * The errors of {@code e} with the field names the request used: an invalid {@code stopCondition}
     * is reported as {@code stopCondition}, not as {@code earlyStopping} (its canonical name).
     */
    public TaskValidationException renameAliasErrors(TaskValidationException e) {
        if (earlyStopping != null || stopCondition == null) {
            return e;
        }
        return new TaskValidationException(e.errors().stream()
                .map(f -> "earlyStopping".equals(f.field()) ? new FieldError("stopCondition", f.value(), f.message()) : f)
                .toList());
    }

    private static FieldError unknownProperty(String field, Object value) {
        return new FieldError(field, value, "is not a known property; see the OpenAPI document at /q/openapi");
    }

    /** The request as a task specification (not yet normalized or validated). */
    public TaskSpec toSpec() {
        List<ParameterSpec> params = parameters == null ? null : parameters.stream()
                .map(p -> p == null ? null
                        : new ParameterSpec(p.name, p.distribution, p.min, p.max, p.qStep, p.values, p.style, p.rules,
                                p.passAs, p.multiple, p.multipleSeparator))
                .toList();
        TargetSpec targetSpec = target == null ? null : new TargetSpec(target.metric, target.value, target.direction);
        List<String> commands = command instanceof String ? null : strings(command);
        Map<String, List<String>> inputUrls = null;
        if (inputs != null) {
            inputUrls = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : inputs.entrySet()) {
                List<String> urls = e.getValue() instanceof String url ? List.of(url) : strings(e.getValue());
                inputUrls.put(e.getKey(), urls == null ? List.of() : urls);
            }
        }
        return new TaskSpec(name, type, engine, command instanceof String c ? c : null, workingDirectory, params,
                parameterSets, maxExecutions == null ? 0 : maxExecutions, batchSize == null ? 0 : batchSize,
                randomStartup, targetSpec, earlyStopping != null ? earlyStopping : stopCondition, seed, batching,
                onChildError, maximumQueuedExecutions, timeLimitSeconds, environmentVariables, null, commands, inputUrls,
                environment, image, maxRetries, retryOn, pruner, warmStartFrom,
                targets == null ? null : targets.stream()
                        .map(t -> t == null ? null : new TargetSpec(t.metric, t.value, t.direction)).toList(),
                referencePoint, constraints);
    }

    /** {@code value} as a list of strings, or null if it is not an array of strings. */
    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String str)) {
                return null;
            }
            out.add(str);
        }
        return out;
    }
}
