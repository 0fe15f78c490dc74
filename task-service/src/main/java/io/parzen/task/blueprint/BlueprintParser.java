package io.parzen.task.blueprint;

import io.parzen.events.TaskSpec;
import io.parzen.task.blueprint.YamlNodes.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads valohai.yaml into a {@link BlueprintDocument}: one instance per document. See {@link Blueprint}.
 * The units, in the order they run: {@link BlueprintReader} (text to YAML nodes with positions),
 * {@link StepReader} and {@link TaskReader} (each item with Valohai's rules), {@link TaskChecks}
 * (each task against its step), {@link TaskConversion} (a task without errors to its TaskSpec). Every
 * message goes to one {@link Messages}, owned by the item it is about.
 */
final class BlueprintParser extends Reads {

    static final List<String> ITEM_KINDS = List.of("step", "task", "pipeline", "endpoint");

    private final Blueprint.Limits limits;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Integer> stepItems = new HashMap<>();
    private final List<TaskDraft> drafts = new ArrayList<>();
    /** Each step's stop-condition (stops one execution; the task goes on), by step name. */
    private final Map<String, String> stepStopConditions = new HashMap<>();
    private final StepReader stepReader;
    private final TaskReader taskReader;
    /** The composed document, for the whole-file lint; null when it could not be composed. */
    private Node root;

    BlueprintParser(Blueprint.Limits limits) {
        super(new Messages());
        this.limits = limits;
        this.stepReader = new StepReader(messages, steps, stepItems, stepStopConditions);
        this.taskReader = new TaskReader(messages, drafts);
    }

    BlueprintDocument parse(String yaml) {
        root = new BlueprintReader(limits, messages).read(yaml);
        if (root == null) {
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
            messages.owner(index);
            parseItem(item, index);
            index++;
        }
        messages.owner(-1);
        TaskChecks checks = new TaskChecks(messages, steps);
        for (TaskDraft d : drafts) {
            messages.owner(d.item);
            int errorsBefore = messages.errorCount();
            TaskChecks.Checked checked = checks.check(d);
            if (checked != null && messages.errorCount() == errorsBefore
                    && !messages.hasErrorsOf(d.item, stepItems.get(checked.step().name()))) {
                d.spec = TaskConversion.toSpec(d.task, checked.step(), checked.maxExecutions(), checked.inputs(),
                        stepStopConditions.get(checked.step().name()));
            }
        }
        messages.owner(-1);
        return document();
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
        return new BlueprintDocument(steps, tasks, messages.list(), messages.owners(), stepItems, taskItems, specs, root);
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
            case "step" -> stepReader.parseStep(e.valueNode(), path);
            case "task" -> taskReader.parseTask(e.valueNode(), index, path);
            case "pipeline", "endpoint", "deployment", "blueprint" -> warning(e.keyNode(), path, "'" + e.key()
                    + "' items are not supported by Parzen and are ignored");
            default -> error(e.keyNode(), path, "unknown item '" + e.key() + "'; allowed: " + ITEM_KINDS + "."
                    + YamlNodes.suggestion(e.key(), ITEM_KINDS));
        }
    }
}
