package io.parzen.task.blueprint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads step {@code inputs} ({@code [{name, default, optional, ...}]}, {@code default} a URL or a list
 * of URLs) and a task's input overrides ({@code {name: URL or [URLs]}}) into input name to URLs.
 * The URL schemes are checked when the task is created (TaskSpecValidator), not here.
 */
final class BlueprintInputs {

    private BlueprintInputs() {
    }

    /** The step's inputs with their defaults (an input without a default has no URLs); null node: none. */
    static Map<String, List<String>> ofStep(Node node, String path, YamlNodes.Sink sink) {
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        if (node == null || YamlNodes.isNull(node)) {
            return inputs;
        }
        String at = YamlNodes.join(path, "inputs");
        if (!(node instanceof SequenceNode seq)) {
            sink.error(node, at, "'inputs' must be a list of inputs such as '- name: dataset', not a "
                    + YamlNodes.kind(node));
            return inputs;
        }
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode m)) {
                sink.error(item, at, "each input must be a mapping with 'name' (and 'default'), not a "
                        + YamlNodes.kind(item));
                continue;
            }
            String name = null;
            Node defaults = null;
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                if (key.equals("name") && t.getValueNode() instanceof ScalarNode v
                        && YamlNodes.scalar(v) instanceof String s && !s.isBlank()) {
                    name = s.strip();
                } else if (key.equals("default")) {
                    defaults = t.getValueNode();
                }
            }
            if (name == null) {
                sink.error(item, at, "an input needs a 'name' (a string)");
                continue;
            }
            if (inputs.containsKey(name)) {
                sink.error(item, at, "input \"" + name + "\" is defined twice");
                continue;
            }
            inputs.put(name, urls(defaults, at + "." + name + ".default", sink));
        }
        return inputs;
    }

    /** A task's {@code inputs}: name to a URL or a list of URLs; null node: none. */
    static Map<String, List<String>> ofTask(Node node, String path, YamlNodes.Sink sink) {
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        if (node == null || YamlNodes.isNull(node)) {
            return inputs;
        }
        String at = YamlNodes.join(path, "inputs");
        if (!(node instanceof MappingNode m)) {
            sink.error(node, at, "a task's 'inputs' must map input names to a URL or a list of URLs, not a "
                    + YamlNodes.kind(node));
            return inputs;
        }
        for (NodeTuple t : m.getValue()) {
            String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
            inputs.put(name, urls(t.getValueNode(), at + "." + name, sink));
        }
        return inputs;
    }

    private static List<String> urls(Node node, String at, YamlNodes.Sink sink) {
        List<String> urls = new ArrayList<>();
        if (node == null || YamlNodes.isNull(node)) {
            return urls;
        }
        List<Node> items = node instanceof SequenceNode s ? s.getValue() : List.of(node);
        for (Node n : items) {
            if (n instanceof ScalarNode s && YamlNodes.scalar(s) instanceof String str && !str.isBlank()) {
                urls.add(str.strip());
            } else {
                sink.error(n, at, "an input URL must be a non-empty string, not a " + YamlNodes.kind(n));
            }
        }
        return urls;
    }
}
