package io.parzen.task.blueprint;

import io.parzen.events.vocabulary.TaskDefaults;
import io.parzen.task.blueprint.YamlNodes.Entry;
import io.parzen.task.validation.GridSize;
import io.parzen.task.validation.Vocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Valohai's rules for a task against the step it runs: its variant parameters and parameter sets
 * must be the step's parameters with valid values, the rules must suit each style and type, the
 * execution count follows from the type (the grid size: {@link GridSize}), a Bayesian task needs a
 * target. Where Valohai's server decides, Parzen's decisions of ADR 0011 apply (with a warning).
 */
final class TaskChecks extends Reads {

    /** What a task that passed its checks runs: its step, its execution count and its inputs. */
    record Checked(Step step, int maxExecutions, Map<String, List<String>> inputs) {
    }

    /** Engines task-service accepts (its vocabulary, so blueprint and JSON tasks agree). */
    static final List<String> ENGINES = Vocabulary.ENGINES;

    /** Distributions a Bayesian parameter may use (style random, rule distribution). */
    static final List<String> BAYESIAN_DISTRIBUTIONS = List.of("uniform", "loguniform", "integer", "categorical");
    /** Distributions of a grid/random-search random style. */
    static final List<String> RANDOM_STYLE_DISTRIBUTIONS = List.of("uniform", "loguniform", "normal", "lognormal");

    /**
     * Executions of a Bayesian task that gives no execution-count: the maximum of Valohai's own UI
     * example (50, batch 5), above the 30 Valohai recommends: 20 random, then 30 Bayesian. ADR 0011.
     */
    static final int DEFAULT_BAYESIAN_EXECUTION_COUNT = 50;

    /** Valohai and Parzen run this many random executions before the Bayesian model is used. */
    static final int RANDOM_STARTUP = TaskDefaults.RANDOM_STARTUP;

    private final List<Step> steps;

    /** @param steps the document's steps */
    TaskChecks(Messages messages, List<Step> steps) {
        super(messages);
        this.steps = steps;
    }

