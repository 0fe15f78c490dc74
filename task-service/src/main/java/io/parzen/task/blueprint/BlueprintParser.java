package io.parzen.task.blueprint;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.events.vocabulary.OnChildError;
import io.parzen.events.vocabulary.TaskDefaults;
import io.parzen.events.vocabulary.TaskType;
import io.parzen.task.blueprint.YamlNodes.Entry;
import io.parzen.task.condition.ConditionSyntaxException;
import io.parzen.task.condition.StopCondition;
import io.parzen.task.validation.GridSize;
import io.parzen.task.validation.ShellSyntax;
import io.parzen.task.validation.TaskSpecNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads valohai.yaml into a {@link BlueprintDocument}: one instance per document. See {@link Blueprint}. */
final class BlueprintParser implements YamlNodes.Sink {

    // ----------------------------------------------------------------- vocabulary

    static final List<String> ITEM_KINDS = List.of("step", "task", "pipeline", "endpoint");

    static final List<String> STEP_KEYS = List.of("name", "image", "command", "parameters", "inputs", "outputs",
            "environment", "environment-variables", "environment-variable-groups", "mounts", "cache-volumes",
            "resources", "runtime-config-preset", "source-path", "stop-condition", "time-limit", "no-output-timeout",
            "upload-store", "description", "category", "icon");
    /** Step keys Parzen accepts but does not act on (a warning when present). */
    static final List<String> IGNORED_STEP_KEYS = List.of("environment", "environment-variables",
            "environment-variable-groups", "mounts", "cache-volumes", "resources", "runtime-config-preset",
            "no-output-timeout", "upload-store");

    static final List<String> PARAMETER_KEYS = List.of("name", "type", "default", "min", "max", "choices",
            "description", "optional", "pass-as", "pass-true-as", "pass-false-as", "multiple", "multiple-separator",
            "category", "widget");
    static final List<String> PARAMETER_TYPES = List.of("integer", "float", "string", "flag");
    static final List<String> MULTIPLE_MODES = List.of("none", "repeat", "separate");

    static final List<String> TASK_KEYS = List.of("name", "step", "type", "description", "engine", "execution-count",
            "execution-batch-size", "maximum-queued-executions", "optimization-target-metric",
            "optimization-target-value", "on-child-error", "stop-condition", "reuse-children", "parameters",
            "parameter-sets", "inputs");
    /** The contract's task types and Valohai's {@code distributed} (which Parzen refuses with a reason). */
    static final List<String> TASK_TYPES = java.util.stream.Stream.concat(TaskType.wireNames().stream(),
            java.util.stream.Stream.of("distributed")).toList();
    static final List<String> ON_CHILD_ERROR = OnChildError.wireNames();
    /** Engines task-service accepts (its vocabulary, so blueprint and JSON tasks agree). */
    static final List<String> ENGINES = io.parzen.task.validation.Vocabulary.ENGINES;

    static final List<String> VARIANT_KEYS = List.of("name", "style", "rules");
    static final List<String> STYLES = List.of("single", "multiple", "linear", "logspace", "random");
    static final List<String> RULE_KEYS = List.of("value", "start", "end", "step", "min", "max", "count", "base",
            "seed", "distribution", "integerify", "numberify", "items");
    private static final Set<String> NUMBER_RULES = Set.of("start", "end", "step", "min", "max", "count", "base",
            "seed");
    private static final Set<String> BOOLEAN_RULES = Set.of("integerify", "numberify");

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

    private static final int MAX_EXECUTIONS_LIMIT = 1_000_000;

    // ----------------------------------------------------------------- state

    private final List<LintMessage> messages = new ArrayList<>();
    /** Item index each message belongs to; -1 for the whole document. */
    private final List<Integer> owners = new ArrayList<>();
    private int owner = -1;

    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Integer> stepItems = new HashMap<>();
    private final List<TaskDraft> drafts = new ArrayList<>();
    /** Each step's stop-condition (stops one execution; the task goes on), by step name. */
    private final Map<String, String> stepStopConditions = new HashMap<>();
    /** The composed document, for the whole-file lint; null when it could not be composed. */
    private Node root;

    /** A task with the nodes its messages point at. */
    private static final class TaskDraft {
        TaskBlueprint task;
        int item;
        Node node;
        Map<String, Entry> entries = Map.of();
        final Map<String, Node> variantNodes = new LinkedHashMap<>();
        final Map<String, Map<String, Entry>> variantEntries = new HashMap<>();
        final List<Node> setNodes = new ArrayList<>();
        TaskSpec spec;
    }

    // ----------------------------------------------------------------- sink

    @Override
    public void error(Node node, String path, String message) {
        add(LintMessage.error(YamlNodes.line(node), YamlNodes.column(node), path, message));
    }

    @Override
    public void warning(Node node, String path, String message) {
        add(LintMessage.warning(YamlNodes.line(node), YamlNodes.column(node), path, message));
    }

    private void add(LintMessage m) {
        messages.add(m);
        owners.add(owner);
    }

    private void errorAt(Node node, int offset, String path, String message) {
        int line = YamlNodes.line(node);
        int column = YamlNodes.column(node) + offset;
        add(LintMessage.error(line, column, path, message));
    }

    // ----------------------------------------------------------------- document

    private final Blueprint.Limits limits;

    BlueprintParser(Blueprint.Limits limits) {
        this.limits = limits;
    }

