package io.parzen.task.blueprint;

import io.parzen.events.TaskSpec;
import io.parzen.task.blueprint.YamlNodes.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** A task of a blueprint as read, with the nodes its messages point at, and its spec once converted. */
final class TaskDraft {
    TaskBlueprint task;
    int item;
    Node node;
    Map<String, Entry> entries = Map.of();
    final Map<String, Node> variantNodes = new LinkedHashMap<>();
    final Map<String, Map<String, Entry>> variantEntries = new HashMap<>();
    final List<Node> setNodes = new ArrayList<>();
    TaskSpec spec;
}