    /**
     * Cross-checks a task against its step, reporting what is wrong; null when its step does not exist.
     * The task can be converted when this added no error and neither it, its step nor the document has one.
     */
    Checked check(TaskDraft d) {
        manualSearchAsGrid(d);
        TaskBlueprint t = d.task;
        String path = "task \"" + t.name() + "\"";
        Step step = null;
        if (t.step() != null) {
            step = steps.stream().filter(s -> s.name().equals(t.step())).findFirst().orElse(null);
            if (step == null) {
                Node stepNode = d.entries.get("step").valueNode();
                String known = steps.isEmpty() ? "the blueprint defines no steps"
                        : "steps: " + steps.stream().map(s -> "\"" + s.name() + "\"").collect(Collectors.joining(", "));
                error(stepNode, path + ".step", "the task refers to step \"" + t.step() + "\", which does not exist; "
                        + known);
            }
        }
        if (step == null) {
            return null;
        }
        boolean bayesian = t.type().equals("bayesian_tpe");
        boolean manual = t.type().equals("manual_search");

        // variant parameters: they must be step parameters, and their values valid for it
        for (VariantParameter vp : t.parameters()) {
            Node node = d.variantNodes.get(vp.name());
            Optional<StepParameter> sp = step.parameter(vp.name());
            if (sp.isEmpty()) {
                error(node, path + ".parameters." + vp.name(), "step \"" + step.name() + "\" has no parameter \""
                        + vp.name() + "\"; its parameters: " + names(step));
                continue;
            }
            checkVariant(vp, sp.get(), t, node, path + ".parameters." + vp.name(), d);
        }
        if (manual && t.parameters().isEmpty() == false) {
            warning(d.entries.get("parameters").keyNode(), path + ".parameters", "a manual_search task runs its"
                    + " parameter-sets; its variant 'parameters' are ignored");
        }
        if (t.parameterSets() != null) {
            for (int i = 0; i < t.parameterSets().size(); i++) {
                Map<String, Object> set = t.parameterSets().get(i);
                Node setNode = d.setNodes.get(i);
                Map<String, Entry> setEntries = YamlNodes.entries((MappingNode) setNode, "", SILENT);
                for (Map.Entry<String, Object> e : set.entrySet()) {
                    Node at = setEntries.containsKey(e.getKey()) ? setEntries.get(e.getKey()).valueNode() : setNode;
                    Optional<StepParameter> sp = step.parameter(e.getKey());
                    if (sp.isEmpty()) {
                        error(setEntries.containsKey(e.getKey()) ? setEntries.get(e.getKey()).keyNode() : setNode,
                                path + ".parameter-sets[" + i + "]." + e.getKey(), "step \"" + step.name()
                                        + "\" has no parameter \"" + e.getKey() + "\"; its parameters: " + names(step));
                        continue;
                    }
                    String problem = StepValues.checkDefault(sp.get(), e.getValue());
                    if (problem != null) {
                        error(at, path + ".parameter-sets[" + i + "]." + e.getKey(), "value " + problem);
                    }
                }
            }
        }
        if (manual && (t.parameterSets() == null || t.parameterSets().isEmpty())) {
            error(d.node, path, "a manual_search task needs 'parameter-sets': a list of parameter values, one"
                    + " execution each");
        }

        // step parameters the task does not vary
        List<String> unset = new ArrayList<>();
        for (StepParameter sp : step.parameters()) {
            boolean varied = manual ? t.parameterSets() != null
                    && t.parameterSets().stream().allMatch(s -> s.containsKey(sp.name()))
                    : t.parameters().stream().anyMatch(v -> v.name().equals(sp.name()));
            if (!varied && sp.defaultValue() == null && !sp.type().equals("flag") && !sp.optional()) {
                unset.add(sp.name());
            }
        }
        if (!unset.isEmpty()) {
            warning(d.node, path, "step \"" + step.name() + "\" parameter" + (unset.size() == 1 ? " " : "s ")
                    + unset.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "))
                    + (unset.size() == 1 ? " has" : " have") + " no default and the task does not set "
                    + (unset.size() == 1 ? "it" : "them") + ": left out of the command");
        }

        // execution counts
        long gridSize = 0;
        if (!bayesian && !manual) {
            gridSize = gridSize(t);
        }
        Integer count = t.executionCount();
        int maxExecutions = 0;
        switch (t.type()) {
            case "grid_search" -> {
                if (gridSize > TaskReader.MAX_EXECUTIONS_LIMIT) {
                    error(d.node, path, "the grid has " + gridSize + " combinations; at most " + TaskReader.MAX_EXECUTIONS_LIMIT
                            + " are allowed");
                } else if (count != null && gridSize > 0 && count != gridSize) {
                    Node at = d.entries.get("execution-count").valueNode();
                    if (count < gridSize) {
                        warning(at, path + ".execution-count", "execution-count " + count + " is less than the grid"
                                + " size " + gridSize + ": only the first " + count + " combinations run");
                        maxExecutions = count;
                    } else {
                        warning(at, path + ".execution-count", "execution-count " + count + " is more than the grid"
                                + " size " + gridSize + ": the " + gridSize + " combinations run once each");
                        maxExecutions = (int) gridSize;
                    }
                } else {
                    maxExecutions = count != null ? count : (int) gridSize;
                }
            }
            case "random_search", "bayesian_tpe" -> {
                if (count == null && bayesian) {
                    warning(d.node, path, "no 'execution-count': Parzen runs " + DEFAULT_BAYESIAN_EXECUTION_COUNT
                            + " executions (" + RANDOM_STARTUP + " random, then Bayesian), as in Valohai's own"
                            + " example; set 'execution-count' to choose");
                    maxExecutions = DEFAULT_BAYESIAN_EXECUTION_COUNT;
                } else if (count == null) {
                    error(d.node, path, "a " + t.type() + " task needs 'execution-count': how many executions to run"
                            + " in total" + (bayesian ? " (30 or more is recommended)" : ""));
                } else {
                    maxExecutions = count;
                }
            }
            case "manual_search" -> {
                int sets = t.parameterSets() == null ? 0 : t.parameterSets().size();
                maxExecutions = sets;
                if (count != null && count != sets) {
                    warning(d.entries.get("execution-count").valueNode(), path + ".execution-count", "execution-count "
                            + count + " is ignored: a manual_search task runs its " + sets + " parameter sets");
                }
            }
            default -> {
            }
        }
        if (bayesian) {
            if (count != null && count < RANDOM_STARTUP) {
                warning(d.entries.get("execution-count").valueNode(), path + ".execution-count", "with fewer than "
                        + RANDOM_STARTUP + " executions a Bayesian task runs as random search (the first "
                        + RANDOM_STARTUP + " executions are random)");
            }
            boolean several = t.optimizationTargets() != null;
            if (several && t.optimizationTargetMetric() != null) {
                error(d.entries.get("optimization-target-metric").keyNode(), path + ".optimization-target-metric",
                        "give either 'optimization-target-metric' (one objective) or 'optimization-targets' (2 to 4"
                                + " objectives), not both");
            } else if (!several && (t.optimizationTargetMetric() == null || t.optimizationTargetMetric().isBlank())) {
                error(d.node, path, "a bayesian_tpe task needs 'optimization-target-metric': the metadata key to"
                        + " optimize");
            }
            if (!several && t.optimizationTargetValue() == null) {
                error(d.node, path, "a bayesian_tpe task needs 'optimization-target-value': Parzen optimizes the"
                        + " metric towards it");
            }
            if (t.engine() != null && !ENGINES.contains(t.engine())) {
                error(d.entries.get("engine").valueNode(), path + ".engine", "unknown engine '" + t.engine()
                        + "'; allowed: " + String.join(", ", ENGINES));
            }
            if (t.parameters().isEmpty()) {
                error(d.node, path, "a bayesian_tpe task needs variant 'parameters' to optimize");
            }
        }
        if (t.optimizationTargetValue() != null && t.optimizationTargetMetric() == null && !bayesian) {
            warning(d.entries.get("optimization-target-value").keyNode(), path, "'optimization-target-value' without"
                    + " 'optimization-target-metric' is ignored");
        }
        Map<String, List<String>> inputs = new LinkedHashMap<>(step.inputs());
        Entry taskInputs = d.entries.get("inputs");
        Node taskInputsNode = taskInputs == null ? null : taskInputs.valueNode();
        for (Map.Entry<String, List<String>> o : BlueprintInputs.ofTask(taskInputsNode, path, this).entrySet()) {
            if (!inputs.containsKey(o.getKey())) {
                error(taskInputsNode, path + ".inputs." + o.getKey(), "step \"" + step.name() + "\" has no input \""
                        + o.getKey() + "\"; its inputs: " + inputs.keySet());
            }
            inputs.put(o.getKey(), o.getValue());
        }
        return new Checked(step, maxExecutions, inputs);
    }

