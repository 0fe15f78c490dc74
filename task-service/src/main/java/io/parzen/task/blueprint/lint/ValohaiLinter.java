package io.parzen.task.blueprint.lint;

import io.parzen.task.blueprint.LintMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Lints a whole valohai.yaml as valohai-yaml's linter does: first the schema (every item, including
 * those Parzen does not run: pipelines, endpoints, deployments, inputs, resources, ...), then,
 * when the schema holds, the rules of its linter (references between items, parameter defaults,
 * expressions, presets). Each message has the line and column of the node it is about.
 *
 * <p>Parzen's own decisions are added where Valohai's server decides: a {@code distributed} task is
 * an error (Parzen runs no distributed workers), a Bayesian task without {@code execution-count}
 * is a warning that says the default.
 */
public final class ValohaiLinter {

    private ValohaiLinter() {
    }

    /** One top-level item: its kind ({@code step}, ...), its index, its value node and its name. */
    record Item(String kind, int index, Node key, Node value, String name) {
        String path() {
            return "[" + index + "]." + kind;
        }
    }

    /**
     * The messages about a composed valohai.yaml (the root node of the document; a YAML syntax error
     * is the parser's to report).
     */
    public static List<LintMessage> lint(Node root) {
        Report report = new Report();
        if (!(root instanceof SequenceNode list)) {
            return report.messages(); // the parser reports a document that is not a list
        }
        List<Item> items = items(list, report);
        for (Item item : items) {
            ValohaiSchema.ITEMS.get(item.kind()).check(item.value(), item.path(), report);
        }
        if (report.hasErrors()) {
            return report.messages(); // as valohai-yaml: no rules on a document that breaks the schema
        }
        duplicateNames(items, report);
        Map<String, Item> steps = byName(items, "step");
        Map<String, Item> tasks = byName(items, "task");
        for (Item item : items) {
            switch (item.kind()) {
                case "step" -> StepRules.lint(item, report);
                case "task" -> TaskRules.lint(item, report);
                case "pipeline", "blueprint" -> new PipelineRules(item, steps, tasks, report).lint();
                case "deployment" -> deployment(item, report);
                default -> {
                }
            }
        }
        return report.messages();
    }

    private static List<Item> items(SequenceNode list, Report report) {
        List<Item> items = new ArrayList<>();
        List<Node> nodes = list.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            String path = "[" + i + "]";
            if (Yaml.kind(n) != Yaml.Kind.OBJECT) {
                report.error(n, path, "an item must be a mapping such as '- step: {...}', not "
                        + Shape.describeNode(n));
                continue;
            }
            Map<String, Node> entries = Yaml.entries(n);
            Map<String, Node> keys = Yaml.keys(n);
            String kind = entries.keySet().stream().filter(ValohaiSchema.ITEMS::containsKey).findFirst().orElse(null);
            if (kind == null) {
                report.warning(n, path, "no known item in " + entries.keySet() + "; valohai.yaml items are "
                        + String.join(", ", ValohaiSchema.ITEM_KINDS) + "; this item is ignored");
                continue;
            }
            for (String other : entries.keySet()) {
                if (!other.equals(kind)) {
                    report.warning(keys.getOrDefault(other, n), path + "." + other, "'" + other + "' next to '" + kind
                            + "' is ignored; is it indented under '" + kind + "'?");
                }
            }
            Node value = entries.get(kind);
            Node nameNode = Yaml.entries(value).get("name");
            items.add(new Item(kind, i, keys.getOrDefault(kind, n), value, Yaml.string(nameNode)));
        }
        return items;
    }

    private static void duplicateNames(List<Item> items, Report report) {
        Set<String> seen = new HashSet<>();
        for (Item item : items) {
            String kind = item.kind().equals("blueprint") ? "pipeline" : item.kind();
            if (item.name() != null && !seen.add(kind + "\u0000" + item.name())) {
                report.warning(Yaml.entries(item.value()).get("name"), item.path() + ".name", "Duplicate " + kind
                        + " name: " + item.name() + "; the later one replaces the earlier");
            }
        }
    }

    private static Map<String, Item> byName(List<Item> items, String kind) {
        Map<String, Item> out = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.kind().equals(kind) && item.name() != null) {
                out.put(item.name(), item); // the later one wins, as in valohai-yaml
            }
        }
        return out;
    }

    private static void deployment(Item item, Report report) {
        Node defaults = Yaml.entries(item.value()).get("defaults");
        if (Yaml.string(Yaml.entries(defaults).get("target")) == null
                || Yaml.string(Yaml.entries(defaults).get("target")).isEmpty()) {
            report.warning(item.key(), item.path(), "Deployment \"" + item.name() + "\" has no defaults.target set,"
                    + " which is required for deployment auto-creation");
        }
    }
}
