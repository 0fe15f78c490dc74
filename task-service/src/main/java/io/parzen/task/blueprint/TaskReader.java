package io.parzen.task.blueprint;

import io.parzen.events.vocabulary.OnChildError;
import io.parzen.events.vocabulary.TaskType;
import io.parzen.task.blueprint.YamlNodes.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the {@code - task:} items of a valohai.yaml with Valohai's rules for a task on its own (keys,
 * type, counts, on-child-error, stop-condition, variant parameters and their rules, parameter sets);
 * what a task means for its step is {@link TaskChecks}'s.
 */
final class TaskReader extends Reads {

    static final List<String> TASK_KEYS = List.of("name", "step", "type", "description", "engine", "execution-count",
            "execution-batch-size", "maximum-queued-executions", "optimization-target-metric",
            "optimization-target-value", "on-child-error", "stop-condition", "reuse-children", "parameters",
            "parameter-sets", "inputs", "environment", "optimization-targets", "optimization-reference-point", "pruner",
            "constraints", "warm-start-from");
    /** The keys of one entry of Parzen's {@code optimization-targets}. */
    static final List<String> OBJECTIVE_KEYS = List.of("metric", "direction");
    /** The contract's task types and Valohai's {@code distributed} (which Parzen refuses with a reason). */
    static final List<String> TASK_TYPES = java.util.stream.Stream.concat(TaskType.wireNames().stream(),
            java.util.stream.Stream.of("distributed")).toList();
    static final List<String> ON_CHILD_ERROR = OnChildError.wireNames();

    static final List<String> VARIANT_KEYS = List.of("name", "style", "rules");
    static final List<String> STYLES = List.of("single", "multiple", "linear", "logspace", "random");
    static final List<String> RULE_KEYS = List.of("value", "start", "end", "step", "min", "max", "count", "base",
            "seed", "distribution", "integerify", "numberify", "items");
    private static final Set<String> NUMBER_RULES = Set.of("start", "end", "step", "min", "max", "count", "base",
            "seed");
    private static final Set<String> BOOLEAN_RULES = Set.of("integerify", "numberify");

    static final int MAX_EXECUTIONS_LIMIT = 1_000_000;

    private final List<TaskDraft> drafts;

    /** @param drafts where the tasks go, in document order */
    TaskReader(Messages messages, List<TaskDraft> drafts) {
        super(messages);
        this.drafts = drafts;
    }