    /**
     * A manual_search task given as variant parameters (no parameter-sets) runs as a grid over them:
     * every combination once. See docs/valohai-lint.md (item 5) for why.
     */
    private void manualSearchAsGrid(TaskDraft d) {
        TaskBlueprint t = d.task;
        if (!t.type().equals("manual_search") || (t.parameterSets() != null && !t.parameterSets().isEmpty())
                || t.parameters().isEmpty()) {
            return;
        }
        warning(d.entries.get("parameters").keyNode(), "task \"" + t.name() + "\".parameters", "a manual_search"
                + " task without 'parameter-sets' runs its variant parameters as a grid: every combination once"
                + " (with one varied parameter, each of its values once)");
        d.task = new TaskBlueprint(t.name(), t.step(), "grid_search", t.description(), t.engine(), t.executionCount(),
                t.executionBatchSize(), t.maximumQueuedExecutions(), t.optimizationTargetMetric(),
                t.optimizationTargetValue(), t.onChildError(), t.stopCondition(), t.reuseChildren(), t.parameters(),
                null, t.line(), t.column(), t.environment(), t.optimizationTargets(), t.optimizationReferencePoint(),
                null, t.constraints());
    }

    private static String names(Step step) {
        return step.parameters().isEmpty() ? "none"
                : step.parameters().stream().map(p -> "\"" + p.name() + "\"").collect(Collectors.joining(", "));
    }

