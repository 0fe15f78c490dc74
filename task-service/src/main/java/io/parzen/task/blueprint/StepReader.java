package io.parzen.task.blueprint;

import io.parzen.task.blueprint.YamlNodes.Entry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the {@code - step:} items of a valohai.yaml with Valohai's rules for a step and its parameters
 * (keys, types, pass-as, multiple, defaults), and keeps each step's stop-condition.
 */
final class StepReader extends Reads {

    static final List<String> STEP_KEYS = List.of("name", "image", "command", "parameters", "inputs", "outputs",
            "environment", "environment-variables", "environment-variable-groups", "mounts", "cache-volumes",
            "resources", "runtime-config-preset", "source-path", "stop-condition", "time-limit", "no-output-timeout",
            "upload-store", "description", "category", "icon");
    /** Step keys Parzen accepts but does not act on (a warning when present). */
    static final List<String> IGNORED_STEP_KEYS = List.of("environment-variables",
            "environment-variable-groups", "mounts", "cache-volumes", "resources", "runtime-config-preset",
            "no-output-timeout", "upload-store");

    static final List<String> PARAMETER_KEYS = List.of("name", "type", "default", "min", "max", "choices",
            "description", "optional", "pass-as", "pass-true-as", "pass-false-as", "multiple", "multiple-separator",
            "category", "widget");
    static final List<String> PARAMETER_TYPES = List.of("integer", "float", "string", "flag");
    static final List<String> MULTIPLE_MODES = List.of("none", "repeat", "separate");

    private final List<Step> steps;
    private final Map<String, Integer> stepItems;
    private final Map<String, String> stepStopConditions;

    /**
     * @param steps where the steps go, in document order
     * @param stepItems each step's item index, by name
     * @param stepStopConditions each step's stop-condition (stops one execution; the task goes on), by name
     */
    StepReader(Messages messages, List<Step> steps, Map<String, Integer> stepItems,
            Map<String, String> stepStopConditions) {
        super(messages);
        this.steps = steps;
        this.stepItems = stepItems;
        this.stepStopConditions = stepStopConditions;
    }

    /** Reads the step of item {@code itemPath}; a valid one joins the steps. */
    void parseStep(Node node, String itemPath) {
        Map<String, Entry> entries = mapping(node, e -> itemPath(e, "step", itemPath), "a step", STEP_KEYS);
        if (entries == null) {
            return;
        }
        String path = itemPath(entries, "step", itemPath);
        String name = string(entries, "name", path, true, node, "a step");
        String image = string(entries, "image", path, true, node, "a step");
        String environment = string(entries, "environment", path, false, node, "a step");
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
        stepItems.put(name, messages.owner());
        steps.add(new Step(name, image, commands != null && commands.size() == 1 ? commands.get(0) : null,
                List.copyOf(parameters), timeLimit, YamlNodes.line(node), YamlNodes.column(node),
                commands == null ? List.of() : commands, inputs, environment));
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
            error(entries.get("max").valueNode(), path + ".max", "'max' (" + StepValues.fmt(max) + ") is less than 'min' ("
                    + StepValues.fmt(min) + ")");
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
            String problem = StepValues.checkDefault(sp, defaultValue);
            if (problem != null) {
                error(d.valueNode(), path + ".default", "default " + problem);
            }
        }
        return sp;
    }
}
