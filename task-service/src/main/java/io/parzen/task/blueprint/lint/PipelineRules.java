package io.parzen.task.blueprint.lint;

import io.parzen.task.blueprint.lint.ValohaiLinter.Item;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * valohai-yaml's linter rules for a pipeline: unique node names, references to steps and task
 * blueprints, overrides, edges and pipeline parameters. Parzen does not run pipelines; it checks
 * them so that a valohai.yaml that Valohai refuses is not called valid.
 */
final class PipelineRules {

    static final Set<String> EDGE_TYPES = ordered("parameter", "input", "deployment", "environment-variable",
            "metadata", "output", "file", "dependency");
    private static final Set<String> WHENS = ordered("node-complete", "node-starting", "node-error");
    private static final Set<String> THENS = ordered("noop", "stop-pipeline", "error-pipeline");
    private static final Set<String> OVERRIDABLE = ordered("command", "environment", "environment-variables",
            "image", "inputs", "mounts", "parameters", "runtime-config-preset");

    /** A set that iterates in the order given, so messages listing it read the same in every run. */
    private static Set<String> ordered(String... words) {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(java.util.List.of(words)));
    }

    private final Item pipeline;
    private final Map<String, Item> steps;
    private final Map<String, Item> tasks;
    private final Report report;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final String name;

    PipelineRules(Item pipeline, Map<String, Item> steps, Map<String, Item> tasks, Report report) {
        this.pipeline = pipeline;
        this.steps = steps;
        this.tasks = tasks;
        this.report = report;
        this.name = pipeline.name();
    }

    void lint() {
        Map<String, Node> e = Yaml.entries(pipeline.value());
        List<Node> nodeList = Yaml.items(e.get("nodes"));
        Map<String, Integer> counts = new HashMap<>();
        for (Node n : nodeList) {
            String nodeName = Yaml.string(Yaml.entries(n).get("name"));
            nodes.putIfAbsent(nodeName, n);
            counts.merge(nodeName, 1, Integer::sum);
        }
        counts.forEach((nodeName, times) -> {
            if (times > 1) {
                report.error(Yaml.entries(pipeline.value()).get("nodes"), path("nodes"), "Pipeline " + name + " has "
                        + times + " nodes with the same name of " + nodeName);
            }
        });
        for (int i = 0; i < nodeList.size(); i++) {
            node(nodeList.get(i), path("nodes[" + i + "]"));
        }
        List<Node> edges = Yaml.items(e.get("edges"));
        for (int i = 0; i < edges.size(); i++) {
            edge(edges.get(i), path("edges[" + i + "]"));
        }
        List<Node> parameters = Yaml.items(e.get("parameters"));
        for (int i = 0; i < parameters.size(); i++) {
            parameter(parameters.get(i), path("parameters[" + i + "]"));
        }
    }

    private String path(String rest) {
        return pipeline.path() + "." + rest;
    }

    // ----------------------------------------------------------------- nodes

    private void node(Node node, String path) {
        Map<String, Node> e = Yaml.entries(node);
        String nodeName = Yaml.string(e.get("name"));
        List<Node> actions = Yaml.items(e.get("actions"));
        for (int i = 0; i < actions.size(); i++) {
            action(actions.get(i), path + ".actions[" + i + "]");
        }
        String type = Yaml.string(e.get("type"));
        if ("deployment".equals(type) || Yaml.truthy(Yaml.value(e.get("commit")))) {
            return; // a commit means the step comes from another valohai.yaml: nothing to check here
        }
        String prefix = "Pipeline \"" + name + "\" node \"" + nodeName + "\"";
        String task = Yaml.string(e.get("task"));
        if (task != null) {
            Item blueprint = tasks.get(task);
            String taskPrefix = prefix + " task \"" + task + "\"";
            if (blueprint == null) {
                report.error(e.get("task"), path + ".task", taskPrefix + " does not exist");
                return;
            }
            String stepName = Yaml.string(Yaml.entries(blueprint.value()).get("step"));
            Item step = steps.get(stepName);
            if (step == null) {
                report.error(e.get("task"), path + ".task", taskPrefix + ": task's step \"" + stepName
                        + "\" does not exist");
                return;
            }
            override(e.get("override"), step, path + ".override", taskPrefix);
        }
        String stepName = Yaml.string(e.get("step"));
        if (stepName != null) {
            String stepPrefix = prefix + " step \"" + stepName + "\"";
            Item step = steps.get(stepName);
            if (step == null) {
                report.error(e.get("step"), path + ".step", stepPrefix + " does not exist");
                return;
            }
            override(e.get("override"), step, path + ".override", stepPrefix);
        }
    }

    private void action(Node action, String path) {
        Map<String, Node> e = Yaml.entries(action);
        for (String when : strings(e.get("when"))) {
            if (!WHENS.contains(when)) {
                report.warning(e.get("when"), path + ".when", "\"when\" value " + when + " is not well-known; the"
                        + " action might never be triggered (well-known: " + String.join(", ", WHENS) + ")");
            }
        }
        for (String then : strings(e.get("then"))) {
            if (!THENS.contains(then)) {
                report.warning(e.get("then"), path + ".then", "\"then\" value " + then + " is not well-known; the"
                        + " action might do nothing (well-known: " + String.join(", ", THENS) + ")");
            }
        }
    }

    private void override(Node override, Item step, String path, String prefix) {
        if (override == null) {
            return;
        }
        Map<String, Node> e = Yaml.entries(override);
        Map<String, Node> keys = Yaml.keys(override);
        for (String key : e.keySet()) {
            if (!OVERRIDABLE.contains(key)) {
                report.warning(keys.getOrDefault(key, override), path + "." + key, "Unknown field '" + key
                        + "' in override; should it be nested under `parameters` or `inputs`?");
            }
        }
        Map<String, Node> stepEntries = Yaml.entries(step.value());
        Set<String> stepInputs = names(stepEntries.get("inputs"));
        Set<String> stepParameters = names(stepEntries.get("parameters"));
        for (Node input : Yaml.items(e.get("inputs"))) {
            String inputName = Yaml.string(Yaml.entries(input).get("name"));
            if (!stepInputs.contains(inputName)) {
                report.error(input, path + ".inputs", prefix + ": input " + inputName + " does not exist in step");
            }
        }
        for (Node parameter : Yaml.items(e.get("parameters"))) {
            String parameterName = Yaml.string(Yaml.entries(parameter).get("name"));
            if (!stepParameters.contains(parameterName)) {
                report.error(parameter, path + ".parameters", prefix + ": parameter " + parameterName
                        + " does not exist in step");
            }
        }
        StepRules.presetNeedsEnvironment(override, path, prefix, report);
    }

    // ----------------------------------------------------------------- edges

    private void edge(Node edge, String path) {
        Node source;
        Node target;
        if (Yaml.kind(edge) == Yaml.Kind.ARRAY) {
            List<Node> parts = Yaml.items(edge);
            if (parts.size() != 2) {
                report.error(edge, path, "Malformed edge shorthand " + Yaml.value(edge)
                        + ": a shorthand edge is [source, target]");
                return;
            }
            source = parts.get(0);
            target = parts.get(1);
        } else {
            source = Yaml.entries(edge).get("source");
            target = Yaml.entries(edge).get("target");
        }
        String[] s = socket(source, "Source", path + ".source");
        String[] t = socket(target, "Target", path + ".target");
        if (s == null || t == null) {
            return;
        }
        if (!nodes.containsKey(s[0])) {
            report.error(source, path + ".source", "Pipeline " + name + " edge source node " + s[0]
                    + " does not exist");
        }
        if (!nodes.containsKey(t[0])) {
            report.error(target, path + ".target", "Pipeline " + name + " edge target node " + t[0]
                    + " does not exist");
        }
        if (!EDGE_TYPES.contains(s[1])) {
            report.error(source, path + ".source", "Pipeline " + name + " source type " + s[1] + " (between " + s[0]
                    + " and " + t[0] + ") not valid; allowed: " + String.join(", ", EDGE_TYPES));
        }
        if (!EDGE_TYPES.contains(t[1])) {
            report.error(target, path + ".target", "Pipeline " + name + " target type " + t[1] + " (between " + s[0]
                    + " and " + t[0] + ") not valid; allowed: " + String.join(", ", EDGE_TYPES));
        }
    }

    /** node, type, key of a socket string such as {@code train.output.model.pkl}; null after an error. */
    private String[] socket(Node node, String what, String path) {
        String text = Yaml.string(node);
        String[] parts = text.split("\\.", 3);
        if (parts.length != 3) {
            report.error(node, path, what + " specifier '" + text + "' must have 3 parts (it has " + parts.length
                    + "): node.type.key");
            return null;
        }
        return parts;
    }

    // ----------------------------------------------------------------- parameters

    private void parameter(Node parameter, String path) {
        Map<String, Node> e = Yaml.entries(parameter);
        String parameterName = Yaml.string(e.get("name"));
        String prefix = "Pipeline \"" + name + "\" parameter \"" + parameterName + "\"";
        Node targetsNode = e.containsKey("targets") ? e.get("targets") : e.get("target");
        if (e.containsKey("target") && e.containsKey("targets")) {
            report.error(parameter, path, prefix + ": has both 'target' and 'targets'; give one");
            return;
        }
        List<String> targets = strings(targetsNode);
        if (targets.isEmpty()) {
            report.warning(parameter, path, prefix + ": no targets.");
        }
        for (String target : targets) {
            String[] parts = target.split("\\.", 3);
            String at = path + (e.containsKey("targets") ? ".targets" : ".target");
            if (parts.length != 3) {
                report.error(targetsNode, at, prefix + " target \"" + target + "\": must be node.parameter.name");
                continue;
            }
            if (!parts[1].startsWith("parameter")) {
                report.error(targetsNode, at, prefix + " target \"" + target + "\": socket type \"" + parts[1]
                        + "\" is not supported.");
            }
            Node node = nodes.get(parts[0]);
            if (node == null) {
                report.error(targetsNode, at, prefix + " target \"" + target + "\": the node \"" + parts[0]
                        + "\" does not exist.");
                continue;
            }
            Map<String, Node> ne = Yaml.entries(node);
            Item step = steps.get(Yaml.string(ne.get("step")));
            if ("execution".equals(Yaml.string(ne.get("type"))) && step != null
                    && !names(Yaml.entries(step.value()).get("parameters")).contains(parts[2])) {
                report.error(targetsNode, at, prefix + " target \"" + target + "\": the parameter \"" + parts[2]
                        + "\" does not exist in step \"" + step.name() + "\".");
            }
        }
    }

    // ----------------------------------------------------------------- helpers

    private static List<String> strings(Node node) {
        if (node == null) {
            return List.of();
        }
        if (Yaml.kind(node) == Yaml.Kind.ARRAY) {
            return Yaml.items(node).stream().map(Yaml::string).filter(s -> s != null).toList();
        }
        String s = Yaml.string(node);
        return s == null ? List.of() : List.of(s);
    }

    private static Set<String> names(Node list) {
        Set<String> out = new java.util.HashSet<>();
        for (Node n : Yaml.items(list)) {
            String s = Yaml.string(Yaml.entries(n).get("name"));
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