    /** Checks a variant parameter's rules for its style and the step parameter's type. */
    private void checkVariant(VariantParameter vp, StepParameter sp, TaskBlueprint t, Node node, String path,
            TaskDraft d) {
        Map<String, Object> r = vp.rules();
        Map<String, Entry> ruleEntries = ruleEntries(d, vp.name());
        boolean bayesian = t.type().equals("bayesian_tpe");
        switch (vp.style()) {
            case "single" -> {
                if (!r.containsKey("value")) {
                    error(node, path + ".rules", "style single needs the rule 'value'");
                } else {
                    valueCheck(sp, r.get("value"), at(ruleEntries, "value", node), path + ".rules.value");
                }
            }
            case "multiple" -> {
                Object items = r.get("items");
                if (!(items instanceof List<?> list) || list.isEmpty()) {
                    error(at(ruleEntries, "items", node), path + ".rules.items", "style multiple needs the rule"
                            + " 'items': a non-empty list of values");
                } else {
                    Set<Object> seen = new HashSet<>();
                    for (Object v : list) {
                        valueCheck(sp, v, at(ruleEntries, "items", node), path + ".rules.items");
                        if (!seen.add(v instanceof Number n ? (Object) n.doubleValue() : v)) {
                            (bayesian ? (YamlNodes.Sink) this : SILENT).error(at(ruleEntries, "items", node),
                                    path + ".rules.items", "the value " + v + " is listed twice");
                        }
                    }
                }
            }
            case "linear" -> {
                requireRules(r, List.of("start", "end", "step"), "linear", node, path);
                Double start = StepValues.num(r.get("start"));
                Double end = StepValues.num(r.get("end"));
                Double step = StepValues.num(r.get("step"));
                if (step != null && !(step > 0)) {
                    error(at(ruleEntries, "step", node), path + ".rules.step", "'step' must be greater than 0");
                }
                if (start != null && end != null && end < start) {
                    error(at(ruleEntries, "end", node), path + ".rules.end", "'end' (" + StepValues.fmt(end)
                            + ") is less than 'start' (" + StepValues.fmt(start) + ")");
                }
                if (start != null) {
                    valueCheck(sp, r.get("start"), at(ruleEntries, "start", node), path + ".rules.start");
                }
                if (end != null) {
                    valueCheck(sp, r.get("end"), at(ruleEntries, "end", node), path + ".rules.end");
                }
                if (sp.type().equals("integer") && step != null && step != Math.rint(step)) {
                    error(at(ruleEntries, "step", node), path + ".rules.step", "integer parameter \"" + sp.name()
                            + "\" needs a whole 'step'");
                }
                checkNumeric(sp, "linear", node, path);
            }
            case "logspace" -> {
                boolean hasStart = r.containsKey("start") || r.containsKey("min");
                boolean hasEnd = r.containsKey("end") || r.containsKey("max");
                if (!hasStart || !hasEnd) {
                    error(node, path + ".rules", "style logspace needs the rules 'start' and 'end' (exponents; 'min'"
                            + " and 'max' are accepted as aliases)");
                }
                if (!bayesian) {
                    requireRules(r, List.of("count"), "logspace", node, path);
                }
                Double base = StepValues.num(r.get("base"));
                if (base != null && !(base > 0) || base != null && base == 1) {
                    error(at(ruleEntries, "base", node), path + ".rules.base", "'base' must be greater than 0 and not 1");
                }
                checkNumeric(sp, "logspace", node, path);
            }
            case "random" -> {
                String dist = r.get("distribution") == null ? "uniform" : (String) r.get("distribution");
                if (dist.equals("log_uniform") || dist.equals("log-uniform")) {
                    dist = "loguniform";
                }
                if (bayesian) {
                    if (!BAYESIAN_DISTRIBUTIONS.contains(dist)) {
                        error(at(ruleEntries, "distribution", node), path + ".rules.distribution", "distribution '"
                                + dist + "' is not supported for bayesian_tpe; allowed: "
                                + String.join(", ", BAYESIAN_DISTRIBUTIONS));
                        return;
                    }
                    if (dist.equals("categorical")) {
                        Object items = r.get("items");
                        if (!(items instanceof List<?> l) || l.isEmpty()) {
                            error(node, path + ".rules", "distribution categorical needs the rule 'items'");
                        } else {
                            for (Object v : l) {
                                valueCheck(sp, v, at(ruleEntries, "items", node), path + ".rules.items");
                            }
                        }
                        return;
                    }
                } else if (!RANDOM_STYLE_DISTRIBUTIONS.contains(dist)) {
                    error(at(ruleEntries, "distribution", node), path + ".rules.distribution", "unknown distribution '"
                            + dist + "'; allowed: " + String.join(", ", RANDOM_STYLE_DISTRIBUTIONS));
                }
                requireRules(r, bayesian ? List.of("min", "max") : List.of("min", "max", "count"), "random", node,
                        path);
                Double min = StepValues.num(r.get("min"));
                Double max = StepValues.num(r.get("max"));
                if (min != null && max != null && !(min < max)) {
                    error(at(ruleEntries, "max", node), path + ".rules.max", "'max' (" + StepValues.fmt(max)
                            + ") must be greater than 'min' (" + StepValues.fmt(min) + ")");
                }
                boolean integer = dist.equals("integer") || sp.type().equals("integer") && dist.equals("uniform");
                boolean notWhole = integer && min != null && max != null
                        && (min != Math.rint(min) || max != Math.rint(max));
                if (notWhole) {
                    error(at(ruleEntries, "min", node), path + ".rules", "integer values need whole 'min' and 'max'");
                }
                Double step = StepValues.num(r.get("step"));
                if (step != null && !(step > 0)) {
                    error(at(ruleEntries, "step", node), path + ".rules.step", "'step' (the quantization step) must be"
                            + " greater than 0");
                }
                if (dist.equals("loguniform") && bayesian && min != null && max != null && min > 0 && max <= 1) {
                    warning(at(ruleEntries, "min", node), path + ".rules", "Parzen reads loguniform 'min' and 'max' as"
                            + " base-10 exponents (-5 and -1 mean 1e-5..1e-1); " + StepValues.fmt(min) + ".." + StepValues.fmt(max)
                            + " means " + 10 + "^" + StepValues.fmt(min) + ".." + 10 + "^" + StepValues.fmt(max));
                }
                if (!dist.equals("loguniform") && !notWhole && min != null) {
                    valueCheck(sp, r.get("min"), at(ruleEntries, "min", node), path + ".rules.min");
                }
                if (!dist.equals("loguniform") && !notWhole && max != null) {
                    valueCheck(sp, r.get("max"), at(ruleEntries, "max", node), path + ".rules.max");
                }
                checkNumeric(sp, "random", node, path);
            }
            default -> {
            }
        }
        Object count = r.get("count");
        if (count != null && (StepValues.num(count) < 1 || StepValues.num(count) != Math.rint(StepValues.num(count)))) {
            error(at(ruleEntries, "count", node), path + ".rules.count", "'count' must be a whole number of at least 1");
        }
    }