    BlueprintDocument parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            add(LintMessage.error(1, 1, "", "the blueprint is empty; expected a YAML list of '- step:' and '- task:' items"));
            return document();
        }
        if (yaml.length() > Blueprint.MAX_LENGTH) {
            add(LintMessage.error(1, 1, "", "the blueprint is " + yaml.length() + " characters long; at most "
                    + Blueprint.MAX_LENGTH + " are accepted"));
            return document();
        }
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setSchema(new CoreSchema())
                    .setLabel("valohai.yaml")
                    .setAllowRecursiveKeys(false)
                    .setMaxAliasesForCollections(limits.aliases())
                    .setCodePointLimit(Blueprint.MAX_LENGTH * 4)
                    .build();
            if (!preScan(yaml, settings)) {
                return document();
            }
            Optional<Node> composed = new Compose(settings).composeString(yaml);
            if (composed.isEmpty()) {
                add(LintMessage.error(1, 1, "", "the blueprint is empty; expected a YAML list of '- step:' and '- task:' items"));
                return document();
            }
            root = composed.get();
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext()
                    + e.getContextMark().map(m -> " at line " + YamlNodes.line(m) + ", column " + YamlNodes.column(m))
                            .orElse("")
                    + ")";
            add(LintMessage.error(mark == null ? 1 : YamlNodes.line(mark), mark == null ? 1 : YamlNodes.column(mark), "",
                    "YAML syntax error: " + problem + context));
            return document();
        } catch (YamlEngineException e) {
            add(LintMessage.error(1, 1, "", "YAML error: " + e.getMessage()));
            return document();
        } catch (StackOverflowError e) {
            add(LintMessage.error(1, 1, "", "YAML error: the document is nested too deeply"));
            return document();
        } catch (RuntimeException e) {
            // never let a YAML library failure escape as a 500
            add(LintMessage.error(1, 1, "", "YAML error: " + e));
            return document();
        }
        if (!(root instanceof SequenceNode list)) {
            if (YamlNodes.isNull(root)) {
                error(root, "", "the blueprint is empty; expected a YAML list of '- step:' and '- task:' items");
            } else {
                error(root, "", "the blueprint must be a YAML list of items such as '- step: {...}' and"
                        + " '- task: {...}', not a " + YamlNodes.kind(root));
            }
            return document();
        }
        int index = 0;
        for (Node item : list.getValue()) {
            owner = index;
            parseItem(item, index);
            index++;
        }
        owner = -1;
        for (TaskDraft d : drafts) {
            owner = d.item;
            compile(d);
        }
        owner = -1;
        return document();
    }

    /** Deepest nesting of YAML collections accepted (the composer recurses once per level). */
    static final int MAX_YAML_DEPTH = 100;

    /**
     * Walks the YAML events once before composing, to reject what the composer cannot survive: an
     * alias inside the collection it refers to (a recursive merge key loops forever in the YAML
     * library) and absurd nesting (a stack overflow).
     */
    private boolean preScan(String yaml, LoadSettings settings) {
        java.util.Deque<String> open = new java.util.ArrayDeque<>();
        // the billion-laughs guard: nodes with every alias expanded, and the expanded size of each anchor
        java.util.Deque<Long> startedAt = new java.util.ArrayDeque<>();
        Map<String, Long> anchorSizes = new HashMap<>();
        long expanded = 0;
        int aliases = 0;
        for (org.snakeyaml.engine.v2.events.Event event : new org.snakeyaml.engine.v2.api.lowlevel.Parse(settings)
                .parseString(yaml)) {
            Mark m = event.getStartMark().orElse(null);
            if (event instanceof org.snakeyaml.engine.v2.events.CollectionStartEvent start) {
                open.push(start.getAnchor().map(org.snakeyaml.engine.v2.common.Anchor::getValue).orElse(""));
                startedAt.push(expanded);
                expanded++;
                if (open.size() > MAX_YAML_DEPTH) {
                    add(LintMessage.error(m == null ? 1 : YamlNodes.line(m), m == null ? 1 : YamlNodes.column(m), "",
                            "YAML error: the document is nested more than " + MAX_YAML_DEPTH + " levels deep"));
                    return false;
                }
            } else if (event.getEventId() == org.snakeyaml.engine.v2.events.Event.ID.MappingEnd
                    || event.getEventId() == org.snakeyaml.engine.v2.events.Event.ID.SequenceEnd) {
                String anchor = open.poll();
                Long start = startedAt.poll();
                if (anchor != null && !anchor.isEmpty() && start != null) {
                    anchorSizes.put(anchor, expanded - start);
                }
            } else if (event instanceof org.snakeyaml.engine.v2.events.AliasEvent alias) {
                String name = alias.getAlias().getValue();
                if (open.contains(name)) {
                    add(LintMessage.error(m == null ? 1 : YamlNodes.line(m), m == null ? 1 : YamlNodes.column(m), "",
                            "YAML error: the alias *" + name + " refers to a collection that contains it;"
                                    + " recursive aliases are not allowed"));
                    return false;
                }
                if (++aliases > limits.aliases()) {
                    add(LintMessage.error(m == null ? 1 : YamlNodes.line(m), m == null ? 1 : YamlNodes.column(m), "",
                            "YAML error: the blueprint has more than " + limits.aliases() + " aliases"
                                    + " (parzen.task.limits.yaml.aliases)"));
                    return false;
                }
                expanded += anchorSizes.getOrDefault(name, 1L);
            } else if (event instanceof org.snakeyaml.engine.v2.events.ScalarEvent scalar) {
                expanded++;
                scalar.getAnchor().ifPresent(a -> anchorSizes.put(a.getValue(), 1L));
                checkFinite(scalar, settings, m);
            }
            if (expanded > limits.nodes()) {
                add(LintMessage.error(m == null ? 1 : YamlNodes.line(m), m == null ? 1 : YamlNodes.column(m), "",
                        "YAML error: the blueprint has more than " + limits.nodes() + " nodes once its aliases are"
                                + " expanded (parzen.task.limits.yaml.nodes); write the values out instead of"
                                + " nesting aliases"));
                return false;
            }
        }
        return true;
    }

    /**
     * A number scalar that is not a finite double ({@code .inf}, {@code -.inf}, {@code .nan},
     * {@code 1e400}, a 400-digit integer) is an error wherever it is: no field takes one.
     */
    private void checkFinite(org.snakeyaml.engine.v2.events.ScalarEvent scalar, LoadSettings settings, Mark m) {
        org.snakeyaml.engine.v2.nodes.Tag tag = scalar.getTag().map(org.snakeyaml.engine.v2.nodes.Tag::new)
                .orElse(null);
        if (tag == null || "!".equals(scalar.getTag().orElse(""))) {
            if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
                return;
            }
            tag = settings.getSchema().getScalarResolver().resolve(scalar.getValue(), true);
        }
        if (!org.snakeyaml.engine.v2.nodes.Tag.FLOAT.equals(tag) && !org.snakeyaml.engine.v2.nodes.Tag.INT.equals(tag)) {
            return;
        }
        Object value = YamlNodes.scalar(new ScalarNode(tag, scalar.getValue(), ScalarStyle.PLAIN));
        if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
            String text = scalar.getValue().length() > 40 ? scalar.getValue().substring(0, 40) + "…"
                    : scalar.getValue();
            add(LintMessage.error(m == null ? 1 : YamlNodes.line(m), m == null ? 1 : YamlNodes.column(m), "",
                    "the number " + text + " is not finite: NaN, infinity and numbers beyond ±" + Double.MAX_VALUE
                            + " are not allowed (quote it if you mean a string)"));
        }
    }

    private BlueprintDocument document() {
        List<TaskBlueprint> tasks = drafts.stream().map(d -> d.task).toList();
        Map<String, Integer> taskItems = new HashMap<>();
        Map<String, TaskSpec> specs = new HashMap<>();
        for (TaskDraft d : drafts) {
            if (taskItems.putIfAbsent(d.task.name(), d.item) == null && d.spec != null) {
                specs.put(d.task.name(), d.spec);
            }
        }
        return new BlueprintDocument(steps, tasks, messages, owners, stepItems, taskItems, specs, root);
    }

    private void parseItem(Node item, int index) {
        String path = "[" + index + "]";
        if (!(item instanceof MappingNode m)) {
            error(item, path, "an item must be a mapping such as '- step: {...}' or '- task: {...}', not a "
                    + YamlNodes.kind(item));
            return;
        }
        Map<String, Entry> entries = YamlNodes.entries(m, path, this);
        if (entries.size() != 1) {
            error(item, path, "an item must have exactly one key, one of " + ITEM_KINDS + "; found "
                    + (entries.isEmpty() ? "none" : entries.keySet()));
            return;
        }
        Entry e = entries.values().iterator().next();
        switch (e.key()) {
            case "step" -> parseStep(e.valueNode(), path);
            case "task" -> parseTask(e.valueNode(), index, path);
            case "pipeline", "endpoint", "deployment", "blueprint" -> warning(e.keyNode(), path, "'" + e.key()
                    + "' items are not supported by Parzen and are ignored");
            default -> error(e.keyNode(), path, "unknown item '" + e.key() + "'; allowed: " + ITEM_KINDS + "."
                    + YamlNodes.suggestion(e.key(), ITEM_KINDS));
        }
    }

    // ----------------------------------------------------------------- typed reads

    private Map<String, Entry> mapping(Node node, String path, String what, List<String> allowed) {
        return mapping(node, entries -> path, what, allowed);
    }

    /** Like {@link #mapping(Node, String, String, List)}, the path computed from the entries (e.g. the name). */
    private Map<String, Entry> mapping(Node node, java.util.function.Function<Map<String, Entry>, String> pathOf,
            String what, List<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            error(node, pathOf.apply(Map.of()), what + " must be a mapping, not a " + YamlNodes.kind(node));
            return null;
        }
        Map<String, Entry> entries = YamlNodes.entries(m, pathOf.apply(Map.of()), this);
        String path = pathOf.apply(entries);
        for (Entry e : entries.values()) {
            if (!allowed.contains(e.key())) {
                error(e.keyNode(), YamlNodes.join(path, e.key()), "unknown key '" + e.key() + "' in " + what
                        + "; allowed keys: " + String.join(", ", allowed) + "." + YamlNodes.suggestion(e.key(), allowed));
            }
        }
        return entries;
    }

    /** {@code kind "name"} when the entries have a string name, else {@code kind[index]}. */
    private static String itemPath(Map<String, Entry> entries, String kind, String itemPath) {
        Entry e = entries.get("name");
        if (e != null && e.valueNode() instanceof ScalarNode s && YamlNodes.scalar(s) instanceof String name) {
            return kind + " \"" + name + "\"";
        }
        return kind + itemPath;
    }

    private String string(Map<String, Entry> entries, String key, String path, boolean required, Node parent,
            String what) {
        Entry e = entries.get(key);
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            if (required) {
                error(e == null ? parent : e.valueNode(), YamlNodes.join(path, key), what + " needs '" + key + "'");
            }
            return null;
        }
        if (e.valueNode() instanceof ScalarNode s && YamlNodes.scalar(s) instanceof String str) {
            return str;
        }
        error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' must be a string, not a "
                + YamlNodes.kind(e.valueNode()));
        return null;
    }

    private Integer integer(Map<String, Entry> entries, String key, String path) {
        Entry e = entries.get(key);
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        if (e.valueNode() instanceof ScalarNode s && YamlNodes.scalar(s) instanceof Long l) {
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' is out of range");
                return null;
            }
            return l.intValue();
        }
        error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' must be an integer, not "
                + describe(e.valueNode()));
        return null;
    }

    private Double number(Map<String, Entry> entries, String key, String path) {
        Entry e = entries.get(key);
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        if (e.valueNode() instanceof ScalarNode s && YamlNodes.scalar(s) instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' must be a finite number");
                return null;
            }
            return d;
        }
        error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' must be a number, not "
                + describe(e.valueNode()));
        return null;
    }

    private Boolean bool(Map<String, Entry> entries, String key, String path) {
        Entry e = entries.get(key);
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        Boolean b = bool(e.valueNode());
        if (b == null) {
            error(e.valueNode(), YamlNodes.join(path, key), "'" + key + "' must be true or false, not "
                    + describe(e.valueNode()));
        }
        return b;
    }

    private static Boolean bool(Node n) {
        if (n instanceof ScalarNode s) {
            Object v = YamlNodes.scalar(s);
            if (v instanceof Boolean b) {
                return b;
            }
            return YamlNodes.yaml11Boolean(s);
        }
        return null;
    }

    private static String describe(Node n) {
        if (n instanceof ScalarNode s) {
            Object v = YamlNodes.scalar(s);
            return YamlNodes.kind(n) + (v == null ? "" : " '" + s.getValue() + "'");
        }
        return "a " + YamlNodes.kind(n);
    }

    // ----------------------------------------------------------------- steps

    private void parseStep(Node node, String itemPath) {
        Map<String, Entry> entries = mapping(node, e -> itemPath(e, "step", itemPath), "a step", STEP_KEYS);
        if (entries == null) {
            return;
        }
        String path = itemPath(entries, "step", itemPath);
        String name = string(entries, "name", path, true, node, "a step");
        String image = string(entries, "image", path, true, node, "a step");
        List<String> commands = command(entries, path, node);
        Entry inputsEntry = entries.get("inputs");
        Map<String, List<String>> inputs = BlueprintInputs.ofStep(inputsEntry == null ? null : inputsEntry.valueNode(),
                path, this);
        List<StepParameter> parameters = stepParameters(entries.get("parameters"), path);
        Long timeLimit = timeLimit(entries.get("time-limit"), path);
        Entry stopCondition = entries.get("stop-condition");
        if (stopCondition != null && stopCondition.valueNode() instanceof ScalarNode sc
                && YamlNodes.scalar(sc) instanceof String expression) {
            if (checkExpression(expression, sc, path, "Step " + (name == null ? "" : name + ", "))
                    && name != null && !expression.isBlank()) {
                stepStopConditions.putIfAbsent(name, expression.strip());
            }
        }
        Entry noOutput = entries.get("no-output-timeout");
        if (noOutput != null) {
            timeLimit(noOutput, path); // checked for syntax only
        }
        for (String ignored : IGNORED_STEP_KEYS) {
            Entry e = entries.get(ignored);
            if (e != null && !YamlNodes.isNull(e.valueNode())) {
                warning(e.keyNode(), YamlNodes.join(path, ignored), "'" + ignored
                        + "' is accepted but ignored by Parzen (executions run as local processes)");
            }
        }
        if (name == null) {
            return;
        }
        if (stepItems.containsKey(name)) {
            Step first = steps.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            error(entries.get("name").valueNode(), path + ".name", "a step named \"" + name
                    + "\" is already defined at line " + first.line() + "; step names must be unique");
            return;
        }
        stepItems.put(name, owner);
        steps.add(new Step(name, image, commands != null && commands.size() == 1 ? commands.get(0) : null,
                List.copyOf(parameters), timeLimit, YamlNodes.line(node), YamlNodes.column(node),
                commands == null ? List.of() : commands, inputs));
    }

    /** The step's commands: one for a string, all of a list (run in order through a shell); null on error. */
    private List<String> command(Map<String, Entry> entries, String path, Node parent) {
        Entry e = entries.get("command");
        String at = path + ".command";
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            error(e == null ? parent : e.valueNode(), at, "a step needs 'command'");
            return null;
        }
        Node v = e.valueNode();
        List<String> commands = new ArrayList<>();
        if (v instanceof ScalarNode s && YamlNodes.scalar(s) instanceof String str) {
            commands.add(str);
        } else if (v instanceof SequenceNode seq) {
            for (Node c : seq.getValue()) {
                if (c instanceof ScalarNode s && YamlNodes.scalar(s) instanceof String str) {
                    commands.add(str);
                } else {
                    error(c, at, "each command must be a string, not " + describe(c));
                    return null;
                }
            }
            if (commands.isEmpty()) {
                error(v, at, "the command list is empty");
                return null;
            }
        } else {
            error(v, at, "'command' must be a string or a list of strings, not " + describe(v));
            return null;
        }
        List<String> stripped = new ArrayList<>();
        for (String command : commands) {
            if (command.isBlank()) {
                error(v, at, "the command is empty");
                return null;
            }
            stripped.add(command.strip());
        }
        return List.copyOf(stripped);
    }

    private Long timeLimit(Entry e, String path) {
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return null;
        }
        String at = YamlNodes.join(path, e.key());
        Node v = e.valueNode();
        Object value = v instanceof ScalarNode s ? YamlNodes.scalar(s) : null;
        long seconds;
        if (value instanceof Long l) {
            seconds = l;
        } else if (value instanceof String str) {
            try {
                seconds = Durations.parseSeconds(str);
            } catch (IllegalArgumentException ex) {
                error(v, at, "'" + e.key() + "' " + ex.getMessage());
                return null;
            }
        } else {
            error(v, at, "'" + e.key() + "' must be whole seconds or a duration string such as \"1h 30m 5s\", not "
                    + describe(v));
            return null;
        }
        if (seconds < 0) {
            error(v, at, "'" + e.key() + "' must not be negative");
            return null;
        }
        return seconds == 0 ? null : seconds; // 0: no limit
    }

    private List<StepParameter> stepParameters(Entry e, String stepPath) {
        List<StepParameter> out = new ArrayList<>();
        if (e == null || YamlNodes.isNull(e.valueNode())) {
            return out;
        }
        if (!(e.valueNode() instanceof SequenceNode seq)) {
            error(e.valueNode(), stepPath + ".parameters", "'parameters' must be a list, not " + describe(e.valueNode()));
            return out;
        }
        Set<String> names = new HashSet<>();
        int i = 0;
        for (Node p : seq.getValue()) {
            String path = stepPath + ".parameters[" + i++ + "]";
            StepParameter sp = stepParameter(p, path);
            if (sp == null) {
                continue;
            }
            if (!names.add(sp.name())) {
                error(p, path, "parameter \"" + sp.name() + "\" is defined twice; names must be unique within a step");
                continue;
            }
            out.add(sp);
        }
        return out;
    }

    private StepParameter stepParameter(Node node, String path) {
        Map<String, Entry> entries = mapping(node, path, "a step parameter", PARAMETER_KEYS);
        if (entries == null) {
            return null;
        }
        String name = string(entries, "name", path, true, node, "a parameter");
        String type = string(entries, "type", path, false, node, "a parameter");
        if (type == null) {
            type = "string";
        } else if (!PARAMETER_TYPES.contains(type)) {
            error(entries.get("type").valueNode(), path + ".type", "unknown parameter type '" + type + "'; allowed: "
                    + PARAMETER_TYPES);
            type = "string";
        }
        boolean flag = type.equals("flag");
        Double min = number(entries, "min", path);
        Double max = number(entries, "max", path);
        if ((min != null || max != null) && !type.equals("integer") && !type.equals("float")) {
            warning(entries.get(min != null ? "min" : "max").keyNode(), path, "'min' and 'max' only apply to integer and"
                    + " float parameters");
        }
        if (min != null && max != null && min > max) {
            error(entries.get("max").valueNode(), path + ".max", "'max' (" + fmt(max) + ") is less than 'min' ("
                    + fmt(min) + ")");
        }
        String multiple = string(entries, "multiple", path, false, node, "a parameter");
        if (multiple != null && !MULTIPLE_MODES.contains(multiple)) {
            error(entries.get("multiple").valueNode(), path + ".multiple", "'multiple' must be one of "
                    + MULTIPLE_MODES);
            multiple = null;
        }
        if (multiple != null && flag && !multiple.equals("none")) {
            error(entries.get("multiple").valueNode(), path + ".multiple", "'multiple' is not available for flag"
                    + " parameters");
        }
        String separator = string(entries, "multiple-separator", path, false, node, "a parameter");
        List<Object> choices = null;
        Entry choicesEntry = entries.get("choices");
        if (choicesEntry != null && !YamlNodes.isNull(choicesEntry.valueNode())) {
            if (choicesEntry.valueNode() instanceof SequenceNode) {
                choices = new ArrayList<>();
                for (Node c : ((SequenceNode) choicesEntry.valueNode()).getValue()) {
                    if (c instanceof ScalarNode s && YamlNodes.scalar(s) != null) {
                        choices.add(YamlNodes.scalar(s));
                    } else {
                        error(c, path + ".choices", "each choice must be a number, a string or a boolean");
                    }
                }
                if (flag) {
                    warning(choicesEntry.keyNode(), path + ".choices", "'choices' do not apply to flag parameters");
                }
            } else {
                error(choicesEntry.valueNode(), path + ".choices", "'choices' must be a list");
            }
        }
        String description = string(entries, "description", path, false, node, "a parameter");
        string(entries, "category", path, false, node, "a parameter");
        Boolean optional = bool(entries, "optional", path);
        String passAs = string(entries, "pass-as", path, false, node, "a parameter");
        String passTrueAs = string(entries, "pass-true-as", path, false, node, "a parameter");
        String passFalseAs = string(entries, "pass-false-as", path, false, node, "a parameter");
        if (!flag) {
            for (String k : List.of("pass-true-as", "pass-false-as")) {
                if (entries.containsKey(k)) {
                    warning(entries.get(k).keyNode(), path + "." + k, "'" + k + "' only applies to flag parameters;"
                            + " it is ignored");
                }
            }
            passTrueAs = null;
            passFalseAs = null;
        } else {
            if (passFalseAs != null) {
                warning(entries.get("pass-false-as").keyNode(), path + ".pass-false-as", "'pass-false-as' is not"
                        + " supported by Parzen: a false flag passes nothing");
            }
            if (passAs != null && (passTrueAs != null || passFalseAs != null)) {
                warning(entries.get("pass-as").keyNode(), path + ".pass-as", "'pass-as' is not used when"
                        + " 'pass-true-as' or 'pass-false-as' is set");
            }
        }
        if (passAs != null && passAs.isBlank()) {
            error(entries.get("pass-as").valueNode(), path + ".pass-as", "'pass-as' is empty");
        }
        Object defaultValue = null;
        Entry d = entries.get("default");
        if (d != null && !YamlNodes.isNull(d.valueNode())) {
            defaultValue = YamlNodes.toJava(d.valueNode(), path + ".default", this);
            if (flag && defaultValue == null) {
                defaultValue = null;
            } else if (flag && d.valueNode() instanceof ScalarNode s && bool(s) != null) {
                defaultValue = bool(s);
            }
        }
        if (name == null) {
            return null;
        }
        StepParameter sp = new StepParameter(name, type, defaultValue, min, max, choices == null ? null
                : List.copyOf(choices), description, Boolean.TRUE.equals(optional), passAs, passTrueAs, passFalseAs,
                multiple == null ? "none" : multiple, separator == null ? "," : separator, YamlNodes.line(node),
                YamlNodes.column(node));
        if (d != null && defaultValue != null) {
            String problem = checkDefault(sp, defaultValue);
            if (problem != null) {
                error(d.valueNode(), path + ".default", "default " + problem);
            }
        }
        return sp;
    }

    /**
     * Why a value (a default, a parameter-set value, a variant value or item) is not valid for the parameter,
     * or null: a list only for a parameter with {@code multiple}, each item as {@link #checkValue}.
     */
    private static String checkDefault(StepParameter sp, Object value) {
        if (value instanceof List<?> list) {
            if ("none".equals(sp.multiple())) {
                return "is a list, but parameter \"" + sp.name() + "\" does not set 'multiple' (repeat or separate)";
            }
            for (Object v : list) {
                String p = checkValue(sp, v);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        return checkValue(sp, value);
    }

    /**
     * Why a single value is not valid for a step parameter, as Valohai validates it
     * ({@code int(str(v), 10)}, {@code float(str(v))}, min, max, choices), or null.
     */
    static String checkValue(StepParameter sp, Object v) {
        if (v == null) {
            return "is empty";
        }
        if (v instanceof Map || v instanceof List) {
            return "must be a number, a string or a boolean";
        }
        Double numeric = null;
        switch (sp.type()) {
            case "integer" -> {
                if (v instanceof Long l) {
                    numeric = l.doubleValue();
                } else if (v instanceof String s && s.trim().matches("[+-]?\\d+")) {
                    numeric = Double.parseDouble(s.trim());
                } else {
                    return "'" + v + "' is not a valid integer for parameter \"" + sp.name() + "\"";
                }
            }
            case "float" -> {
                if (v instanceof Number n) {
                    numeric = n.doubleValue();
                } else {
                    try {
                        numeric = v instanceof String s ? Double.parseDouble(s.trim()) : null;
                    } catch (NumberFormatException e) {
                        numeric = null;
                    }
                    if (numeric == null) {
                        return "'" + v + "' is not a valid float for parameter \"" + sp.name() + "\"";
                    }
                }
            }
            case "flag" -> {
                if (!(v instanceof Boolean)) {
                    return "'" + v + "' is not true or false, as flag parameter \"" + sp.name() + "\" needs";
                }
            }
            default -> {
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    return "must be a string";
                }
            }
        }
        if (numeric != null) {
            if (sp.min() != null && numeric < sp.min()) {
                return fmt(numeric) + " is less than the minimum " + fmt(sp.min()) + " of parameter \"" + sp.name()
                        + "\"";
            }
            if (sp.max() != null && numeric > sp.max()) {
                return fmt(numeric) + " is greater than the maximum " + fmt(sp.max()) + " of parameter \""
                        + sp.name() + "\"";
            }
        }
        if (sp.choices() != null && !sp.choices().isEmpty() && !"flag".equals(sp.type())) {
            boolean found = sp.choices().stream().anyMatch(c -> sameValue(c, v));
            if (!found) {
                return "'" + v + "' is not one of the choices " + sp.choices() + " of parameter \"" + sp.name() + "\"";
            }
        }
        return null;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return String.valueOf(a).equals(String.valueOf(b));
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    // ----------------------------------------------------------------- tasks

    private void parseTask(Node node, int item, String itemPath) {
        Map<String, Entry> entries = mapping(node, e -> itemPath(e, "task", itemPath), "a task", TASK_KEYS);
        if (entries == null) {
            return;
        }
        String path = itemPath(entries, "task", itemPath);
        String name = string(entries, "name", path, true, node, "a task");
        String step = string(entries, "step", path, true, node, "a task");
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
                YamlNodes.line(node), YamlNodes.column(node));
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

    private void checkStopCondition(String expression, Node node, String path, String taskName) {
        checkExpression(expression, node, path, "Task " + (taskName == null ? "" : taskName + ", "));
    }

    /**
     * @param owner how the message starts: {@code "Task NAME, "} or {@code "Step NAME, "}
     * @return whether the expression parses (else an error was reported at the wrong character)
     */
    private boolean checkExpression(String expression, Node node, String path, String owner) {
        try {
            StopCondition.parse(expression);
            return true;
        } catch (ConditionSyntaxException e) {
            int offset = ExpressionColumns.offset(node, expression, e.position());
            errorAt(node, offset, path + ".stop-condition", owner + "`stop-condition` is not a valid expression: "
                    + e.getMessage());
            return false;
        }
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

    // ----------------------------------------------------------------- task -> TaskSpec

    /** Cross-checks a task against its step and builds its TaskSpec (left null on errors). */
    private void compile(TaskDraft d) {
        manualSearchAsGrid(d);
        TaskBlueprint t = d.task;
        String path = "task \"" + t.name() + "\"";
        int errorsBefore = errorCount();
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
            return;
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
                Map<String, Entry> setEntries = YamlNodes.entries((MappingNode) setNode, "", new SilentSink());
                for (Map.Entry<String, Object> e : set.entrySet()) {
                    Node at = setEntries.containsKey(e.getKey()) ? setEntries.get(e.getKey()).valueNode() : setNode;
                    Optional<StepParameter> sp = step.parameter(e.getKey());
                    if (sp.isEmpty()) {
                        error(setEntries.containsKey(e.getKey()) ? setEntries.get(e.getKey()).keyNode() : setNode,
                                path + ".parameter-sets[" + i + "]." + e.getKey(), "step \"" + step.name()
                                        + "\" has no parameter \"" + e.getKey() + "\"; its parameters: " + names(step));
                        continue;
                    }
                    String problem = checkDefault(sp.get(), e.getValue());
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
                if (gridSize > MAX_EXECUTIONS_LIMIT) {
                    error(d.node, path, "the grid has " + gridSize + " combinations; at most " + MAX_EXECUTIONS_LIMIT
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
            if (t.optimizationTargetMetric() == null || t.optimizationTargetMetric().isBlank()) {
                error(d.node, path, "a bayesian_tpe task needs 'optimization-target-metric': the metadata key to"
                        + " optimize");
            }
            if (t.optimizationTargetValue() == null) {
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
        if (errorCount() > errorsBefore || hasBlockingErrors(d, step)) {
            return;
        }
        // the defaults of a JSON task (maxExecutions is at least 1 here)
        int batchSize = TaskSpecNormalizer.batchSize(t.type(), t.executionBatchSize() == null ? 0
                : t.executionBatchSize(), maxExecutions);
        TargetSpec target = t.optimizationTargetMetric() == null || t.optimizationTargetValue() == null ? null
                : new TargetSpec(t.optimizationTargetMetric().trim(), t.optimizationTargetValue(), null);
        String engine = bayesian ? TaskSpecNormalizer.engine(t.type(), t.engine()) : null; // Valohai: Bayesian only
        // Valohai runs a step's commands through a shell: a single command that may need one stays a list
        boolean list = step.commands().size() > 1 || ShellSyntax.mayNeedShell(step.command());
        d.spec = new TaskSpec(t.name(), t.type(), engine, list ? null : step.command(), null, parameterSpecs(t, step),
                manual ? manualSets(t, step) : null, maxExecutions, batchSize, null, target, t.stopCondition(), null,
                null, t.onChildError(), t.maximumQueuedExecutions(), step.timeLimitSeconds(),
                null, stepStopConditions.get(step.name()), list ? step.commands() : null, inputs.isEmpty() ? null : inputs);
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
                null, t.line(), t.column());
    }

    private boolean hasBlockingErrors(TaskDraft d, Step step) {
        Integer stepItem = stepItems.get(step.name());
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).severity().equals(LintMessage.ERROR)) {
                continue;
            }
            int o = owners.get(i);
            if (o == -1 || o == d.item || Objects.equals(o, stepItem)) {
                return true;
            }
        }
        return false;
    }

    private int errorCount() {
        return (int) messages.stream().filter(m -> m.severity().equals(LintMessage.ERROR)).count();
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
                            (bayesian ? (YamlNodes.Sink) this : new SilentSink()).error(at(ruleEntries, "items", node),
                                    path + ".rules.items", "the value " + v + " is listed twice");
                        }
                    }
                }
            }
            case "linear" -> {
                requireRules(r, List.of("start", "end", "step"), "linear", node, path);
                Double start = num(r.get("start"));
                Double end = num(r.get("end"));
                Double step = num(r.get("step"));
                if (step != null && !(step > 0)) {
                    error(at(ruleEntries, "step", node), path + ".rules.step", "'step' must be greater than 0");
                }
                if (start != null && end != null && end < start) {
                    error(at(ruleEntries, "end", node), path + ".rules.end", "'end' (" + fmt(end)
                            + ") is less than 'start' (" + fmt(start) + ")");
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
                Double base = num(r.get("base"));
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
                Double min = num(r.get("min"));
                Double max = num(r.get("max"));
                if (min != null && max != null && !(min < max)) {
                    error(at(ruleEntries, "max", node), path + ".rules.max", "'max' (" + fmt(max)
                            + ") must be greater than 'min' (" + fmt(min) + ")");
                }
                boolean integer = dist.equals("integer") || sp.type().equals("integer") && dist.equals("uniform");
                boolean notWhole = integer && min != null && max != null
                        && (min != Math.rint(min) || max != Math.rint(max));
                if (notWhole) {
                    error(at(ruleEntries, "min", node), path + ".rules", "integer values need whole 'min' and 'max'");
                }
                Double step = num(r.get("step"));
                if (step != null && !(step > 0)) {
                    error(at(ruleEntries, "step", node), path + ".rules.step", "'step' (the quantization step) must be"
                            + " greater than 0");
                }
                if (dist.equals("loguniform") && bayesian && min != null && max != null && min > 0 && max <= 1) {
                    warning(at(ruleEntries, "min", node), path + ".rules", "Parzen reads loguniform 'min' and 'max' as"
                            + " base-10 exponents (-5 and -1 mean 1e-5..1e-1); " + fmt(min) + ".." + fmt(max)
                            + " means " + 10 + "^" + fmt(min) + ".." + 10 + "^" + fmt(max));
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
        if (count != null && (num(count) < 1 || num(count) != Math.rint(num(count)))) {
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
        String problem = checkDefault(sp, value);
        if (problem != null) {
            error(at, path, "value " + problem);
        }
    }

    private Map<String, Entry> ruleEntries(TaskDraft d, String name) {
        Map<String, Entry> entries = d.variantEntries.get(name);
        if (entries == null || !entries.containsKey("rules") || !(entries.get("rules").valueNode() instanceof MappingNode m)) {
            return Map.of();
        }
        return YamlNodes.entries(m, "", new SilentSink());
    }

    private static Node at(Map<String, Entry> entries, String key, Node fallback) {
        Entry e = entries.get(key);
        return e == null ? fallback : e.valueNode();
    }

    static Double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    /** Number of executions of a grid: the product of every variant parameter's value count ({@link GridSize}). */
    static long gridSize(TaskBlueprint t) {
        return GridSize.product(t.parameters().stream().mapToLong(vp -> GridSize.values(vp.style(), vp.rules())));
    }

    // ----------------------------------------------------------------- ParameterSpecs

    private List<ParameterSpec> parameterSpecs(TaskBlueprint t, Step step) {
        boolean bayesian = t.type().equals("bayesian_tpe");
        boolean manual = t.type().equals("manual_search");
        List<ParameterSpec> out = new ArrayList<>();
        for (StepParameter sp : step.parameters()) {
            String passAs = sp.effectivePassAs();
            if (manual) {
                out.add(withMultiple(new ParameterSpec(sp.name(), null, null, null, null, null, null, null, passAs), sp));
                continue;
            }
            Optional<VariantParameter> vp = t.parameters().stream().filter(v -> v.name().equals(sp.name())).findFirst();
            if (vp.isPresent()) {
                out.add(withMultiple(bayesian ? bayesianSpec(vp.get(), sp, passAs)
                        : new ParameterSpec(sp.name(), null, null, null, null, null, vp.get().style(),
                                new LinkedHashMap<>(vp.get().rules()), passAs), sp));
                continue;
            }
            Object fixed = fixedValue(sp);
            if (fixed == null) {
                continue; // left out of the command, as Valohai does with a None value
            }
            out.add(withMultiple(bayesian
                    ? new ParameterSpec(sp.name(), "categorical", null, null, null, List.of(fixed), null, null, passAs)
                    : new ParameterSpec(sp.name(), null, null, null, null, null, "single",
                            new LinkedHashMap<>(Map.of("value", fixed)), passAs), sp));
        }
        return out;
    }

    /** The spec with the step parameter's {@code multiple} mode and separator (none: unchanged). */
    private static ParameterSpec withMultiple(ParameterSpec spec, StepParameter sp) {
        if ("none".equals(sp.multiple())) {
            return spec;
        }
        return spec.withMultiple(sp.multiple(), sp.multipleSeparator());
    }

    /**
     * The value a parameter the task does not vary gets: its default, a list as it is (the executor renders
     * it per 'multiple'); an empty list is no value (Valohai passes nothing).
     */
    private static Object fixedValue(StepParameter sp) {
        Object v = sp.defaultValue();
        if (v instanceof List<?> list) {
            return list.isEmpty() ? null : List.copyOf(list);
        }
        // Valohai reads the default of a 'multiple' parameter as a list (listify): one item
        return v != null && !"none".equals(sp.multiple()) ? List.of(v) : v;
    }

    private static ParameterSpec bayesianSpec(VariantParameter vp, StepParameter sp, String passAs) {
        Map<String, Object> r = vp.rules();
        boolean integerParam = sp.type().equals("integer");
        switch (vp.style()) {
            case "single":
                return new ParameterSpec(sp.name(), "categorical", null, null, null, List.of(r.get("value")), null,
                        null, passAs);
            case "multiple":
                return new ParameterSpec(sp.name(), "categorical", null, null, null,
                        new ArrayList<>((List<?>) r.get("items")), null, null, passAs);
            case "linear": {
                double start = num(r.get("start"));
                double end = num(r.get("end"));
                double step = num(r.get("step"));
                if (integerParam) {
                    return new ParameterSpec(sp.name(), "integer", start, end, step == 1 ? null : step, null, null,
                            null, passAs);
                }
                return new ParameterSpec(sp.name(), "uniform", start, end, step, null, null, null, passAs);
            }
            case "logspace": {
                double start = num(r.containsKey("start") ? r.get("start") : r.get("min"));
                double end = num(r.containsKey("end") ? r.get("end") : r.get("max"));
                double base = r.get("base") == null ? 10 : num(r.get("base"));
                double scale = Math.log10(base);
                return new ParameterSpec(sp.name(), "loguniform", start * scale, end * scale, null, null, null, null,
                        passAs);
            }
            case "random": {
                String dist = r.get("distribution") == null ? "uniform" : (String) r.get("distribution");
                if (dist.equals("log_uniform") || dist.equals("log-uniform")) {
                    dist = "loguniform";
                }
                if (dist.equals("categorical")) {
                    return new ParameterSpec(sp.name(), "categorical", null, null, null,
                            new ArrayList<>((List<?>) r.get("items")), null, null, passAs);
                }
                if (dist.equals("uniform") && (integerParam || Boolean.TRUE.equals(r.get("integerify")))) {
                    dist = "integer";
                }
                Double q = num(r.get("step"));
                return new ParameterSpec(sp.name(), dist, num(r.get("min")), num(r.get("max")), q, null, null, null,
                        passAs);
            }
            default:
                throw new IllegalStateException(vp.style());
        }
    }

    /** Manual search sets with the defaults of the step parameters a set leaves out. */
    private static List<Map<String, Object>> manualSets(TaskBlueprint t, Step step) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> set : t.parameterSets()) {
            Map<String, Object> full = new LinkedHashMap<>();
            for (StepParameter sp : step.parameters()) {
                Object v = set.containsKey(sp.name()) ? set.get(sp.name()) : fixedValue(sp);
                if (v != null) {
                    full.put(sp.name(), v);
                }
            }
            out.add(full);
        }
        return out;
    }

    /** Swallows messages: for re-reading nodes that were already checked. */
    private static final class SilentSink implements YamlNodes.Sink {
        @Override
        public void error(Node node, String path, String message) {
        }

        @Override
        public void warning(Node node, String path, String message) {
        }
    }
}