    /**
     * Parzen's extension {@code optimization-targets} (docs/decisions/0032): a list of
     * {@code {metric, direction}}; their count and words are checked with the task (ObjectivesRule).
     */
    private List<io.parzen.events.TargetSpec> objectives(Entry e, String path) {
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        String at = path + ".optimization-targets";
        if (!(e.valueNode() instanceof SequenceNode seq)) {
            error(e.valueNode(), at, "'optimization-targets' must be a list of {metric, direction}, not a "
                    + YamlNodes.kind(e.valueNode()));
            return null;
        }
        List<io.parzen.events.TargetSpec> out = new ArrayList<>();
        int i = 0;
        for (Node item : seq.getValue()) {
            String itemAt = at + "[" + i++ + "]";
            Map<String, Entry> m = mapping(item, itemAt, "an objective", OBJECTIVE_KEYS);
            if (m == null) {
                continue;
            }
            String metric = string(m, "metric", itemAt, true, item, "an objective");
            String direction = string(m, "direction", itemAt, true, item, "an objective");
            out.add(new io.parzen.events.TargetSpec(metric == null ? null : metric.trim(), null,
                    direction == null ? null : direction.trim().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    /** Parzen's extension {@code optimization-reference-point}: a list of numbers. */
    private List<Double> numbers(Entry e, String path) {
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        String at = path + ".optimization-reference-point";
        if (!(e.valueNode() instanceof SequenceNode seq)) {
            error(e.valueNode(), at, "'optimization-reference-point' must be a list of numbers, not a "
                    + YamlNodes.kind(e.valueNode()));
            return null;
        }
        List<Double> out = new ArrayList<>();
        int i = 0;
        for (Node item : seq.getValue()) {
            String itemAt = at + "[" + i++ + "]";
            if (item instanceof ScalarNode sc && YamlNodes.scalar(sc) instanceof Number n && Double.isFinite(n.doubleValue())) {
                out.add(n.doubleValue());
            } else {
                error(item, itemAt, "each value of 'optimization-reference-point' must be a finite number, not "
                        + describe(item));
            }
        }
        return out;
    }

    /** Reads the task of item {@code item}; one with a name joins the drafts. */
    void parseTask(Node node, int item, String itemPath) {
        Map<String, Entry> entries = mapping(node, e -> itemPath(e, "task", itemPath), "a task", TASK_KEYS);
        if (entries == null) {
            return;
        }
        String path = itemPath(entries, "task", itemPath);
        String name = string(entries, "name", path, true, node, "a task");
        String step = string(entries, "step", path, true, node, "a task");
        String environment = string(entries, "environment", path, false, node, "a task");
        if (!entries.containsKey("parameters") && !entries.containsKey("parameter-sets")) {
            error(node, path, "a task needs 'parameters' (the variant parameters) or 'parameter-sets'");
        }
        String type = string(entries, "type", path, false, node, "a task");
        if (type == null) {
            type = "grid_search"; // Valohai's default
        } else {
            type = type.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (!TASK_TYPES.contains(type)) {
                error(entries.get("type").valueNode(), path + ".type", "unknown task type '"
                        + ((ScalarNode) entries.get("type").valueNode()).getValue() + "'; allowed: "
                        + String.join(", ", TASK_TYPES) + " (case and '-'/'_' do not matter)");
            } else if (type.equals("distributed")) {
                error(entries.get("type").valueNode(), path + ".type", "distributed tasks are not supported by"
                        + " Parzen; it runs grid_search, random_search, bayesian_tpe and manual_search");
            }
        }
        String description = string(entries, "description", path, false, node, "a task");
        String engine = string(entries, "engine", path, false, node, "a task");
        if (engine != null) {
            engine = engine.trim().toLowerCase(Locale.ROOT);
        }
        Integer count = integer(entries, "execution-count", path);
        Integer batch = integer(entries, "execution-batch-size", path);
        Integer queued = integer(entries, "maximum-queued-executions", path);
        for (String k : List.of("execution-count", "execution-batch-size", "maximum-queued-executions")) {
            Integer v = k.equals("execution-count") ? count : k.equals("execution-batch-size") ? batch : queued;
            if (v != null && v < 1) {
                error(entries.get(k).valueNode(), path + "." + k, "'" + k + "' must be at least 1");
            }
        }
        if (count != null && count > MAX_EXECUTIONS_LIMIT) {
            error(entries.get("execution-count").valueNode(), path + ".execution-count", "'execution-count' must be"
                    + " at most " + MAX_EXECUTIONS_LIMIT);
        }
        String metric = string(entries, "optimization-target-metric", path, false, node, "a task");
        Double target = number(entries, "optimization-target-value", path);
        List<io.parzen.events.TargetSpec> targets = objectives(entries.get("optimization-targets"), path);
        List<Double> referencePoint = numbers(entries.get("optimization-reference-point"), path);
        String onChildError = string(entries, "on-child-error", path, false, node, "a task");
        if (onChildError != null) {
            onChildError = onChildError.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            if (!ON_CHILD_ERROR.contains(onChildError)) {
                error(entries.get("on-child-error").valueNode(), path + ".on-child-error", "unknown on-child-error '"
                        + ((ScalarNode) entries.get("on-child-error").valueNode()).getValue() + "'; allowed: "
                        + String.join(", ", ON_CHILD_ERROR) + " (case and '-'/'_' do not matter)");
            }
        }
        String stopCondition = string(entries, "stop-condition", path, false, node, "a task");
        if (stopCondition != null) {
            checkStopCondition(stopCondition, entries.get("stop-condition").valueNode(), path, name);
            if (stopCondition.isBlank()) {
                stopCondition = null;
            }
        }
        Boolean reuse = bool(entries, "reuse-children", path);
        if (Boolean.TRUE.equals(reuse)) {
            warning(entries.get("reuse-children").keyNode(), path + ".reuse-children", "'reuse-children' is not"
                    + " supported by Parzen: every execution runs");
        }
        Map<String, Object> pruner = pruner(entries.get("pruner"), path);
        List<String> constraints = constraints(entries.get("constraints"), path);
        List<String> warmStartFrom = taskIds(entries.get("warm-start-from"), path);
        TaskDraft draft = new TaskDraft();
        draft.item = item;
        draft.node = node;
        draft.entries = entries;
        List<VariantParameter> variants = variantParameters(entries.get("parameters"), path, draft);
        List<Map<String, Object>> sets = parameterSets(entries.get("parameter-sets"), path, draft);

        // Valohai's lint warnings
        if (sets != null && !type.equals("manual_search")) {
            warning(entries.get("parameter-sets").keyNode(), path + ".parameter-sets", "Parameter sets only make"
                    + " sense with manual search");
        }
        if (!type.equals("bayesian_tpe")) {
            for (String k : List.of("engine", "optimization-target-metric", "optimization-target-value")) {
                if (entries.containsKey(k)) {
                    warning(entries.get(k).keyNode(), path + "." + k, k + " only makes sense for Bayesian TPE tasks");
                }
            }
        }
        draft.task = new TaskBlueprint(name, step, type, description, engine, count, batch, queued, metric, target,
                onChildError, stopCondition, Boolean.TRUE.equals(reuse), List.copyOf(variants), sets,
                YamlNodes.line(node), YamlNodes.column(node), environment, targets, referencePoint, pruner,
                constraints, warmStartFrom);
        if (name == null) {
            return;
        }
        for (TaskDraft other : drafts) {
            if (name.equals(other.task.name())) {
                error(entries.get("name").valueNode(), path + ".name", "a task named \"" + name
                        + "\" is already defined at line " + other.task.line() + "; task names must be unique");
                return;
            }
        }
        drafts.add(draft);
    }

    /**
     * The Parzen extension key {@code pruner} (docs/decisions/0031): a mapping with the same keys as a JSON task's
     * {@code pruner}, e.g. {@code {type: median, stepKey: epoch, nWarmupSteps: 10}}; checked by the task rule.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> pruner(Entry e, String taskPath) {
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        if (!(e.valueNode() instanceof MappingNode)) {
            error(e.valueNode(), taskPath + ".pruner", "'pruner' must be a mapping, e.g. {type: median, stepKey: epoch},"
                    + " not " + describe(e.valueNode()));
            return null;
        }
        Object value = YamlNodes.toJava(e.valueNode(), taskPath + ".pruner", this);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /**
     * The Parzen extension key {@code constraints} (docs/decisions/0033): a list of strings
     * {@code <expression> <op> <number>}; each is parsed here (so that the lint names its line), the count by
     * the task rule (ConstraintsRule).
     */
    private List<String> constraints(Entry e, String taskPath) {
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        String at = taskPath + ".constraints";
        if (!(e.valueNode() instanceof SequenceNode seq)) {
            error(e.valueNode(), at, "'constraints' must be a list of strings, e.g. [\"memory_mb <= 2000\"], not "
                    + describe(e.valueNode()));
            return null;
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        for (Node item : seq.getValue()) {
            String itemAt = at + "[" + i++ + "]";
            if (!(item instanceof ScalarNode sc) || !(YamlNodes.scalar(sc) instanceof String text)) {
                error(item, itemAt, "each constraint must be a string: "
                        + io.parzen.events.condition.Constraint.ALLOWED + ", not " + describe(item));
                continue;
            }
            try {
                io.parzen.events.condition.Constraint.parse(text);
            } catch (io.parzen.events.condition.ConditionSyntaxException ex) {
                error(item, itemAt, "constraint '" + text + "' is not valid: " + ex.getMessage());
            }
            out.add(text);
        }
        return out;
    }

    /**
     * The Parzen extension key {@code warm-start-from} (docs/decisions/0034): a list of earlier task ids, the JSON
     * task's {@code warmStartFrom}; the task rules check the ids when the task is created.
     */
    private List<String> taskIds(Entry e, String taskPath) {
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        String at = taskPath + ".warm-start-from";
        if (!(e.valueNode() instanceof SequenceNode seq)) {
            error(e.valueNode(), at, "'warm-start-from' must be a list of task ids, not a " + YamlNodes.kind(e.valueNode()));
            return null;
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        for (Node item : seq.getValue()) {
            String itemAt = at + "[" + i++ + "]";
            if (item instanceof ScalarNode sc && YamlNodes.scalar(sc) instanceof String id) {
                out.add(id);
            } else {
                error(item, itemAt, "each entry of 'warm-start-from' must be a task id (a string), not " + describe(item));
            }
        }
        return out;
    }

    private List<VariantParameter> variantParameters(Entry e, String taskPath, TaskDraft draft) {
        List<VariantParameter> out = new ArrayList<>();
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return out;
        }
        if (!(e.valueNode() instanceof SequenceNode seq)) {
            error(e.valueNode(), taskPath + ".parameters", "'parameters' must be a list of variant parameters, not "
                    + describe(e.valueNode()));
            return out;
        }
        int i = 0;
        for (Node p : seq.getValue()) {
            String path = taskPath + ".parameters[" + i++ + "]";
            Map<String, Entry> entries = mapping(p, path, "a variant parameter", VARIANT_KEYS);
            if (entries == null) {
                continue;
            }
            String name = string(entries, "name", path, true, p, "a variant parameter");
            String style = null;
            Entry styleEntry = entries.get("style");
            if (styleEntry == null) {
                error(p, path, "a variant parameter needs 'style'; allowed: " + String.join(", ", STYLES));
            } else if (YamlNodes.isNull(styleEntry.valueNode())) {
                style = "single"; // empty style is single, as in Valohai
            } else {
                String s = string(entries, "style", path, false, p, "a variant parameter");
                if (s != null) {
                    style = s.isBlank() ? "single" : s.trim().toLowerCase(Locale.ROOT);
                    if (!STYLES.contains(style)) {
                        error(styleEntry.valueNode(), path + ".style", "unknown style '" + s + "'; allowed: "
                                + String.join(", ", STYLES));
                        style = null;
                    }
                }
            }
            Map<String, Object> rules = null;
            Entry rulesEntry = entries.get("rules");
            if (rulesEntry == null) {
                error(p, path, "a variant parameter needs 'rules'");
            } else {
                rules = rules(rulesEntry.valueNode(), path + ".rules", draft, name);
            }
            if (name == null) {
                continue;
            }
            if (draft.variantNodes.containsKey(name)) {
                error(p, path, "parameter \"" + name + "\" is varied twice in this task");
                continue;
            }
            draft.variantNodes.put(name, p);
            draft.variantEntries.put(name, entries);
            if (style != null && rules != null) {
                out.add(new VariantParameter(name, style, rules, YamlNodes.line(p), YamlNodes.column(p)));
            }
        }
        return out;
    }

    private Map<String, Object> rules(Node node, String path, TaskDraft draft, String name) {
        Map<String, Entry> entries = mapping(node, path, "the rules", RULE_KEYS);
        if (entries == null) {
            return null;
        }
        Map<String, Object> rules = new LinkedHashMap<>();
        boolean ok = true;
        for (Entry e : entries.values()) {
            String key = e.key();
            if (!RULE_KEYS.contains(key)) {
                ok = false;
                continue;
            }
            Node v = e.valueNode();
            String at = path + "." + key;
            if (YamlNodes.isNull(v)) {
                continue;
            }
            if (NUMBER_RULES.contains(key)) {
                Double d = number(entries, key, path);
                if (d == null) {
                    ok = false;
                } else {
                    rules.put(key, YamlNodes.scalar((ScalarNode) v));
                }
            } else if (BOOLEAN_RULES.contains(key)) {
                Boolean b = bool(entries, key, path);
                if (b == null) {
                    ok = false;
                } else {
                    rules.put(key, b);
                }
            } else if (key.equals("distribution")) {
                String s = string(entries, key, path, false, node, "the rules");
                if (s == null) {
                    ok = false;
                } else {
                    rules.put(key, s.trim().toLowerCase(Locale.ROOT));
                }
            } else if (key.equals("value")) {
                Object value = v instanceof ScalarNode s ? YamlNodes.scalar(s) : scalarList(v);
                if (value == null) {
                    error(v, at, "'value' must be a number, a string or a boolean, not " + describe(v));
                    ok = false;
                } else if (value instanceof Double dv && (dv.isNaN() || dv.isInfinite())) {
                    error(v, at, "'value' must be a finite number");
                    ok = false;
                } else {
                    rules.put(key, value);
                }
            } else if (key.equals("items")) {
                if (!(v instanceof SequenceNode seq)) {
                    error(v, at, "'items' must be a list of numbers, strings or booleans, not " + describe(v));
                    ok = false;
                    continue;
                }
                List<Object> items = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    Object value = item instanceof ScalarNode s ? YamlNodes.scalar(s) : scalarList(item);
                    if (value == null) {
                        error(item, at, "each of 'items' must be a number, a string or a boolean, not "
                                + describe(item));
                        ok = false;
                    } else {
                        items.add(value);
                    }
                }
                rules.put(key, items);
            }
        }
        return ok ? rules : null;
    }

    /**
     * A YAML list of numbers, strings and booleans (the value of a {@code multiple} parameter), or null. Whether
     * the parameter takes a list is checked against the step later.
     */
    private static List<Object> scalarList(Node node) {
        if (!(node instanceof SequenceNode seq)) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            Object value = item instanceof ScalarNode s ? YamlNodes.scalar(s) : null;
            if (value == null) {
                return null;
            }
            out.add(value);
        }
        return out;
    }

    private List<Map<String, Object>> parameterSets(Entry e, String taskPath, TaskDraft draft) {
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        String at = taskPath + ".parameter-sets";
        if (!(e.valueNode() instanceof SequenceNode seq)) {
            error(e.valueNode(), at, "'parameter-sets' must be a list of mappings, not " + describe(e.valueNode()));
            return null;
        }
        List<Map<String, Object>> sets = new ArrayList<>();
        int i = 0;
        for (Node s : seq.getValue()) {
            String path = at + "[" + i++ + "]";
            if (!(s instanceof MappingNode m)) {
                error(s, path, "a parameter set must be a mapping of parameter names to values, not " + describe(s));
                continue;
            }
            Map<String, Object> set = new LinkedHashMap<>();
            for (Entry pe : YamlNodes.entries(m, path, this).values()) {
                Node v = pe.valueNode();
                Object value = YamlNodes.toJava(v, path + "." + pe.key(), this);
                if (value == null || value instanceof Map) {
                    error(v, path + "." + pe.key(), "a parameter value must be a number, a string or a boolean, not "
                            + describe(v));
                    continue;
                }
                set.put(pe.key(), value);
            }
            if (set.isEmpty()) {
                continue; // Valohai drops empty sets
            }
            sets.add(set);
            draft.setNodes.add(s);
        }
        return sets;
    }
}