    private void checkNumeric(StepParameter sp, String style, Node node, String path) {
        if (!sp.type().equals("integer") && !sp.type().equals("float")) {
            error(node, path + ".style", "style " + style + " makes numbers, but parameter \"" + sp.name()
                    + "\" is of type " + sp.type());
        }
    }

    private void requireRules(Map<String, Object> r, List<String> keys, String style, Node node, String path) {
        List<String> missing = keys.stream().filter(k -> !r.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            error(node, path + ".rules", "style " + style + " needs the rule" + (missing.size() == 1 ? " " : "s ")
                    + missing.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", ")));
        }
    }

    private void valueCheck(StepParameter sp, Object value, Node at, String path) {
        String problem = StepValues.checkDefault(sp, value);
        if (problem != null) {
            error(at, path, "value " + problem);
        }
    }

    private Map<String, Entry> ruleEntries(TaskDraft d, String name) {
        Map<String, Entry> entries = d.variantEntries.get(name);
        if (entries == null || !entries.containsKey("rules") || !(entries.get("rules").valueNode() instanceof MappingNode m)) {
            return Map.of();
        }
        return YamlNodes.entries(m, "", SILENT);
    }

    private static Node at(Map<String, Entry> entries, String key, Node fallback) {
        Entry e = entries.get(key);
        return e == null ? fallback : e.valueNode();
    }

    /** Number of executions of a grid: the product of every variant parameter's value count ({@link GridSize}). */
    static long gridSize(TaskBlueprint t) {
        return GridSize.product(t.parameters().stream().mapToLong(vp -> GridSize.values(vp.style(), vp.rules())));
    }
}
